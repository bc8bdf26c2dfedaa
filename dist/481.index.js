export const id = 481;
export const ids = [481];
export const modules = {

/***/ 5481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fastly: () => (/* binding */ Fastly)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8513);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7560);
/* harmony import */ var _helpers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8047);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1926);
/* harmony import */ var _urls_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1226);





/**
 * Fastly: one URL per request (`POST /purge/{host}{path}`), surrogate keys up to 256 a request
 * (`POST /service/{id}/purge`), everything (`POST /service/{id}/purge_all`).
 */
const serviceIdPattern = /^[A-Za-z0-9]+$/;
class Fastly extends _provider_js__WEBPACK_IMPORTED_MODULE_1__/* .Provider */ .K {
    targets(settings) {
        const hosts = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .dedupe */ .Qq)(settings.paths.flatMap((path) => {
            const result = readUrl(path, settings.baseUrl);
            return 'url' in result ? [result.url.host] : [];
        }));
        const targets = hosts.map((host) => ({ label: host, id: host }));
        if (settings.service && (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .purgesKeysOrEverything */ .rj)(settings))
            targets.push(serviceTarget(settings.service));
        return targets;
    }
    group(settings, targets) {
        const errors = [];
        const groups = [];
        const { service } = settings;
        if (service && !serviceIdPattern.test(service)) {
            errors.push(`input service: expected a Fastly service ID (letters and digits, such as SU1Z0isxPaozGVKXdv0eY), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(service)}`);
        }
        const missing = service ? undefined : (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .requiredForKeysOrEverything */ .j_)(settings, 'service', 'Fastly', 'give the service ID (Fastly console, or fastly service list)');
        if (missing)
            errors.push(missing);
        const target = (label) => targets.find((each) => each.label === label) ?? { label, id: label };
        if (settings.scope === 'all') {
            if (settings.soft) {
                errors.push('input soft: Fastly cannot soft-purge everything (purge_all is always a hard purge); remove soft, or soft-purge a surrogate key that every object carries');
            }
            if (service)
                groups.push({ target: target(serviceTarget(service).label), kind: 'everything', items: [] });
            return { groups, errors };
        }
        const urlsByHost = new Map();
        for (const path of settings.paths) {
            const result = readUrl(path, settings.baseUrl);
            if ('error' in result) {
                errors.push(`input paths: ${result.error}`);
                continue;
            }
            const urls = urlsByHost.get(result.url.host) ?? [];
            urls.push(result.url.href);
            urlsByHost.set(result.url.host, urls);
        }
        for (const [host, urls] of urlsByHost)
            groups.push({ target: target(host), kind: 'urls', items: (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .dedupe */ .Qq)(urls) });
        for (const key of settings.keys) {
            if (/\s/.test(key))
                errors.push(`input keys: a surrogate key has no spaces (a Surrogate-Key header separates keys with spaces), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(key)}`);
        }
        if (service && settings.keys.length > 0)
            groups.push({ target: target(serviceTarget(service).label), kind: 'keys', items: settings.keys });
        return { groups, errors };
    }
    signIn(settings) {
        return Promise.resolve({ headers: { 'Fastly-Key': settings.token } });
    }
    request(batch, settings) {
        // The header's presence alone makes a purge soft, whatever its value: send it only when asked.
        const soft = settings.soft === true ? { 'Fastly-Soft-Purge': '1' } : {};
        const service = encodeURIComponent(batch.target.id);
        if (batch.kind === 'everything')
            return { method: 'POST', path: `/service/${service}/purge_all`, headers: { Accept: 'application/json' } };
        if (batch.kind === 'keys') {
            return {
                method: 'POST',
                path: `/service/${service}/purge`,
                headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...soft },
                body: JSON.stringify({ surrogate_keys: batch.items }),
            };
        }
        const url = new URL(batch.items[0]);
        return { method: 'POST', path: `/purge/${url.host}${url.pathname}${url.search}`, headers: { Accept: 'application/json', ...soft } };
    }
    readAnswer(answer, batch) {
        const body = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJson */ .qF)(answer.body);
        if ((0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isSuccess */ .oJ)(answer.status)) {
            if (batch.kind === 'keys' && (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(body)) {
                // A map of each key to its purge id.
                return { ok: true, ids: batch.items.flatMap((key) => (typeof body[key] === 'string' ? [body[key]] : [])) };
            }
            if ((0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(body) && body.status === 'ok')
                return { ok: true, ...(typeof body.id === 'string' ? { id: body.id } : {}) };
            return { ok: false, error: `HTTP ${answer.status}, not a Fastly purge answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
        }
        return failure(answer, body);
    }
}
function serviceTarget(service) {
    return { label: `service ${service}`, id: service };
}
function failure(answer, body) {
    const reason = errorText(body) ?? (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body);
    const error = `HTTP ${answer.status}, Fastly: ${reason}${hint(answer)}`;
    // Fastly's API limit answers 429 with the end of the window in epoch seconds, not Retry-After.
    const reset = Number((0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .header */ .wx)(answer, 'fastly-ratelimit-reset'));
    if (answer.status === 429 && Number.isFinite(reset) && reset > 0) {
        return { ok: false, error, retryAfterMs: Math.max(0, reset * 1000 - Date.now()) };
    }
    return { ok: false, error };
}
/** Fastly's error shapes: `{msg, detail}`, `{status: "fail", reason}`, JSON:API `{errors: [...]}`. */
function errorText(body) {
    if (!(0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(body))
        return undefined;
    if (Array.isArray(body.errors)) {
        const parts = body.errors.filter(_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv).map((error) => joinDefined(error.title ?? error.message, error.detail)).filter(Boolean);
        if (parts.length > 0)
            return parts.join('; ');
    }
    if (typeof body.msg === 'string')
        return joinDefined(body.msg, body.detail);
    if (typeof body.reason === 'string')
        return body.reason;
    if (typeof body.title === 'string')
        return joinDefined(body.title, body.detail);
    return undefined;
}
function hint(answer) {
    if (answer.status === 401)
        return ' (token must be a Fastly API token, sent as Fastly-Key)';
    if (answer.status === 403)
        return ' (the token needs the purge_select scope, or purge_all for scope: all, and access to this service)';
    if (answer.status === 429) {
        const reset = Number((0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .header */ .wx)(answer, 'fastly-ratelimit-reset'));
        return Number.isFinite(reset) && reset > 0 ? ` (Fastly API rate limit; it resets at ${new Date(reset * 1000).toISOString()})` : '';
    }
    return '';
}
function joinDefined(first, second) {
    return [first, second].filter((part) => typeof part === 'string' && part !== '').join(': ');
}
/** An absolute http(s) URL, or a relative path on base-url, with no wildcard. */
function readUrl(path, baseUrl) {
    if (path.includes('*')) {
        return { error: `Fastly has no wildcard purge, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(path)}; tag those objects with a Surrogate-Key header and purge the key with keys instead` };
    }
    const absolute = (0,_urls_js__WEBPACK_IMPORTED_MODULE_4__/* .absoluteUrl */ .r)(path, baseUrl);
    if ('error' in absolute)
        return absolute;
    absolute.url.hash = '';
    return { url: absolute.url };
}


/***/ }),

/***/ 8047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   g3: () => (/* binding */ pollUntil),
/* harmony export */   j_: () => (/* binding */ requiredForKeysOrEverything),
/* harmony export */   oJ: () => (/* binding */ isSuccess),
/* harmony export */   px: () => (/* binding */ callApi),
/* harmony export */   qF: () => (/* binding */ parseJson),
/* harmony export */   rj: () => (/* binding */ purgesKeysOrEverything),
/* harmony export */   uk: () => (/* binding */ wait)
/* harmony export */ });
/** What several providers do alike, written once. */
/** A 2xx status. */
function isSuccess(status) {
    return status >= 200 && status < 300;
}
/** The JSON in `text`, or undefined when it is none. */
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * Keys and `scope: all` purge a whole service or zone (Fastly service, Bunny pull zone): the
 * error when its input is missing, for a run that needs it.
 */
function requiredForKeysOrEverything(settings, input, title, hint) {
    if (settings.scope !== 'all' && settings.keys.length === 0)
        return undefined;
    return `input ${input}: required for ${settings.scope === 'all' ? 'scope: all' : 'keys'} on ${title}; ${hint}`;
}
/** Whether keys or `scope: all` are asked for, which purge a whole service or zone. */
function purgesKeysOrEverything(settings) {
    return settings.scope === 'all' || settings.keys.length > 0;
}
/** One API call of a provider's own (a lookup, a status poll), authenticated like its purges. */
function callApi(api, request, read) {
    return api.http.send({
        url: api.apiUrl + request.path,
        method: request.method,
        headers: { ...api.headers, ...request.headers },
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.pace !== undefined ? { pace: request.pace } : {}),
        ...(api.sign ? { sign: api.sign } : {}),
    }, read);
}
/** Waits `ms`, sped up by the time scale (tests). */
function wait(api, ms) {
    return api.sleep(ms / api.timeScale);
}
/**
 * Polls until `poll` says done or failed, waiting `delayMs(pollsDone, retryAfterMs)` between
 * polls. When the next wait would end past the step's deadline it stops and returns the last
 * pending state as `timedOut` (the purge goes on without us). The clock and the sleep are the
 * API context's; CDN_PURGE_TIME_SCALE shortens the waits in tests.
 */
async function pollUntil(api, poll, delayMs) {
    for (let pollsDone = 1;; pollsDone++) {
        const state = await poll();
        if (!('pending' in state))
            return state;
        const waitMs = delayMs(pollsDone, state.retryAfterMs) / api.timeScale;
        if (api.now() + waitMs >= api.http.deadline)
            return { timedOut: state.pending };
        await api.sleep(waitMs);
    }
}


/***/ }),

/***/ 1926:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ Provider)
/* harmony export */ });
/**
 * # The provider seam: how a CDN plugs in
 *
 * A provider is two modules in its own folder, `src/providers/<name>/`:
 *
 * - `description.ts`, data only, loaded in every run: its name and title, its own inputs (zod/mini
 *   schemas from src/inputs/schemas.ts, which are required, which list what to purge), its token
 *   rule, default API URL, batch sizes, concurrency, pacing, capabilities and cache-status style.
 *   The inputs module derives everything from the descriptions: which input applies to which
 *   provider ("input zone: does not apply to provider fastly; it is for cloudflare"), the
 *   required and token checks, and the typed options each provider reads
 *   (`Settings<OptionsOf<typeof description>>`: the common settings plus its own inputs).
 * - `provider.ts`, its behaviour, loaded only when it is the one chosen: a short class that
 *   extends `Provider` below, exported; the registry makes it with its description (the class
 *   imports the description's types only: see index.ts). Five members are required:
 *     - `targets(settings)`: what the purge goes to, as the inputs name it (zone, service...);
 *     - `group(settings, targets)`: pure; every item checked (input errors name the input) and
 *       grouped into batches by target and kind (plan.ts cuts them to the batch size);
 *     - `signIn(settings, context)`: async; the headers that authenticate every API call and/or a
 *       signer run before each attempt. It gets the HTTP client (same deadline, retries, proxy)
 *       and the run's environment, so it can exchange a GitHub OIDC token for an access token;
 *       anything secret it obtains goes to `context.registerSecret` first. Never called in a
 *       dry-run, nor when there is nothing to send;
 *     - `request(batch, settings)`: the API request for one batch (pure: a dry-run shows it);
 *     - `readAnswer(answer, batch)`: the provider's answer -> purged, or failed and why.
 *   The rest have defaults, overridden where a CDN needs them: `apiUrl` (from the settings),
 *   `credentials` (checks and secrets known before anything is sent), `resolveTargets` (API
 *   lookups, Cloudflare's zone names), `settle` (after every batch: `wait` polling, with
 *   `pollUntil` from helpers.ts), `explainNetworkError`.
 *
 * Shared helpers for providers: src/providers/helpers.ts (isSuccess, parseJson, isObject,
 * callApi, pollUntil, wait, requiredForKeysOrEverything), urls.ts (absoluteUrl), src/inputs/lists.ts
 * (quote, dedupe, parseHttpUrl), src/http/client.ts (bodySnippet, header, formatSeconds).
 *
 * To add a CDN:
 *   1. its name in names.ts;
 *   2. its folder: description.ts and provider.ts (plus helper modules of its own: signing, an
 *      OIDC exchange...). provider.ts imports description.ts for types only (`import type`);
 *      a constant both need goes in a small module of its own (cloudfront/limits.ts);
 *   3. in index.ts: the description's import and its entry in `descriptions`, and the lazy
 *      `import()` of the class in `behaviours`;
 *   4. its inputs in action.yml and its README section (a test checks both list every input);
 *   5. its emulator in test/emulators/, its tests, and its line in test/support/providers.ts.
 * Nothing else names a provider. An input two providers share (`base-url`) is declared by both
 * descriptions with the same schema. A provider that can `wait`, `soft`-purge or purge `tags`
 * joins the "it is for ..." list in the error for that input, which a few tests in
 * test/unit/inputs.test.ts spell out in full. A new cache-status style goes in
 * src/after-purge/cache-status.ts.
 *
 * Edgio (src/providers/edgio/) is the smallest complete example: a token header, one target,
 * three kinds of items, no lookups and no waiting. CloudFront shows a signer and `wait`;
 * Cloudflare shows `resolveTargets`.
 */
class Provider {
    description;
    /** Given by the registry (index.ts): the behaviour's chunk does not load the description's schemas again. */
    constructor(description) {
        this.description = description;
    }
    /** The API URL: `api-url`, else the description's default. */
    apiUrl(settings) {
        return settings.apiUrl ?? this.description.defaultApiUrl;
    }
    /**
     * Credentials beyond a plain token (parsed from `token`, or read from the environment), checked
     * before anything is sent: their secret values, masked before anything is logged, and input
     * errors, reported with the others.
     */
    credentials(_settings) {
        return { secrets: [], errors: [] };
    }
    /**
     * Looks the targets up through the API, when sending for real (Cloudflare zone names). The
     * batches are planned again only for targets it changed (a new array).
     */
    resolveTargets(targets, _settings, _api) {
        return Promise.resolve(targets);
    }
    /**
     * Lines the log shows before anything is sent, and in a dry-run: what the plan will take
     * (DigitalOcean: how long its pacing lasts).
     */
    planNotes(_batches, _settings) {
        return [];
    }
    /** Runs after every batch was sent, e.g. polling asynchronous purges (`wait`). May split a result (see `continued`). */
    settle(_results, _settings, _api) {
        return Promise.resolve();
    }
    /** Adds what the provider knows about its API host being unreachable (DNS failure, refused). */
    explainNetworkError(message, _apiUrl) {
        return message;
    }
}


/***/ }),

/***/ 1226:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ absoluteUrl)
/* harmony export */ });
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7560);

/**
 * A `paths` item as the absolute http(s) URL visitors request: as written, or relative to
 * `base-url`. The text is kept exactly as written (query included); `url` is it parsed.
 */
function absoluteUrl(path, baseUrl) {
    let text = path;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(path)) {
        if (!baseUrl)
            return { error: `${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(path)} is not an absolute URL; give base-url (e.g. https://www.example.com) for relative paths, or the full https:// URL` };
        text = `${baseUrl}/${path.replace(/^\/+/, '')}`;
    }
    const url = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHttpUrl */ .f$)(text);
    if (!url) {
        return { error: `expected an http(s) URL such as https://www.example.com/a.css, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(path)}` };
    }
    if (/\s/.test(text))
        return { error: `URLs cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(path)}` };
    return { text, url };
}


/***/ })

};

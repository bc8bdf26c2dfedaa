export const id = 176;
export const ids = [176];
export const modules = {

/***/ 176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bunny: () => (/* binding */ Bunny)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8513);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7560);
/* harmony import */ var _helpers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8047);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1926);




/**
 * Bunny: one URL per request (`POST /purge?url=`), one cache tag per request and the whole pull
 * zone (`POST /pullzone/{id}/purgeCache`). URL purges are paced to Bunny's documented buckets.
 */
const pullZonePattern = /^\d+$/;
const maxTagBytes = 1024;
/** Batch kinds: `urls` (exact), `index-pages` (a URL ending in /, that page only), `prefixes` (a *). */
const urlKinds = ['urls', 'index-pages', 'prefixes'];
class Bunny extends _provider_js__WEBPACK_IMPORTED_MODULE_1__/* .Provider */ .K {
    targets(settings) {
        const hosts = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .dedupe */ .Qq)(settings.paths.flatMap((path) => {
            const result = readUrl(path);
            return 'url' in result ? [result.url.host] : [];
        }));
        const targets = hosts.map((host) => ({ label: host, id: host }));
        if (settings.pullZone && (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .purgesKeysOrEverything */ .rj)(settings))
            targets.push(pullZoneTarget(settings.pullZone));
        return targets;
    }
    group(settings, targets) {
        const errors = [];
        const groups = [];
        const { pullZone } = settings;
        if (pullZone && !pullZonePattern.test(pullZone)) {
            errors.push(`input pull-zone: expected the numeric ID of a pull zone (not its name, and not a storage zone), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(pullZone)}`);
        }
        const missing = pullZone
            ? undefined
            : (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .requiredForKeysOrEverything */ .j_)(settings, 'pull-zone', 'Bunny', "give the pull zone ID (a number, in the pull zone's dashboard URL)");
        if (missing)
            errors.push(missing);
        const target = (label) => targets.find((each) => each.label === label) ?? { label, id: label };
        const zone = pullZone ? target(pullZoneTarget(pullZone).label) : undefined;
        if (settings.scope === 'all') {
            if (zone)
                groups.push({ target: zone, kind: 'everything', items: [] });
            return { groups, errors };
        }
        const byHostAndKind = new Map();
        for (const path of settings.paths) {
            const result = readUrl(path);
            if ('error' in result) {
                errors.push(`input paths: ${result.error}`);
                continue;
            }
            const kind = urlKind(result.text, result.url);
            const key = `${result.url.host} ${kind}`;
            const group = byHostAndKind.get(key) ?? { target: target(result.url.host), kind, items: [] };
            if (!group.items.includes(result.text))
                group.items.push(result.text);
            byHostAndKind.set(key, group);
        }
        groups.push(...byHostAndKind.values());
        for (const tag of settings.keys) {
            if (Buffer.byteLength(tag) > maxTagBytes)
                errors.push(`input keys: a Bunny cache tag (CDN-Tag) is at most ${maxTagBytes} bytes, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(tag)}`);
        }
        if (zone)
            groups.push(...settings.keys.map((tag) => ({ target: zone, kind: 'tags', items: [tag] })));
        return { groups, errors };
    }
    signIn(settings) {
        return Promise.resolve({ headers: { AccessKey: settings.token } });
    }
    request(batch) {
        const zone = encodeURIComponent(batch.target.id);
        if (batch.kind === 'everything')
            return { method: 'POST', path: `/pullzone/${zone}/purgeCache` };
        if (batch.kind === 'tags') {
            return {
                method: 'POST',
                path: `/pullzone/${zone}/purgeCache`,
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ CacheTag: batch.items[0] }),
            };
        }
        // async=false: the answer comes once the purge is done, so "purged" means purged.
        const exactPath = batch.kind === 'index-pages' ? '&exactPath=true' : '';
        return { method: 'POST', path: `/purge?url=${encodeURIComponent(batch.items[0])}&async=false${exactPath}` };
    }
    readAnswer(answer, batch) {
        // 204 is documented, 200 is what the API has been seen to send: any 2xx is a purge.
        if ((0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isSuccess */ .oJ)(answer.status))
            return { ok: true };
        return failure(answer, batch.kind);
    }
}
function pullZoneTarget(pullZone) {
    return { label: `pull zone ${pullZone}`, id: pullZone };
}
function urlKind(text, url) {
    if (text.includes('*'))
        return 'prefixes';
    return url.pathname.endsWith('/') ? 'index-pages' : 'urls';
}
/** Bunny's error body is `{ErrorKey, Field, Message}`. */
function failure(answer, kind) {
    const parsed = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJson */ .qF)(answer.body);
    const body = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(parsed) ? parsed : undefined;
    const errorKey = typeof body?.ErrorKey === 'string' ? body.ErrorKey : undefined;
    const message = typeof body?.Message === 'string' ? body.Message : undefined;
    const field = typeof body?.Field === 'string' && body.Field !== '' ? ` (field ${body.Field})` : '';
    const reason = errorKey || message ? `Bunny error ${errorKey ?? '?'}: ${message ?? ''}${field}` : `Bunny: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}`;
    return { ok: false, error: `HTTP ${answer.status}, ${reason}${hint(answer.status, errorKey, kind)}` };
}
function hint(status, errorKey, kind) {
    if (status === 401) {
        return '; token must be the account API key (Bunny dashboard, Account settings, API key), not a storage zone password, and pull-zone a pull zone ID, not a storage zone ID';
    }
    if (errorKey?.toLowerCase() === 'pullzone.not_found') {
        return urlKinds.includes(kind)
            ? '; no pull zone of this account serves that hostname (purge the pull zone hostname or a custom hostname added to it)'
            : '; check pull-zone: the ID of a pull zone of this account, not a storage zone';
    }
    return '';
}
/** An absolute http(s) URL on one of the pull zone's hostnames, sent as written. */
function readUrl(path) {
    const url = /^https?:\/\//i.test(path) ? (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHttpUrl */ .f$)(path) : undefined;
    if (!url) {
        return { error: `Bunny purges absolute URLs on your pull zone's hostnames, such as https://myzone.b-cdn.net/a.css or https://cdn.example.com/img/*, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(path)}` };
    }
    if (/\s/.test(path))
        return { error: `URLs cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(path)}` };
    return { url, text: path };
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


/***/ })

};

export const id = 886;
export const ids = [886];
export const modules = {

/***/ 8886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Edgio: () => (/* binding */ Edgio)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8513);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7560);
/* harmony import */ var _helpers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8047);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1926);




/**
 * Edgio (formerly Layer0) `POST /api/v1/clear-cache`: one site environment per run, and at most
 * one of paths, surrogate keys or cache hashes per request. A body with none of them clears the
 * whole environment, so that body is built only for `scope: all`.
 */
/** The hosts Edgio itself ran the API on (v7, and Layer0 / Edgio v4 to v6). */
const edgioHosts = ['edgio.app', 'app.layer0.co'];
/** The kinds are the API's own body fields. */
const kinds = ['paths', 'surrogateKeys', 'cacheHashes'];
class Edgio extends _provider_js__WEBPACK_IMPORTED_MODULE_1__/* .Provider */ .K {
    targets(settings) {
        return [{ label: `${settings.team}/${settings.site}/${settings.environment}`, id: '' }];
    }
    group(settings, targets) {
        const target = targets[0];
        if (settings.scope === 'all')
            return { groups: [{ target, kind: 'everything', items: [] }], errors: [] };
        const errors = [];
        const paths = [];
        for (const item of settings.paths) {
            const result = readPath(item);
            if ('error' in result)
                errors.push(`input paths: ${result.error}`);
            else
                paths.push(result.path);
        }
        const lists = { paths: [...new Set(paths)], surrogateKeys: settings.keys, cacheHashes: settings.cacheHashes };
        const inputOf = { paths: 'paths', surrogateKeys: 'keys', cacheHashes: 'cache-hashes' };
        for (const kind of ['surrogateKeys', 'cacheHashes']) {
            for (const item of lists[kind].filter((each) => /\s/.test(each))) {
                errors.push(`input ${inputOf[kind]}: ${kind === 'surrogateKeys' ? 'surrogate keys' : 'cache hashes'} cannot contain spaces, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(item)}`);
            }
        }
        const groups = kinds.filter((kind) => lists[kind].length > 0).map((kind) => ({ target, kind, items: lists[kind] }));
        return { groups, errors };
    }
    signIn(settings) {
        return Promise.resolve({ headers: { 'x-api-key': settings.token } });
    }
    request(batch, settings) {
        // The API reads a body without a list as "clear the whole environment".
        if (batch.kind !== 'everything' && batch.items.length === 0) {
            throw new Error(`refusing to send an empty ${batch.kind} list to Edgio: it would clear the whole environment`);
        }
        const site = { team: settings.team, site: settings.site, environment: settings.environment };
        return {
            method: 'POST',
            path: '/api/v1/clear-cache',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(batch.kind === 'everything' ? site : { ...site, [batch.kind]: batch.items }),
        };
    }
    // The answer's format is not documented: any 2xx is success, whatever its body.
    readAnswer(answer) {
        if (!(0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isSuccess */ .oJ)(answer.status))
            return { ok: false, error: `HTTP ${answer.status}: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
        const id = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJson */ .qF)(answer.body)?.id;
        return typeof id === 'string' || typeof id === 'number' ? { ok: true, id: String(id) } : { ok: true };
    }
    explainNetworkError(message, apiUrl) {
        if (!edgioHosts.includes(URL.parse(apiUrl)?.hostname ?? ''))
            return message;
        return (`${message}. The Edgio platform ended service on 2025-01-15, and its API no longer answers; ` +
            'if your sites moved to a compatible endpoint, set api-url to it');
    }
}
/** A path from the root as given, or an absolute URL reduced to its path and query. */
function readPath(item) {
    if (/\s/.test(item))
        return { error: `paths cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(item)}` };
    if (item.startsWith('/') && !item.startsWith('//'))
        return { path: item };
    const url = /^https?:\/\//i.test(item) ? (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHttpUrl */ .f$)(item) : undefined;
    if (url)
        return { path: `${url.pathname}${url.search}` };
    return { error: `expected a path from the root such as /sports/* or an http(s) URL, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(item)}` };
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

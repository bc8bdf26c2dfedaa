export const id = 964;
export const ids = [964];
export const modules = {

/***/ 9964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cloudimage: () => (/* binding */ Cloudimage),
/* harmony export */   pollDelayMs: () => (/* binding */ pollDelayMs)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8513);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7560);
/* harmony import */ var _helpers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8047);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1926);
/* harmony import */ var _visible_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8357);





/**
 * Cloudimage (Scaleflex) `POST /invalidate`: image URLs with scope `original` (each image and all
 * its resizes), or scope `all`. Invalidation is asynchronous: each request answers a uuid, and
 * with `wait` every uuid is polled at `GET /invalidate/{uuid}` until it is `DONE` or `ERROR`.
 */
const urlForms = '/sample.li/birds.jpg, https://img.example.com/a.jpg, _alias_/images/a.jpg or /v7/sample.li/birds.jpg';
// Polling: Cloudimage says an invalidation takes about 30 s (up to 60 s for `original`), so
// waits grow from 2 s to 10 s. A Retry-After on the status answer, if the API sends one, wins.
const firstPollDelayMs = 2_000;
const maxPollDelayMs = 10_000;
const maxServerPollDelayMs = 60_000;
class Cloudimage extends _provider_js__WEBPACK_IMPORTED_MODULE_2__/* .Provider */ .K {
    targets(settings) {
        return [{ label: new URL(this.apiUrl(settings)).host, id: '' }];
    }
    group(settings, targets) {
        const target = targets[0];
        if (!target)
            return { groups: [], errors: [] };
        if (settings.scope === 'all')
            return { groups: [{ target, kind: 'everything', items: [] }], errors: [] };
        const errors = [];
        for (const url of settings.paths) {
            const problem = urlProblem(url);
            if (problem)
                errors.push(`input paths: ${problem}`);
        }
        return { groups: settings.paths.length > 0 ? [{ target, kind: 'urls', items: settings.paths }] : [], errors };
    }
    signIn(settings) {
        return Promise.resolve({ headers: { 'X-Client-Key': settings.token } });
    }
    request(batch) {
        const body = batch.kind === 'everything' ? { scope: 'all' } : { scope: 'original', urls: batch.items };
        return { method: 'POST', path: '/invalidate', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    }
    readAnswer(answer) {
        return readInvalidation(answer, (invalidation) => {
            const uuid = invalidation?.uuid;
            return typeof uuid === 'string' && uuid !== '' ? { ok: true, id: uuid } : { ok: true };
        });
    }
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        const startedAt = api.now();
        await Promise.all(results.filter((result) => result.status === 'purged').map((result) => waitUntilDone(result, api, startedAt)));
    }
}
/** Why an item is not an image URL Cloudimage can invalidate with scope `original`, if it is not. */
function urlProblem(url) {
    if (/\s/.test(url))
        return `image URLs cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url)}`;
    if (url.includes('?')) {
        return `scope original invalidates an image with all its resizes and takes no query string: give ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url.slice(0, url.indexOf('?')))}, not ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url)}`;
    }
    if (url.includes('#'))
        return `image URLs have no #fragment, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url)}`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        const parsed = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHttpUrl */ .f$)(url);
        if (!parsed) {
            return `expected an image URL such as ${urlForms}, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url)}`;
        }
        if (parsed.hostname.endsWith('.cloudimg.io')) {
            return `${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url)} is a Cloudimage delivery URL; invalidate what follows the token host: ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(parsed.pathname)}`;
        }
    }
    const star = url.indexOf('*');
    if (star !== -1 && star !== url.length - 1) {
        return `a * is allowed only at the end, meaning every image whose URL starts with what comes before it, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(url)}`;
    }
    return undefined;
}
function readInvalidation(answer, onSuccess) {
    if (!(0,_helpers_js__WEBPACK_IMPORTED_MODULE_4__/* .isSuccess */ .oJ)(answer.status))
        return { ok: false, error: `HTTP ${answer.status}: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    const parsed = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_4__/* .parseJson */ .qF)(answer.body);
    if (parsed === undefined)
        return { ok: false, error: `HTTP ${answer.status}, not a Cloudimage API answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    if (parsed?.status !== 'success')
        return { ok: false, error: `HTTP ${answer.status}, status is not success: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    return onSuccess(parsed.invalidation);
}
/** The wait before the next status poll: the API's Retry-After if it sent one, else 2 s growing to 10 s. */
function pollDelayMs(pollsDone, retryAfterMs) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, maxServerPollDelayMs);
    return Math.min(maxPollDelayMs, Math.round(firstPollDelayMs * 1.5 ** (pollsDone - 1)));
}
/** Polls one batch's invalidation until a final state or the deadline; a batch not `DONE` fails. */
async function waitUntilDone(result, api, startedAt) {
    const uuid = result.id;
    const took = () => (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(api.now() - startedAt);
    const outcome = uuid
        ? await (0,_helpers_js__WEBPACK_IMPORTED_MODULE_4__/* .pollUntil */ .g3)(api, async () => {
            const status = await readStatus(uuid, api);
            if ('error' in status)
                return { failed: `could not read the status of invalidation ${uuid}: ${status.error}` };
            if (status.state === 'DONE')
                return { done: `DONE after ${took()}` };
            if (status.state === 'ERROR')
                return { failed: `invalidation ${uuid} ended in ERROR after ${took()} (Cloudimage: try again in a few minutes)` };
            return { pending: status.state, retryAfterMs: status.retryAfterMs };
        }, pollDelayMs)
        : { failed: 'wait: the answer carried no invalidation uuid to poll' };
    if ('done' in outcome) {
        result.detail = outcome.done;
    }
    else {
        result.status = 'failed';
        result.error = 'failed' in outcome ? outcome.failed : `invalidation ${uuid ?? ''} was still ${outcome.timedOut} after ${took()}, when the timeout ran out`;
    }
}
async function readStatus(uuid, api) {
    let seen;
    const { verdict } = await (0,_helpers_js__WEBPACK_IMPORTED_MODULE_4__/* .callApi */ .px)(api, { method: 'GET', path: `/invalidate/${encodeURIComponent(uuid)}` }, (answer) => readInvalidation(answer, (invalidation) => {
        const state = invalidation?.status;
        if (typeof state !== 'string' || state === '')
            return { ok: false, error: `HTTP ${answer.status}, no invalidation.status: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
        seen = { state: (0,_visible_js__WEBPACK_IMPORTED_MODULE_1__/* .showControls */ .mz)(state), retryAfterMs: (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .parseRetryAfter */ .mu)((0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .header */ .wx)(answer, 'retry-after'), Date.now()) };
        return { ok: true };
    }));
    if (!verdict.ok)
        return { error: verdict.error };
    return seen ?? { error: 'no status read' };
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

export const id = 693;
export const ids = [693];
export const modules = {

/***/ 8693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DigitalOcean: () => (/* binding */ DigitalOcean)
});

// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8513);
// EXTERNAL MODULE: ./src/providers/helpers.ts
var helpers = __webpack_require__(8047);
// EXTERNAL MODULE: ./src/providers/provider.ts
var provider = __webpack_require__(1926);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
;// CONCATENATED MODULE: ./src/providers/digitalocean/endpoints.ts


const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
function readEndpointInput(item) {
    if (uuidPattern.test(item))
        return { id: item.toLowerCase() };
    const host = /^https?:\/\//i.test(item) ? URL.parse(item)?.hostname : item.replace(/\.$/, '');
    const domain = host?.toLowerCase();
    if (domain && isHostname(domain))
        return { domain };
    return {
        error: 'input endpoint: expected a CDN endpoint ID (a UUID such as 19f06b6a-3ace-4315-b086-499a0e521b76) or a domain of the endpoint ' +
            `(its *.cdn.digitaloceanspaces.com host, custom domain or origin), got ${(0,lists/* quote */.hD)(item)}`,
    };
}
const maxDomainLength = 253;
function isHostname(text) {
    const labels = text.split('.');
    return text.length <= maxDomainLength && labels.length >= 2 && labels.every((label) => labelPattern.test(label)) && !/^\d+$/.test(labels.at(-1) ?? '');
}
/** One page of `GET /v2/cdn/endpoints`: the endpoints, and whether there is a next page. */
function readEndpointsPage(body) {
    if (!(0,helpers/* isObject */.Gv)(body) || !Array.isArray(body.endpoints))
        return { error: 'the endpoint list answer has no endpoints array' };
    const endpoints = [];
    for (const entry of body.endpoints) {
        if (!(0,helpers/* isObject */.Gv)(entry) || typeof entry.id !== 'string' || !uuidPattern.test(entry.id))
            continue;
        const domains = [entry.endpoint, entry.custom_domain, entry.origin]
            .filter((value) => typeof value === 'string' && value !== '' && value.length <= maxDomainLength)
            .map((value) => value.toLowerCase());
        endpoints.push({ id: entry.id.toLowerCase(), domains });
    }
    const pages = (0,helpers/* isObject */.Gv)(body.links) && (0,helpers/* isObject */.Gv)(body.links.pages) ? body.links.pages : {};
    const total = (0,helpers/* isObject */.Gv)(body.meta) && typeof body.meta.total === 'number' ? body.meta.total : undefined;
    return { endpoints, hasNext: typeof pages.next === 'string' && pages.next !== '', ...(total !== undefined ? { total } : {}) };
}
/** The endpoint a domain names, or why none (or several) do. */
function findEndpoint(domain, endpoints) {
    const matches = endpoints.filter((endpoint) => endpoint.domains.includes(domain));
    if (matches.length === 1)
        return { id: matches[0].id };
    if (matches.length === 0) {
        return {
            error: `input endpoint: no CDN endpoint of this account answers to ${(0,lists/* quote */.hD)(domain)} (looked at ${endpoints.length} endpoints: ` +
                'their cdn.digitaloceanspaces.com hosts, custom domains and origins); give the endpoint ID, or check the token belongs to the right team',
        };
    }
    return { error: `input endpoint: ${(0,lists/* quote */.hD)(domain)} matches ${matches.length} CDN endpoints (${matches.map((each) => each.id).join(', ')}); give the endpoint ID` };
}

// EXTERNAL MODULE: ./src/providers/digitalocean/pacing.ts
var pacing = __webpack_require__(3325);
;// CONCATENATED MODULE: ./src/providers/digitalocean/paths.ts

/**
 * DigitalOcean purges files by their path in the bucket (`index.html`, `assets/css/*`), with no
 * leading `/` (the first-party examples have none; with one is not documented). Pure.
 */
function readBucketPath(item) {
    let path = item;
    if (/^[a-z][a-z0-9+.-]*:/i.test(item)) {
        const url = URL.parse(item);
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
            return { error: `expected a path in the bucket (such as assets/app.css or css/*) or an http(s) URL, got ${(0,lists/* quote */.hD)(item)}` };
        }
        // The contract: an absolute URL is reduced to its path.
        path = url.pathname;
    }
    const file = path.replace(/^\/+/, '');
    if (file === '')
        return { error: `${(0,lists/* quote */.hD)(item)} names no file; give a path in the bucket, or scope: all to purge everything` };
    // A lone * purges the whole endpoint: that takes scope: all, asked for in so many words.
    if (file === '*')
        return { error: `${(0,lists/* quote */.hD)(item)} would purge everything on the endpoint; use scope: all for that` };
    return { file };
}

;// CONCATENATED MODULE: ./src/providers/digitalocean/provider.ts






const perPage = 200;
/** 10,000 endpoints: far more than an account has; a listing that never ends is not followed further. */
const maxPages = 50;
class DigitalOcean extends provider/* Provider */.K {
    targets(settings) {
        return settings.endpoints.map((item) => {
            const input = readEndpointInput(item);
            if ('id' in input)
                return { label: input.id, id: input.id };
            return { label: 'domain' in input ? input.domain : item, id: '', ...('domain' in input ? { name: input.domain } : {}) };
        });
    }
    group(settings, targets) {
        const errors = settings.endpoints.flatMap((item) => {
            const input = readEndpointInput(item);
            return 'error' in input ? [input.error] : [];
        });
        if (settings.scope === 'all')
            return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors };
        const files = new Set();
        for (const item of settings.paths) {
            const result = readBucketPath(item);
            if ('error' in result)
                errors.push(`input paths: ${result.error}`);
            else
                files.add(result.file);
        }
        if (files.size === 0)
            return { groups: [], errors };
        return { groups: targets.map((target) => ({ target, kind: 'files', items: [...files] })), errors };
    }
    signIn(settings) {
        return Promise.resolve({ headers: { Authorization: `Bearer ${settings.token}` } });
    }
    /** Domains become endpoint IDs (every page of the list, read once); an endpoint named twice is purged once. */
    async resolveTargets(targets, _settings, api) {
        const endpoints = targets.some((target) => target.id === '') ? await listEndpoints(api) : [];
        const resolved = new Map();
        for (const target of targets) {
            let id = target.id;
            if (id === '') {
                const found = findEndpoint(target.name ?? target.label, endpoints);
                if ('error' in found)
                    throw new Error(found.error);
                id = found.id;
            }
            // The same endpoint named twice (by ID and by domain) is purged once: never two identical purges.
            if (!resolved.has(id))
                resolved.set(id, { ...target, id, label: target.id === '' ? `${target.label} (${id})` : target.label });
        }
        return [...resolved.values()];
    }
    request(batch) {
        const id = batch.target.id ? encodeURIComponent(batch.target.id) : `{id of ${batch.target.label}}`;
        const files = batch.kind === 'everything' ? ['*'] : batch.items;
        return { method: 'DELETE', path: `/v2/cdn/endpoints/${id}/cache`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files }) };
    }
    readAnswer(answer) {
        return (0,helpers/* isSuccess */.oJ)(answer.status) ? { ok: true } : failure(answer);
    }
    /** Says up front how long the pacing will take (a lookup by domain adds a few seconds). */
    planNotes(batches) {
        return batches.length > 0 ? [(0,pacing/* pacingLine */.P_)(batches.map((batch) => (batch.kind === 'everything' ? 1 : batch.items.length)))] : [];
    }
}
/** Every page of the account's CDN endpoints. */
async function listEndpoints(api) {
    const endpoints = [];
    for (let page = 1; page <= maxPages; page++) {
        const { verdict } = await (0,helpers/* callApi */.px)(api, { method: 'GET', path: `/v2/cdn/endpoints?page=${page}&per_page=${perPage}`, pace: 'lookup' }, (answer) => {
            if (!(0,helpers/* isSuccess */.oJ)(answer.status))
                return failure(answer);
            const read = readEndpointsPage((0,helpers/* parseJson */.qF)(answer.body));
            return 'error' in read ? { ok: false, error: `HTTP ${answer.status}: ${read.error}` } : { ok: true, page: read };
        });
        if (!verdict.ok)
            throw new Error(`looking up the CDN endpoints (GET /v2/cdn/endpoints, which needs the cdn:read scope): ${verdict.error}`);
        const { page: read } = verdict;
        endpoints.push(...read.endpoints);
        if (!read.hasNext || read.endpoints.length === 0)
            return endpoints;
    }
    return endpoints;
}
/** DigitalOcean's error body is `{id, message, request_id}`; a 429 says when to try again. */
function failure(answer) {
    const body = (0,helpers/* parseJson */.qF)(answer.body);
    const id = (0,helpers/* isObject */.Gv)(body) && typeof body.id === 'string' ? body.id.slice(0, 100) : undefined;
    const message = (0,helpers/* isObject */.Gv)(body) && typeof body.message === 'string' ? (0,client/* bodySnippet */.Iu)(body.message) : undefined;
    const reason = id || message ? `DigitalOcean error ${id ?? '?'}: ${message ?? ''}` : `DigitalOcean: ${(0,client/* bodySnippet */.Iu)(answer.body)}`;
    const error = `HTTP ${answer.status}, ${reason}${hint(answer.status)}`;
    const waitMs = answer.status === 429 ? retryAfterMs(answer) : undefined;
    return waitMs === undefined ? { ok: false, error } : { ok: false, error, retryAfterMs: waitMs };
}
/** `Retry-After`, else `ratelimit-reset` (Unix seconds). */
function retryAfterMs(answer) {
    const now = Date.now();
    const retryAfter = (0,client/* parseRetryAfter */.mu)((0,client/* header */.wx)(answer, 'retry-after'), now);
    if (retryAfter !== undefined)
        return retryAfter;
    const reset = (0,client/* header */.wx)(answer, 'ratelimit-reset');
    return reset !== undefined && /^\d{1,12}$/.test(reset.trim()) ? Math.max(0, Number(reset) * 1000 - now) : undefined;
}
function hint(status) {
    if (status === 401)
        return '; check token: a DigitalOcean personal access token (dop_v1_...), not a Spaces access key';
    if (status === 403)
        return '; the token needs the cdn:delete scope (and cdn:read when endpoint is a domain)';
    if (status === 404)
        return '; check endpoint: the CDN endpoint ID, or a domain of the endpoint';
    return '';
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

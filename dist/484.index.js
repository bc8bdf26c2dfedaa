export const id = 484;
export const ids = [484];
export const modules = {

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

/***/ 7484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Jsdelivr: () => (/* binding */ Jsdelivr)
});

// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8513);
// EXTERNAL MODULE: ./src/providers/helpers.ts
var helpers = __webpack_require__(8047);
// EXTERNAL MODULE: ./src/providers/provider.ts
var provider = __webpack_require__(1926);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
;// CONCATENATED MODULE: ./src/providers/jsdelivr/paths.ts

/**
 * jsDelivr's purge API takes paths on cdn.jsdelivr.net: `/gh/user/repo@version/file`,
 * `/npm/[@scope/]package@version/file`, `/wp/...`. Pure.
 */
const projectPrefixes = ['/gh/', '/npm/', '/wp/'];
/** A `paths` item (a jsDelivr URL or its path) as the path the purge API takes, or why not. */
function readJsdelivrPath(item) {
    let path = item;
    if (/^[a-z][a-z0-9+.-]*:/i.test(item)) {
        const url = URL.parse(item);
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !isJsdelivrHost(url.hostname)) {
            return { error: `expected a jsDelivr URL such as https://cdn.jsdelivr.net/gh/acme/site@main/app.js, or its path, got ${(0,lists/* quote */.hD)(item)}` };
        }
        if (url.search !== '')
            return { error: `jsDelivr purges a file by its path, without a query string; drop it from ${(0,lists/* quote */.hD)(item)}` };
        path = url.pathname;
    }
    if (!projectPrefixes.some((prefix) => path.startsWith(prefix))) {
        return { error: `expected a jsDelivr path starting with /gh/, /npm/ or /wp/ (such as /gh/acme/site@main/app.js), got ${(0,lists/* quote */.hD)(item)}` };
    }
    if (path.includes('*'))
        return { error: `jsDelivr has no wildcard purge; list each file, got ${(0,lists/* quote */.hD)(item)}` };
    if (/\s/.test(path))
        return { error: `paths cannot contain spaces (encode them as %20), got ${(0,lists/* quote */.hD)(item)}` };
    if (path.includes('?') || path.includes('#'))
        return { error: `jsDelivr purges a file by its path, without a query string; drop it from ${(0,lists/* quote */.hD)(item)}` };
    const pinned = pinnedVersion(path);
    if (pinned !== undefined)
        return { error: pinnedError(item, pinned) };
    return { path };
}
/** cdn.jsdelivr.net and its mirrors (fastly., gcore., testingcf.jsdelivr.net), not the purge API itself. */
function isJsdelivrHost(hostname) {
    const host = hostname.toLowerCase();
    return host.endsWith('.jsdelivr.net') && host !== 'purge.jsdelivr.net';
}
/**
 * The version a path pins, when it is fixed for good: a full semver (`@1.2.3`, `@v1.2.3`,
 * `@1.2.3-beta.1`) or a 40-hex commit SHA after the project name, or a WordPress tag
 * (`/wp/plugins/name/tags/1.2.3/`). jsDelivr caches those forever and purging them does nothing.
 * A branch, a range (`@1`, `@1.2`, `@^1.2.3`) or `@latest` moves, and is purgeable.
 */
function pinnedVersion(path) {
    const segments = path.split('/');
    if (segments[1] === 'wp') {
        const tagsAt = segments.indexOf('tags');
        const tag = tagsAt > 0 ? segments[tagsAt + 1] : undefined;
        return tag !== undefined && isFullSemver(tag) ? tag : undefined;
    }
    // /gh/user/repo@v, /npm/package@v, /npm/@scope/package@v: the version is in the segment naming the project.
    const projectAt = segments[1] === 'gh' ? 3 : segments[2]?.startsWith('@') ? 3 : 2;
    const project = segments[projectAt] ?? '';
    const at = project.indexOf('@');
    if (at < 0)
        return undefined;
    const version = project.slice(at + 1);
    return isFullSemver(version) || isCommitSha(version) ? version : undefined;
}
/** `1.2.3`, `v1.2.3`, with an optional `-prerelease` and `+build`: one pass over the text, no regex. */
function isFullSemver(text) {
    let index = text.startsWith('v') ? 1 : 0;
    for (let part = 0; part < 3; part++) {
        const start = index;
        while (index < text.length && isDigit(text.charCodeAt(index)))
            index++;
        if (index === start)
            return false;
        if (part < 2) {
            if (text[index] !== '.')
                return false;
            index++;
        }
    }
    if (index === text.length)
        return true;
    if (text[index] !== '-' && text[index] !== '+')
        return false;
    for (index++; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (!isDigit(code) && !isLetter(code) && text[index] !== '.' && text[index] !== '-' && text[index] !== '+')
            return false;
    }
    return true;
}
function isCommitSha(text) {
    if (text.length !== 40)
        return false;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (!isDigit(code) && !((code >= 97 && code <= 102) || (code >= 65 && code <= 70)))
            return false;
    }
    return true;
}
function isDigit(code) {
    return code >= 48 && code <= 57;
}
function isLetter(code) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
function pinnedError(item, version) {
    const what = isCommitSha(version) ? `the commit ${version.slice(0, 12)}...` : `the fixed version ${version}`;
    return (`${(0,lists/* quote */.hD)(item)} names ${what}: jsDelivr caches a fixed version's files for good, because they never change, so purging them does nothing; ` +
        'purge the moving version instead: a branch (@main), a range (@1 or @1.2) or @latest');
}

;// CONCATENATED MODULE: ./src/providers/jsdelivr/status.ts

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;
const providerCode = /^[A-Za-z0-9_-]{1,20}$/;
/** The purge id from the POST answer. */
function readPurgeId(body) {
    const id = (0,helpers/* isObject */.Gv)(body) ? body.id : undefined;
    return typeof id === 'string' && idPattern.test(id) ? { id } : { error: 'the answer carries no purge id' };
}
/** The state of a purge, and once finished, what happened to each path that was sent. */
function readPurgeStatus(body, sent) {
    if (!(0,helpers/* isObject */.Gv)(body))
        return { error: 'the status answer is not a JSON object' };
    if (body.status === 'pending')
        return { state: 'pending' };
    if (body.status === 'failed')
        return { state: 'failed' };
    if (body.status !== 'finished')
        return { error: 'the status answer has no known status (pending, finished or failed)' };
    const reported = (0,helpers/* isObject */.Gv)(body.paths) ? body.paths : {};
    return { state: 'finished', paths: sent.map((path) => outcome(path, Object.hasOwn(reported, path) ? reported[path] : undefined)) };
}
function outcome(path, entry) {
    if (!(0,helpers/* isObject */.Gv)(entry))
        return { path, purged: false, notPurgedBy: [] };
    if (entry.throttled === true)
        return { path, purged: false, throttled: true };
    const providers = (0,helpers/* isObject */.Gv)(entry.providers) ? Object.entries(entry.providers) : [];
    const notPurgedBy = providers.filter(([, purged]) => purged !== true).map(([name]) => (providerCode.test(name) ? name : '?'));
    return notPurgedBy.length === 0 ? { path, purged: true } : { path, purged: false, notPurgedBy };
}

;// CONCATENATED MODULE: ./src/providers/jsdelivr/provider.ts





/** Items are the files' URLs on cdn.jsdelivr.net (what `verify` requests); the API takes their paths. */
const cdnOrigin = 'https://cdn.jsdelivr.net';
/** jsDelivr's own purge tool reads the status every second. */
const pollIntervalMs = 1_000;
const pollConcurrency = 4;
class Jsdelivr extends provider/* Provider */.K {
    targets() {
        return [{ label: 'cdn.jsdelivr.net', id: 'cdn.jsdelivr.net', name: 'cdn.jsdelivr.net' }];
    }
    group(settings, targets) {
        const errors = [];
        if (settings.scope === 'all') {
            errors.push('input scope: jsDelivr cannot purge everything (its purge API takes listed paths only); list the files in paths, or map the changed files with changed-since and path-map');
        }
        const items = new Set();
        for (const item of settings.paths) {
            const result = readJsdelivrPath(item);
            if ('error' in result)
                errors.push(`input paths: ${result.error}`);
            else
                items.add(`${cdnOrigin}${result.path}`);
        }
        return { groups: items.size > 0 ? [{ target: targets[0], kind: 'paths', items: [...items] }] : [], errors };
    }
    signIn() {
        return Promise.resolve({});
    }
    request(batch) {
        return { method: 'POST', path: '/', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: pathsOf(batch) }) };
    }
    readAnswer(answer) {
        if (!(0,helpers/* isSuccess */.oJ)(answer.status))
            return failure(answer);
        const id = readPurgeId((0,helpers/* parseJson */.qF)(answer.body));
        return 'id' in id ? { ok: true, id: id.id } : { ok: false, error: `HTTP ${answer.status}: ${id.error}: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    }
    /** Reads every purge's status until finished, and splits off the paths that were not purged. */
    async settle(results, _settings, api) {
        const accepted = results.filter((result) => result.status === 'purged' && result.id !== undefined);
        const outcomes = await (0,client/* mapConcurrent */._k)(accepted, pollConcurrency, (result) => finalStatus(result, api));
        accepted.forEach((result, index) => {
            const outcome = outcomes[index];
            const at = results.indexOf(result);
            results.splice(at, 1, ...splitResult(result, outcome));
        });
    }
}
function pathsOf(batch) {
    return batch.items.map((item) => item.slice(cdnOrigin.length));
}
async function finalStatus(result, api) {
    const id = result.id;
    const sent = pathsOf(result);
    const outcome = await (0,helpers/* pollUntil */.g3)(api, () => readStatus(id, sent, api), () => pollIntervalMs);
    if ('done' in outcome)
        return { paths: outcome.done };
    if ('failed' in outcome)
        return { failed: outcome.failed };
    return { failed: pendingAtTimeout(id) };
}
function pendingAtTimeout(id) {
    return `still pending at the timeout (jsDelivr purge ${id}): whether these paths were purged is not known`;
}
async function readStatus(id, sent, api) {
    const { verdict, attempts } = await (0,helpers/* callApi */.px)(api, { method: 'GET', path: `/status/${encodeURIComponent(id)}` }, (answer) => (0,helpers/* isSuccess */.oJ)(answer.status) ? { ok: true, body: answer.body } : failure(answer));
    // The deadline came during the wait before this poll.
    if (!verdict.ok && attempts === 0)
        return { failed: pendingAtTimeout(id) };
    if (!verdict.ok)
        return { failed: `reading the status of jsDelivr purge ${id}: ${verdict.error}` };
    const status = readPurgeStatus((0,helpers/* parseJson */.qF)(verdict.body), sent);
    if ('error' in status)
        return { failed: `jsDelivr purge ${id}: ${status.error}` };
    if (status.state === 'pending')
        return { pending: 'pending' };
    if (status.state === 'failed')
        return { failed: `jsDelivr reported purge ${id} failed` };
    return { done: status.paths };
}
/** The result as purged, and, split off it, each group of paths that were not purged and why. */
function splitResult(result, final) {
    if ('failed' in final)
        return [{ ...result, status: 'failed', error: final.failed }];
    const purged = final.paths.filter((path) => path.purged).map((path) => `${cdnOrigin}${path.path}`);
    const byReason = new Map();
    for (const path of final.paths) {
        if (path.purged === true)
            continue;
        const reason = notPurgedReason(path);
        byReason.set(reason, [...(byReason.get(reason) ?? []), `${cdnOrigin}${path.path}`]);
    }
    const parts = [];
    if (purged.length > 0)
        parts.push({ ...result, items: purged });
    for (const [error, items] of byReason) {
        // The same request as the part before it: counted once, with its id once.
        parts.push({ ...result, items, status: 'failed', error, ...(parts.length > 0 ? { continued: true } : {}) });
    }
    return parts;
}
function notPurgedReason(path) {
    if ('throttled' in path)
        return 'throttled: jsDelivr purged these paths a short while ago and refuses to purge them again so soon; purge them again later';
    if (path.notPurgedBy.length === 0)
        return "jsDelivr's finished status does not list these paths";
    return `jsDelivr reports that its CDN ${path.notPurgedBy.join(', ')} did not purge these paths; purge them again later`;
}
/** jsDelivr's error bodies are not documented: the status and a short snippet. */
function failure(answer) {
    return { ok: false, error: `HTTP ${answer.status}: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
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

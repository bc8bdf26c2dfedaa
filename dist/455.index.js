export const id = 455;
export const ids = [455];
export const modules = {

/***/ 5455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cloudflare: () => (/* binding */ Cloudflare)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8513);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7560);
/* harmony import */ var _helpers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8047);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1926);
/* harmony import */ var _urls_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1226);





/** Cloudflare `POST /zones/{zone_id}/purge_cache`, one purge kind per request. */
const zoneIdPattern = /^[0-9a-f]{32}$/i;
const hostnamePattern = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;
const tagPattern = /^[\x21-\x7e]{1,1024}$/;
class Cloudflare extends _provider_js__WEBPACK_IMPORTED_MODULE_1__/* .Provider */ .K {
    targets(settings) {
        return settings.zones.map((zone) => (zoneIdPattern.test(zone) ? { label: zone, id: zone } : { label: zone, id: '', name: zone.toLowerCase() }));
    }
    async resolveTargets(targets, settings, api) {
        const needNames = settings.zones.length > 1 && needsRouting(settings);
        // As many lookups in flight as purges: 12,000 zone names once opened 11,707 sockets at once.
        return (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .mapConcurrent */ ._k)(targets, this.description.concurrency, async (target) => {
            if (target.name === undefined)
                return needNames ? { ...target, name: await zoneName(target.id, api) } : target;
            return { ...target, id: await zoneId(target.name, api) };
        });
    }
    group(settings, targets) {
        return groupItems(settings, targets);
    }
    signIn(settings) {
        const headers = settings.email
            ? { 'X-Auth-Email': settings.email, 'X-Auth-Key': settings.token }
            : { Authorization: `Bearer ${settings.token}` };
        return Promise.resolve({ headers });
    }
    request(batch) {
        const body = batch.kind === 'everything' ? { purge_everything: true } : { [batch.kind]: batch.items };
        return {
            method: 'POST',
            path: `/zones/${batch.target.id ? encodeURIComponent(batch.target.id) : `{id of ${batch.target.label}}`}/purge_cache`,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
        };
    }
    readAnswer(answer) {
        return readEnvelope(answer, (result) => {
            const id = result?.id;
            return { ok: true, ...(typeof id === 'string' ? { id } : {}) };
        });
    }
}
function needsRouting(settings) {
    return settings.paths.length + settings.hosts.length + settings.prefixes.length > 0;
}
function readEnvelope(answer, onSuccess) {
    const envelope = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJson */ .qF)(answer.body);
    if (envelope === undefined)
        return { ok: false, error: `HTTP ${answer.status}, not a Cloudflare API answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    const errors = (envelope?.errors ?? []).map((error) => `Cloudflare error ${error.code ?? '?'}: ${error.message ?? ''}`.trim());
    if ((0,_helpers_js__WEBPACK_IMPORTED_MODULE_2__/* .isSuccess */ .oJ)(answer.status) && envelope?.success === true)
        return onSuccess(envelope.result);
    const reason = errors.length > 0 ? errors.join('; ') : `success: ${String(envelope?.success)} and no errors given`;
    return { ok: false, error: `HTTP ${answer.status}, ${reason}` };
}
async function zoneId(name, api) {
    const { verdict } = await (0,_helpers_js__WEBPACK_IMPORTED_MODULE_2__/* .callApi */ .px)(api, { method: 'GET', path: `/zones?name=${encodeURIComponent(name)}&per_page=50` }, (answer) => readEnvelope(answer, (result) => {
        const zones = Array.isArray(result) ? result : [];
        const matches = zones.filter((zone) => zone.name?.toLowerCase() === name);
        if (matches.length === 1 && matches[0]?.id)
            return { ok: true, id: matches[0].id };
        if (matches.length > 1)
            return { ok: false, error: `${matches.length} zones are named ${name} in the accounts this token reaches; give the zone ID instead` };
        return { ok: false, error: 'not found, or the token cannot read it (zone names need the Zone Read permission besides Cache Purge; or give the zone ID)' };
    }));
    if (verdict.ok && verdict.id)
        return verdict.id;
    throw new Error(`zone ${name}: ${verdict.ok ? 'no id in the answer' : verdict.error}`);
}
async function zoneName(id, api) {
    const { verdict } = await (0,_helpers_js__WEBPACK_IMPORTED_MODULE_2__/* .callApi */ .px)(api, { method: 'GET', path: `/zones/${encodeURIComponent(id)}` }, (answer) => readEnvelope(answer, (result) => {
        const name = result?.name;
        return typeof name === 'string' ? { ok: true, id: name.toLowerCase() } : { ok: false, error: 'the answer has no zone name' };
    }));
    if (verdict.ok && verdict.id)
        return verdict.id;
    throw new Error(`zone ${id}: ${verdict.ok ? 'no name in the answer' : verdict.error}; routing URLs to several zones needs each zone's name (Zone Read permission)`);
}
/** Validates every item, turns paths into files and prefixes, and routes each to its zone. */
function groupItems(settings, targets) {
    const errors = [];
    for (const zone of settings.zones) {
        if (!zoneIdPattern.test(zone) && !(zone.includes('.') && hostnamePattern.test(zone))) {
            errors.push(`input zone: expected a zone ID (32 hex characters) or a zone name such as example.com, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(zone)}`);
        }
    }
    const files = [];
    const prefixes = [];
    const hosts = [];
    for (const path of settings.paths) {
        const result = readPath(path, settings.baseUrl);
        if ('error' in result)
            errors.push(`input paths: ${result.error}`);
        else if ('prefix' in result)
            prefixes.push(result.prefix);
        else
            files.push(result.url);
    }
    for (const host of settings.hosts) {
        const result = readHost(host);
        if ('error' in result)
            errors.push(`input hosts: ${result.error}`);
        else
            hosts.push(result.host);
    }
    for (const prefix of settings.prefixes) {
        const result = readPrefix(prefix);
        if ('error' in result)
            errors.push(`input prefixes: ${result.error}`);
        else
            prefixes.push(result.prefix);
    }
    for (const tag of settings.keys) {
        if (!tagPattern.test(tag))
            errors.push(`input keys: cache tags are 1 to 1,024 printable ASCII characters without spaces, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(tag)}`);
    }
    const groups = [];
    // No zone is its own input error; routing to none would only repeat it for every item.
    if (targets.length === 0)
        return { groups, errors };
    if (settings.scope === 'all') {
        return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors };
    }
    const routed = new Map();
    const bucket = (target) => {
        let entry = routed.get(target);
        if (!entry)
            routed.set(target, (entry = { files: [], hosts: [], prefixes: [] }));
        return entry;
    };
    const unresolved = { label: `one of ${targets.map((target) => target.label).join(', ')} (routed after the zone lookup)`, id: '' };
    // The hostname is only worked out when there are zones to choose from (a URL parse per item).
    const route = (input, item, hostname) => {
        if (targets.length === 1)
            return targets[0];
        const zone = zoneFor(hostname(), targets);
        if (zone)
            return zone;
        if (targets.some((target) => target.name === undefined))
            return unresolved;
        errors.push(`input ${input}: ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(item)} belongs to none of the zones ${targets.map((target) => target.label).join(', ')}`);
        return undefined;
    };
    for (const url of (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .dedupe */ .Qq)(files)) {
        const target = route('paths', url, () => new URL(url).hostname);
        if (target)
            bucket(target).files.push(...withVariants(url, settings.purgeHeaders));
    }
    for (const host of (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .dedupe */ .Qq)(hosts)) {
        const target = route('hosts', host, () => host);
        if (target)
            bucket(target).hosts.push(host);
    }
    for (const prefix of (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .dedupe */ .Qq)(prefixes)) {
        const target = route('prefixes', prefix, () => prefix.split('/')[0] ?? '');
        if (target)
            bucket(target).prefixes.push(prefix);
    }
    for (const target of [...targets, unresolved]) {
        const entry = routed.get(target);
        if (entry?.files.length)
            groups.push({ target, kind: 'files', items: entry.files });
        if (entry?.prefixes.length)
            groups.push({ target, kind: 'prefixes', items: entry.prefixes });
        if (entry?.hosts.length)
            groups.push({ target, kind: 'hosts', items: entry.hosts });
        if (target !== unresolved && settings.keys.length > 0)
            groups.push({ target, kind: 'tags', items: settings.keys });
    }
    return { groups, errors };
}
/** The zone whose name is the hostname or its closest parent domain. */
function zoneFor(hostname, targets) {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    return targets
        .filter((target) => target.name !== undefined && (host === target.name || host.endsWith(`.${target.name}`)))
        .sort((a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0))[0];
}
function readPath(path, baseUrl) {
    const absolute = (0,_urls_js__WEBPACK_IMPORTED_MODULE_4__/* .absoluteUrl */ .r)(path, baseUrl);
    if ('error' in absolute)
        return absolute;
    const { text: url, url: parsed } = absolute;
    const star = url.indexOf('*');
    if (star === -1)
        return { url };
    if (star !== url.length - 1 || parsed.search !== '' || url.includes('#')) {
        return { error: `a * is allowed only at the very end, meaning "everything under this path" (Cloudflare has no other wildcard), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(path)}` };
    }
    return readPrefix(url.slice(0, -1));
}
function readHost(value) {
    const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? (URL.parse(value)?.hostname ?? '') : value;
    if (!hostnamePattern.test(host))
        return { error: `expected a bare hostname such as www.example.com (no path, port or scheme), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(value)}` };
    return { host: host.toLowerCase() };
}
function readPrefix(value) {
    const prefix = value.replace(/^https?:\/\//i, '');
    const [host = '', ...path] = prefix.split('/');
    if (!hostnamePattern.test(host) || /[?#*\s]/.test(prefix) || /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)) {
        return { error: `expected host/path such as www.example.com/blog/ (no query, fragment or wildcard), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(value)}` };
    }
    if (path.length > 31)
        return { error: `a prefix has at most 31 "/" separators, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(value)}` };
    return { prefix: `${host.toLowerCase()}${path.length > 0 ? '/' : ''}${path.join('/')}` };
}
/** One `{url, headers}` object per combination of the purge-headers values. */
function withVariants(url, purgeHeaders) {
    if (purgeHeaders.length === 0)
        return [url];
    let combinations = [{}];
    for (const header of purgeHeaders) {
        combinations = combinations.flatMap((combination) => header.values.map((value) => ({ ...combination, [header.name]: value })));
    }
    return combinations.map((headers) => ({ url, headers }));
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

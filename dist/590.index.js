export const id = 590;
export const ids = [590];
export const modules = {

/***/ 590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Akamai: () => (/* binding */ Akamai),
/* harmony export */   edgeGridAuthorization: () => (/* binding */ edgeGridAuthorization),
/* harmony export */   edgeGridTimestamp: () => (/* binding */ edgeGridTimestamp),
/* harmony export */   readEdgeGrid: () => (/* binding */ readEdgeGrid)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8513);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7560);
/* harmony import */ var _helpers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8047);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1926);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2647);






/**
 * Akamai Fast Purge (CCU v3): `POST /ccu/v3/{invalidate|delete}/{url|tag|cpcode}/{network}`
 * with `{"objects": [...]}`, one object type per request, signed with EdgeGrid.
 */
const emptyBodyBytes = Buffer.byteLength('{"objects":[]}');
const apiTypes = { urls: 'url', tags: 'tag', 'cp-codes': 'cpcode' };
// Cache tags: at most 128 characters, letters, digits and !#$%'+./^_`|~-
const tagPattern = /^[A-Za-z0-9!#$%'+./^_`|~-]{1,128}$/;
// Akamai's advice on a 429 without a wait of its own: "wait five seconds, then retry".
const rateLimitWaitMs = 5_000;
class Akamai extends _provider_js__WEBPACK_IMPORTED_MODULE_2__/* .Provider */ .K {
    /** `api-url`, else the host of the EdgeGrid credentials. */
    apiUrl(settings) {
        if (settings.apiUrl)
            return settings.apiUrl;
        const parsed = readEdgeGrid(settings.token);
        return 'credentials' in parsed ? `https://${parsed.credentials.host}` : this.description.defaultApiUrl;
    }
    targets(settings) {
        return [{ label: settings.network, id: settings.network }];
    }
    credentials(settings) {
        if (settings.token.trim() === '')
            return { secrets: [], errors: [] };
        const parsed = readEdgeGrid(settings.token);
        if ('error' in parsed) {
            return {
                secrets: [],
                errors: [
                    `input token: expected Akamai EdgeGrid credentials, an .edgerc section (host, client_token, client_secret and access_token lines) ` +
                        `or a JSON object with those four keys; ${parsed.error}`,
                ],
            };
        }
        const { host, clientToken, clientSecret, accessToken } = parsed.credentials;
        return { secrets: [clientSecret, accessToken, clientToken, host], errors: [] };
    }
    group(settings, targets) {
        return groupItems(settings, targets);
    }
    signIn(settings) {
        const parsed = readEdgeGrid(settings.token);
        // Checked with the other inputs (credentials) before anything is sent.
        if ('error' in parsed)
            return Promise.reject(new Error(`input token: ${parsed.error}`));
        return Promise.resolve({ sign: (request) => signRequest(request, parsed.credentials) });
    }
    request(batch, settings) {
        const action = settings.soft === false ? 'delete' : 'invalidate';
        const objects = batch.kind === 'cp-codes' ? batch.items.map(Number) : batch.items;
        return {
            method: 'POST',
            path: `/ccu/v3/${action}/${apiTypes[batch.kind] ?? batch.kind}/${settings.network}`,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ objects }),
        };
    }
    readAnswer(answer) {
        return readPurgeAnswer(answer);
    }
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        // Fast Purge has no status to poll: its own estimate is all there is to wait for.
        const accepted = results.filter((result) => result.status === 'purged');
        const leftMs = api.http.deadline - api.now();
        const onTime = accepted.filter((result) => (result.estimatedSeconds ?? 0) * 1000 < leftMs);
        for (const result of accepted.filter((each) => !onTime.includes(each))) {
            Object.assign(result, {
                status: 'failed',
                error: `accepted (purgeId ${result.id ?? '?'}), but Akamai estimates ${result.estimatedSeconds ?? '?'} s to finish, ` +
                    `more than the ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(Math.max(0, leftMs))} left of timeout`,
            });
        }
        const waitMs = Math.max(0, ...onTime.map((result) => (result.estimatedSeconds ?? 0) * 1000));
        await (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .wait */ .uk)(api, waitMs);
        for (const result of onTime)
            result.detail = `${result.detail ?? ''}; waited out the estimate (${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(waitMs)})`.replace(/^; /, '');
    }
}
// ---------------------------------------------------------------- credentials
const edgeGridKeys = [
    ['host', 'host'],
    ['client_token', 'clientToken'],
    ['client_secret', 'clientSecret'],
    ['access_token', 'accessToken'],
];
/**
 * An .edgerc section (`key = value` lines, optionally under one `[section]` header, `;` or `#`
 * comments, values optionally quoted) or a JSON object with the same keys. Errors never repeat
 * a value: they are secrets.
 */
function readEdgeGrid(token) {
    const text = token.trim();
    let values;
    if (text.startsWith('{')) {
        try {
            values = JSON.parse(text);
        }
        catch {
            return { error: 'it starts with { but is not valid JSON' };
        }
        if (typeof values !== 'object' || values === null || Array.isArray(values))
            return { error: 'the JSON is not an object' };
    }
    else {
        const parsed = readEdgerc(text);
        if ('error' in parsed)
            return parsed;
        values = parsed.values;
    }
    const missing = edgeGridKeys.filter(([key]) => typeof values[key] !== 'string' || values[key].trim() === '').map(([key]) => key);
    if (missing.length > 0)
        return { error: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` };
    const credentials = Object.fromEntries(edgeGridKeys.map(([key, name]) => [name, String(values[key]).trim()]));
    credentials.host = credentials.host.replace(/^https:\/\//i, '').replace(/\/+$/, '');
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i.test(credentials.host)) {
        return { error: 'host is not a hostname such as akab-xxxx.luna.akamaiapis.net' };
    }
    return { credentials };
}
function readEdgerc(text) {
    const values = {};
    const sections = [];
    for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
        const line = rawLine.trim();
        if (line === '' || line.startsWith(';') || line.startsWith('#'))
            continue;
        const section = /^\[([^\]]*)\]$/.exec(line);
        if (section) {
            sections.push(section[1] ?? '');
            if (sections.length > 1)
                return { error: `it holds several sections (${sections.map((name) => `[${name}]`).join(', ')}); give only the one for the purge API client` };
            continue;
        }
        const equals = line.indexOf('=');
        if (equals <= 0)
            return { error: `line ${index + 1} is not "key = value"` };
        const key = line.slice(0, equals).trim().toLowerCase().replace(/-/g, '_');
        const value = line.slice(equals + 1).trim();
        const quoted = /^(['"])(.*)\1$/.exec(value);
        // As the official parser does: an unquoted value ends at a `;` comment.
        values[key] = quoted ? (quoted[2] ?? '') : (value.split(';')[0] ?? '').trim();
    }
    return { values };
}
/** The `Authorization` header of EdgeGrid (EG1-HMAC-SHA256), as Akamai's official signers make it. */
function edgeGridAuthorization(input) {
    const { clientToken, clientSecret, accessToken } = input.credentials;
    const authorization = `EG1-HMAC-SHA256 client_token=${clientToken};access_token=${accessToken};timestamp=${input.timestamp};nonce=${input.nonce};`;
    const url = new URL(input.url);
    const body = input.body.slice(0, input.maxBody ?? 131_072);
    const contentHash = input.method.toUpperCase() === 'POST' && body.length > 0 ? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('base64') : '';
    // No headers are signed (the purge API needs none): that field stays empty.
    const dataToSign = [input.method.toUpperCase(), url.protocol.replace(':', ''), url.host, url.pathname + url.search, '', contentHash, authorization].join('\t');
    const signingKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', clientSecret).update(input.timestamp).digest('base64');
    return `${authorization}signature=${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', signingKey).update(dataToSign).digest('base64')}`;
}
function edgeGridTimestamp(date) {
    const iso = date.toISOString();
    return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}+0000`;
}
function signRequest(request, credentials) {
    const authorization = edgeGridAuthorization({
        method: request.method,
        url: request.url,
        body: request.body ?? '',
        credentials,
        timestamp: edgeGridTimestamp(new Date()),
        nonce: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(),
    });
    return { ...request, headers: { ...request.headers, Authorization: authorization } };
}
// ---------------------------------------------------------------- items
function groupItems(settings, targets) {
    const errors = [];
    if (settings.scope === 'all') {
        errors.push('input scope: Akamai Fast Purge cannot purge everything in one call; list the CP codes of your properties in cp-codes (with scope: listed) to purge all their content');
        return { groups: [], errors };
    }
    const urls = [];
    for (const value of settings.paths) {
        const problem = urlProblem(value);
        if (problem)
            errors.push(`input paths: ${problem}`);
        else
            urls.push(value);
    }
    const tags = settings.keys.filter((tag) => {
        const ok = tagPattern.test(tag);
        if (!ok)
            errors.push(`input keys: Akamai cache tags are 1 to 128 letters, digits and !#$%'+./^_\`|~- (no spaces or commas), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(tag)}`);
        return ok;
    });
    const cpCodes = [];
    for (const value of settings.cpCodes) {
        if (/^\d{1,10}$/.test(value) && Number(value) > 0)
            cpCodes.push(String(Number(value)));
        else
            errors.push(`input cp-codes: expected CP codes as whole numbers such as 12345, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(value)}`);
    }
    const target = targets[0];
    const groups = [];
    if (!target)
        return { groups, errors };
    for (const [kind, items] of [['urls', urls], ['tags', tags], ['cp-codes', [...new Set(cpCodes)]]]) {
        for (const chunk of byBodySize(items, kind === 'cp-codes'))
            groups.push({ target, kind, items: chunk });
    }
    return { groups, errors };
}
function urlProblem(value) {
    if (!(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__/* .parseHttpUrl */ .f$)(value) || /\s/.test(value)) {
        return `expected an absolute http(s) URL such as https://www.example.com/a.css, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(value)}`;
    }
    if (value.includes('*')) {
        return `Akamai Fast Purge has no wildcards; purge by cache tag (keys) or CP code (cp-codes) instead, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(value)}`;
    }
    if (emptyBodyBytes + Buffer.byteLength(JSON.stringify(value)) > _limits_js__WEBPACK_IMPORTED_MODULE_5__/* .maxBodyBytes */ .G) {
        return `a URL longer than fits in one Fast Purge request (${_limits_js__WEBPACK_IMPORTED_MODULE_5__/* .maxBodyBytes */ .G} bytes): ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(value)}`;
    }
    return undefined;
}
/** Cuts the objects so that no `{"objects": [...]}` body exceeds 50,000 bytes. */
function byBodySize(items, numbers) {
    const chunks = [];
    let chunk = [];
    let size = emptyBodyBytes;
    for (const item of items) {
        const bytes = Buffer.byteLength(numbers ? item : JSON.stringify(item));
        if (chunk.length > 0 && size + 1 + bytes > _limits_js__WEBPACK_IMPORTED_MODULE_5__/* .maxBodyBytes */ .G) {
            chunks.push(chunk);
            chunk = [];
            size = emptyBodyBytes;
        }
        size += bytes + (chunk.length > 0 ? 1 : 0);
        chunk.push(item);
    }
    if (chunk.length > 0)
        chunks.push(chunk);
    return chunks;
}
function readPurgeAnswer(answer) {
    const parsed = (0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJson */ .qF)(answer.body);
    if (parsed === undefined)
        return { ok: false, error: `HTTP ${answer.status}, not an Akamai API answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .bodySnippet */ .Iu)(answer.body)}` };
    const body = parsed ?? {};
    if ((0,_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .isSuccess */ .oJ)(answer.status)) {
        if (typeof body.purgeId !== 'string')
            return { ok: false, error: `HTTP ${answer.status}, no purgeId in the answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .bodySnippet */ .Iu)(answer.body)}` };
        return {
            ok: true,
            id: body.purgeId,
            ...(body.supportId ? { detail: `supportId ${body.supportId}` } : {}),
            ...(typeof body.estimatedSeconds === 'number' ? { estimatedSeconds: body.estimatedSeconds } : {}),
        };
    }
    // Akamai's problem details, as they came: the purge API's and the authentication layer's.
    const said = [body.title, body.detail].filter((part) => typeof part === 'string' && part !== '').join(': ');
    const error = `HTTP ${answer.status}, ${said || (0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .bodySnippet */ .Iu)(answer.body)}${body.supportId ? ` (supportId ${body.supportId})` : ''}`;
    if (answer.status === 429 && (0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(answer, 'retry-after') === undefined)
        return { ok: false, error, retryable: true, retryAfterMs: rateLimitWaitMs };
    return { ok: false, error };
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

export const id = 960;
export const ids = [960];
export const modules = {

/***/ 7960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   akamai: () => (/* binding */ akamai),
/* harmony export */   edgeGridAuthorization: () => (/* binding */ edgeGridAuthorization),
/* harmony export */   edgeGridTimestamp: () => (/* binding */ edgeGridTimestamp),
/* harmony export */   readEdgeGrid: () => (/* binding */ readEdgeGrid)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3856);



/**
 * Akamai Fast Purge (CCU v3): `POST /ccu/v3/{invalidate|delete}/{url|tag|cpcode}/{network}`
 * with `{"objects": [...]}`, one object type per request, signed with EdgeGrid.
 */
const maxBodyBytes = 50_000;
const emptyBodyBytes = Buffer.byteLength('{"objects":[]}');
const apiTypes = { urls: 'url', tags: 'tag', 'cp-codes': 'cpcode' };
// Cache tags: at most 128 characters, letters, digits and !#$%'+./^_`|~-
const tagPattern = /^[A-Za-z0-9!#$%'+./^_`|~-]{1,128}$/;
// Akamai's advice on a 429 without a wait of its own: "wait five seconds, then retry".
const rateLimitWaitMs = 5_000;
const akamai = {
    title: 'Akamai',
    cacheStatus: 'akamai',
    defaultApiUrl: 'https://{host}',
    apiUrl(settings) {
        const parsed = readEdgeGrid(settings.token);
        return 'credentials' in parsed ? `https://${parsed.credentials.host}` : 'https://{host}';
    },
    // Requests are cut by body size (50,000 bytes) in group(); batch-size can cut them smaller.
    batchSizes: {
        urls: { default: maxBodyBytes, max: maxBodyBytes },
        tags: { default: maxBodyBytes, max: maxBodyBytes },
        'cp-codes': { default: maxBodyBytes, max: maxBodyBytes },
    },
    concurrency: 4,
    targets(settings) {
        return [{ label: settings.network, id: settings.network }];
    },
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
    },
    group(settings, targets) {
        return groupItems(settings, targets);
    },
    authHeaders() {
        return {};
    },
    request(batch, settings) {
        const action = settings.soft === false ? 'delete' : 'invalidate';
        const objects = batch.kind === 'cp-codes' ? batch.items.map(Number) : batch.items;
        return {
            method: 'POST',
            path: `/ccu/v3/${action}/${apiTypes[batch.kind] ?? batch.kind}/${settings.network}`,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ objects }),
        };
    },
    sign(request, settings) {
        return signRequest(request, settings);
    },
    readAnswer(answer) {
        return readPurgeAnswer(answer);
    },
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        // Fast Purge has no status to poll: its own estimate is all there is to wait for.
        const accepted = results.filter((result) => result.status === 'purged');
        const leftMs = api.http.deadline - Date.now();
        const onTime = accepted.filter((result) => (result.estimatedSeconds ?? 0) * 1000 < leftMs);
        for (const result of accepted.filter((each) => !onTime.includes(each))) {
            Object.assign(result, {
                status: 'failed',
                error: `accepted (purgeId ${result.id ?? '?'}), but Akamai estimates ${result.estimatedSeconds ?? '?'} s to finish, ` +
                    `more than the ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .formatSeconds */ .Xo)(Math.max(0, leftMs))} left of timeout`,
            });
        }
        const waitMs = Math.max(0, ...onTime.map((result) => (result.estimatedSeconds ?? 0) * 1000));
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(waitMs);
        for (const result of onTime)
            result.detail = `${result.detail ?? ''}; waited out the estimate (${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .formatSeconds */ .Xo)(waitMs)})`.replace(/^; /, '');
    },
};
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
function signRequest(request, settings) {
    const parsed = readEdgeGrid(settings.token);
    // Checked with the other inputs before anything is sent.
    if ('error' in parsed)
        throw new Error(`input token: ${parsed.error}`);
    const authorization = edgeGridAuthorization({
        method: request.method,
        url: request.url,
        body: request.body ?? '',
        credentials: parsed.credentials,
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
            errors.push(`input keys: Akamai cache tags are 1 to 128 letters, digits and !#$%'+./^_\`|~- (no spaces or commas), got ${quote(tag)}`);
        return ok;
    });
    const cpCodes = [];
    for (const value of settings.cpCodes) {
        if (/^\d{1,10}$/.test(value) && Number(value) > 0)
            cpCodes.push(String(Number(value)));
        else
            errors.push(`input cp-codes: expected CP codes as whole numbers such as 12345, got ${quote(value)}`);
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
    const url = URL.parse(value);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || /\s/.test(value)) {
        return `expected an absolute http(s) URL such as https://www.example.com/a.css, got ${quote(value)}`;
    }
    if (value.includes('*')) {
        return `Akamai Fast Purge has no wildcards; purge by cache tag (keys) or CP code (cp-codes) instead, got ${quote(value)}`;
    }
    if (emptyBodyBytes + Buffer.byteLength(JSON.stringify(value)) > maxBodyBytes) {
        return `a URL longer than fits in one Fast Purge request (${maxBodyBytes} bytes): ${quote(value)}`;
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
        if (chunk.length > 0 && size + 1 + bytes > maxBodyBytes) {
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
    let body;
    try {
        body = JSON.parse(answer.body);
    }
    catch {
        return { ok: false, error: `HTTP ${answer.status}, not an Akamai API answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .bodySnippet */ .Iu)(answer.body)}` };
    }
    if (answer.status >= 200 && answer.status < 300) {
        if (typeof body.purgeId !== 'string')
            return { ok: false, error: `HTTP ${answer.status}, no purgeId in the answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .bodySnippet */ .Iu)(answer.body)}` };
        return {
            ok: true,
            id: body.purgeId,
            ...(body.supportId ? { detail: `supportId ${body.supportId}` } : {}),
            ...(typeof body.estimatedSeconds === 'number' ? { estimatedSeconds: body.estimatedSeconds } : {}),
        };
    }
    // Akamai's problem details, as they came: the purge API's and the authentication layer's.
    const said = [body.title, body.detail].filter((part) => typeof part === 'string' && part !== '').join(': ');
    const error = `HTTP ${answer.status}, ${said || (0,_http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .bodySnippet */ .Iu)(answer.body)}${body.supportId ? ` (supportId ${body.supportId})` : ''}`;
    if (answer.status === 429 && (0,_http_client_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(answer, 'retry-after') === undefined)
        return { ok: false, error, retryable: true, retryAfterMs: rateLimitWaitMs };
    return { ok: false, error };
}
function quote(value) {
    return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
}


/***/ })

};

export const id = 789;
export const ids = [789];
export const modules = {

/***/ 789:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fastly: () => (/* binding */ fastly)
/* harmony export */ });
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7560);
/* harmony import */ var _urls_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1226);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3856);



/**
 * Fastly: one URL per request (`POST /purge/{host}{path}`), surrogate keys up to 256 a request
 * (`POST /service/{id}/purge`), everything (`POST /service/{id}/purge_all`).
 */
const serviceIdPattern = /^[A-Za-z0-9]+$/;
const fastly = {
    title: 'Fastly',
    cacheStatus: 'fastly',
    defaultApiUrl: 'https://api.fastly.com',
    batchSizes: {
        urls: { default: 1, max: 1 },
        keys: { default: 256, max: 256 },
    },
    // URL and key purges do not count against Fastly's API rate limit, and each URL is a request.
    concurrency: 8,
    targets(settings) {
        const hosts = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .dedupe */ .Qq)(settings.paths.flatMap((path) => {
            const result = readUrl(path, settings.baseUrl);
            return 'url' in result ? [result.url.host] : [];
        }));
        const targets = hosts.map((host) => ({ label: host, id: host }));
        if (settings.service && needsService(settings))
            targets.push(serviceTarget(settings.service));
        return targets;
    },
    group(settings, targets) {
        const errors = [];
        const groups = [];
        const { service } = settings;
        if (service && !serviceIdPattern.test(service)) {
            errors.push(`input service: expected a Fastly service ID (letters and digits, such as SU1Z0isxPaozGVKXdv0eY), got ${quote(service)}`);
        }
        if (!service && needsService(settings)) {
            errors.push(`input service: required for ${settings.scope === 'all' ? 'scope: all' : 'keys'} on Fastly; give the service ID (Fastly console, or fastly service list)`);
        }
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
            groups.push({ target: target(host), kind: 'urls', items: (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .dedupe */ .Qq)(urls) });
        for (const key of settings.keys) {
            if (/\s/.test(key))
                errors.push(`input keys: a surrogate key has no spaces (a Surrogate-Key header separates keys with spaces), got ${quote(key)}`);
        }
        if (service && settings.keys.length > 0)
            groups.push({ target: target(serviceTarget(service).label), kind: 'keys', items: settings.keys });
        return { groups, errors };
    },
    authHeaders(settings) {
        return { 'Fastly-Key': settings.token };
    },
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
    },
    readAnswer(answer, batch) {
        const body = parseJson(answer.body);
        if (answer.status >= 200 && answer.status < 300) {
            if (batch.kind === 'keys' && isObject(body)) {
                // A map of each key to its purge id.
                return { ok: true, ids: batch.items.flatMap((key) => (typeof body[key] === 'string' ? [body[key]] : [])) };
            }
            if (isObject(body) && body.status === 'ok')
                return { ok: true, ...(typeof body.id === 'string' ? { id: body.id } : {}) };
            return { ok: false, error: `HTTP ${answer.status}, not a Fastly purge answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
        }
        return failure(answer, body);
    },
};
function needsService(settings) {
    return settings.scope === 'all' || settings.keys.length > 0;
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
    if (!isObject(body))
        return undefined;
    if (Array.isArray(body.errors)) {
        const parts = body.errors.filter(isObject).map((error) => joinDefined(error.title ?? error.message, error.detail)).filter(Boolean);
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
        return { error: `Fastly has no wildcard purge, got ${quote(path)}; tag those objects with a Surrogate-Key header and purge the key with keys instead` };
    }
    const absolute = (0,_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .absoluteUrl */ .r)(path, baseUrl);
    if ('error' in absolute)
        return absolute;
    absolute.url.hash = '';
    return { url: absolute.url };
}
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
function quote(value) {
    return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
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
    const url = URL.parse(text);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
        return { error: `expected an http(s) URL such as https://www.example.com/a.css, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(path)}` };
    }
    if (/\s/.test(text))
        return { error: `URLs cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(path)}` };
    return { text, url };
}


/***/ })

};

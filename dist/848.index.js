export const id = 848;
export const ids = [848];
export const modules = {

/***/ 8848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   edgio: () => (/* binding */ edgio)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3856);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7560);


/**
 * Edgio (formerly Layer0) `POST /api/v1/clear-cache`: one site environment per run, and at most
 * one of paths, surrogate keys or cache hashes per request. A body with none of them clears the
 * whole environment, so that body is built only for `scope: all`.
 */
/** The hosts Edgio itself ran the API on (v7, and Layer0 / Edgio v4 to v6). */
const edgioHosts = ['edgio.app', 'app.layer0.co'];
// Edgio documented no limit per request; 1,000 keeps a body far below the usual 1 MB proxy caps.
const limits = { default: 100, max: 1_000 };
/** The kinds are the API's own body fields. */
const kinds = ['paths', 'surrogateKeys', 'cacheHashes'];
const edgio = {
    title: 'Edgio',
    defaultApiUrl: 'https://edgio.app',
    batchSizes: { paths: limits, surrogateKeys: limits, cacheHashes: limits },
    concurrency: 4,
    targets(settings) {
        return [{ label: `${settings.team}/${settings.site}/${settings.environment}`, id: '' }];
    },
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
                errors.push(`input ${inputOf[kind]}: ${kind === 'surrogateKeys' ? 'surrogate keys' : 'cache hashes'} cannot contain spaces, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(item)}`);
            }
        }
        const groups = kinds.filter((kind) => lists[kind].length > 0).map((kind) => ({ target, kind, items: lists[kind] }));
        return { groups, errors };
    },
    authHeaders(settings) {
        return { 'x-api-key': settings.token };
    },
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
    },
    // The answer's format is not documented: any 2xx is success, whatever its body.
    readAnswer(answer) {
        if (answer.status < 200 || answer.status >= 300)
            return { ok: false, error: `HTTP ${answer.status}: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
        const id = answerId(answer.body);
        return id === undefined ? { ok: true } : { ok: true, id };
    },
    explainNetworkError(message, apiUrl) {
        if (!edgioHosts.includes(URL.parse(apiUrl)?.hostname ?? ''))
            return message;
        return (`${message}. The Edgio platform ended service on 2025-01-15, and its API no longer answers; ` +
            'if your sites moved to a compatible endpoint, set api-url to it');
    },
};
function answerId(body) {
    try {
        const id = JSON.parse(body)?.id;
        return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
    }
    catch {
        return undefined;
    }
}
/** A path from the root as given, or an absolute URL reduced to its path and query. */
function readPath(item) {
    if (/\s/.test(item))
        return { error: `paths cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(item)}` };
    if (item.startsWith('/') && !item.startsWith('//'))
        return { path: item };
    const url = /^https?:\/\//i.test(item) ? URL.parse(item) : null;
    if (url && url.hostname !== '')
        return { path: `${url.pathname}${url.search}` };
    return { error: `expected a path from the root such as /sports/* or an http(s) URL, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(item)}` };
}


/***/ })

};

export const id = 626;
export const ids = [626];
export const modules = {

/***/ 6626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bunny: () => (/* binding */ bunny)
/* harmony export */ });
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7560);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3856);


/**
 * Bunny: one URL per request (`POST /purge?url=`), one cache tag per request and the whole pull
 * zone (`POST /pullzone/{id}/purgeCache`). URL purges are paced to Bunny's documented buckets.
 */
const pullZonePattern = /^\d+$/;
const maxTagBytes = 1024;
// docs.bunny.net/docs/cdn-api-purge-rate-limits, per account and purge type. Bunny counts a URL
// containing * or whose path ends in * or / as a prefix purge; whether exactPath=true moves a
// URL ending in / to the exact bucket is not documented, so it is paced as a prefix.
const exactBucket = { burst: 120, perSecond: 5 };
const prefixBucket = { burst: 20, perSecond: 0.5 };
/** Batch kinds: `urls` (exact), `index-pages` (a URL ending in /, that page only), `prefixes` (a *). */
const urlKinds = ['urls', 'index-pages', 'prefixes'];
const bunny = {
    title: 'Bunny',
    cacheStatus: 'bunny',
    defaultApiUrl: 'https://api.bunny.net',
    batchSizes: {
        urls: { default: 1, max: 1 },
        'index-pages': { default: 1, max: 1 },
        prefixes: { default: 1, max: 1 },
        tags: { default: 1, max: 1 },
    },
    // Each URL is a request that waits for the purge to finish (async=false); the pacing, not
    // the concurrency, keeps to the rate limit.
    concurrency: 8,
    pacing: { urls: exactBucket, 'index-pages': prefixBucket, prefixes: prefixBucket },
    targets(settings) {
        const hosts = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .dedupe */ .Qq)(settings.paths.flatMap((path) => {
            const result = readUrl(path);
            return 'url' in result ? [result.url.host] : [];
        }));
        const targets = hosts.map((host) => ({ label: host, id: host }));
        if (settings.pullZone && needsPullZone(settings))
            targets.push(pullZoneTarget(settings.pullZone));
        return targets;
    },
    group(settings, targets) {
        const errors = [];
        const groups = [];
        const { pullZone } = settings;
        if (pullZone && !pullZonePattern.test(pullZone)) {
            errors.push(`input pull-zone: expected the numeric ID of a pull zone (not its name, and not a storage zone), got ${quote(pullZone)}`);
        }
        if (!pullZone && needsPullZone(settings)) {
            errors.push(`input pull-zone: required for ${settings.scope === 'all' ? 'scope: all' : 'keys'} on Bunny; give the pull zone ID (a number, in the pull zone's dashboard URL)`);
        }
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
                errors.push(`input keys: a Bunny cache tag (CDN-Tag) is at most ${maxTagBytes} bytes, got ${quote(tag)}`);
        }
        if (zone)
            groups.push(...settings.keys.map((tag) => ({ target: zone, kind: 'tags', items: [tag] })));
        return { groups, errors };
    },
    authHeaders(settings) {
        return { AccessKey: settings.token };
    },
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
    },
    readAnswer(answer, batch) {
        // 204 is documented, 200 is what the API has been seen to send: any 2xx is a purge.
        if (answer.status >= 200 && answer.status < 300)
            return { ok: true };
        return failure(answer, batch.kind);
    },
};
function needsPullZone(settings) {
    return settings.scope === 'all' || settings.keys.length > 0;
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
    const body = parseJson(answer.body);
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
    const url = /^https?:\/\//i.test(path) ? URL.parse(path) : null;
    if (!url || url.hostname === '') {
        return { error: `Bunny purges absolute URLs on your pull zone's hostnames, such as https://myzone.b-cdn.net/a.css or https://cdn.example.com/img/*, got ${quote(path)}` };
    }
    if (/\s/.test(path))
        return { error: `URLs cannot contain spaces (encode them as %20), got ${quote(path)}` };
    return { url, text: path };
}
function parseJson(text) {
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
function quote(value) {
    return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
}


/***/ })

};

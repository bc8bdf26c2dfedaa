export const id = 774;
export const ids = [774];
export const modules = {

/***/ 7774:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cloudimage: () => (/* binding */ cloudimage),
/* harmony export */   pollDelayMs: () => (/* binding */ pollDelayMs)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3856);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7560);


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
const cloudimage = {
    title: 'Cloudimage',
    defaultApiUrl: 'https://api.cloudimage.com',
    batchSizes: { urls: { default: 15, max: 15 } },
    concurrency: 4,
    targets(settings) {
        return [{ label: new URL(settings.apiUrl ?? this.defaultApiUrl).host, id: '' }];
    },
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
    },
    authHeaders(settings) {
        return { 'X-Client-Key': settings.token };
    },
    request(batch) {
        const body = batch.kind === 'everything' ? { scope: 'all' } : { scope: 'original', urls: batch.items };
        return { method: 'POST', path: '/invalidate', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    },
    readAnswer(answer) {
        return readInvalidation(answer, (invalidation) => {
            const uuid = invalidation?.uuid;
            return typeof uuid === 'string' && uuid !== '' ? { ok: true, id: uuid } : { ok: true };
        });
    },
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        const startedAt = Date.now();
        await Promise.all(results.filter((result) => result.status === 'purged').map((result) => waitUntilDone(result, api, startedAt)));
    },
};
/** Why an item is not an image URL Cloudimage can invalidate with scope `original`, if it is not. */
function urlProblem(url) {
    if (/\s/.test(url))
        return `image URLs cannot contain spaces (encode them as %20), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url)}`;
    if (url.includes('?')) {
        return `scope original invalidates an image with all its resizes and takes no query string: give ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url.slice(0, url.indexOf('?')))}, not ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url)}`;
    }
    if (url.includes('#'))
        return `image URLs have no #fragment, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url)}`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        const parsed = URL.parse(url);
        if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') {
            return `expected an image URL such as ${urlForms}, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url)}`;
        }
        if (parsed.hostname.endsWith('.cloudimg.io')) {
            return `${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url)} is a Cloudimage delivery URL; invalidate what follows the token host: ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(parsed.pathname)}`;
        }
    }
    const star = url.indexOf('*');
    if (star !== -1 && star !== url.length - 1) {
        return `a * is allowed only at the end, meaning every image whose URL starts with what comes before it, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(url)}`;
    }
    return undefined;
}
function readInvalidation(answer, onSuccess) {
    if (answer.status < 200 || answer.status >= 300)
        return { ok: false, error: `HTTP ${answer.status}: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    let parsed;
    try {
        parsed = JSON.parse(answer.body);
    }
    catch {
        return { ok: false, error: `HTTP ${answer.status}, not a Cloudimage API answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    }
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
    const outcome = await pollUntilFinal(result.id, api, startedAt);
    if ('detail' in outcome) {
        result.detail = outcome.detail;
    }
    else {
        result.status = 'failed';
        result.error = outcome.error;
    }
}
async function pollUntilFinal(uuid, api, startedAt) {
    if (!uuid)
        return { error: 'wait: the answer carried no invalidation uuid to poll' };
    for (let polls = 1;; polls++) {
        const status = await readStatus(uuid, api);
        const took = (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(Date.now() - startedAt);
        if ('error' in status)
            return { error: `could not read the status of invalidation ${uuid}: ${status.error}` };
        if (status.state === 'DONE')
            return { detail: `DONE after ${took}` };
        if (status.state === 'ERROR')
            return { error: `invalidation ${uuid} ended in ERROR after ${took} (Cloudimage: try again in a few minutes)` };
        const delayMs = pollDelayMs(polls, status.retryAfterMs);
        if (Date.now() + delayMs >= api.http.deadline) {
            return { error: `invalidation ${uuid} was still ${status.state} after ${took}, when the timeout ran out` };
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
}
async function readStatus(uuid, api) {
    let seen;
    const { verdict } = await api.http.send({ url: `${api.apiUrl}/invalidate/${encodeURIComponent(uuid)}`, method: 'GET', headers: api.headers }, (answer) => readInvalidation(answer, (invalidation) => {
        const state = invalidation?.status;
        if (typeof state !== 'string' || state === '')
            return { ok: false, error: `HTTP ${answer.status}, no invalidation.status: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
        seen = { state, retryAfterMs: (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .parseRetryAfter */ .mu)((0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .header */ .wx)(answer, 'retry-after'), Date.now()) };
        return { ok: true };
    }));
    if (!verdict.ok)
        return { error: verdict.error };
    return seen ?? { error: 'no status read' };
}


/***/ })

};

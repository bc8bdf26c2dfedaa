export const id = 367;
export const ids = [367];
export const modules = {

/***/ 4367:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  inputErrors: () => (/* binding */ inputErrors),
  planned: () => (/* binding */ planned),
  recheckDelayMs: () => (/* binding */ recheckDelayMs),
  samplePages: () => (/* binding */ samplePages),
  siteConcurrency: () => (/* binding */ siteConcurrency),
  verifyAndWarm: () => (/* binding */ verifyAndWarm)
});

;// CONCATENATED MODULE: ./src/after-purge/cache-status.ts
/**
 * How each CDN tells, in an answer, whether it came from a stored copy: the response header it
 * uses, the request header that turns it on, and what its values mean. A provider names its
 * style (`cacheStatus: 'fastly'`); the verification reads every answer with it. Pure.
 *
 * Values are from each CDN's documentation:
 * - Cloudflare `cf-cache-status`: developers.cloudflare.com/cache/concepts/cache-responses
 * - Fastly `x-cache`: fastly.com/documentation/reference/http/http-headers/X-Cache (HIT or MISS,
 *   one entry per cache on the way when shielding: `MISS, HIT`)
 * - CloudFront `x-cache`: `Hit from cloudfront`, `Miss from cloudfront`, `RefreshHit from
 *   cloudfront`, ... (the result types of CloudFront's standard logs)
 * - Akamai `x-cache`, sent only for `Pragma: akamai-x-cache-on`:
 *   techdocs.akamai.com/edge-diagnostics/docs/pragma-headers
 * - Bunny `cdn-cache`: HIT, MISS or BYPASS
 * - Azure Front Door `x-cache`: TCP_HIT (edge), TCP_REMOTE_HIT (regional cache), TCP_MISS,
 *   PRIVATE_NOSTORE, CONFIG_NOCACHE, N/A (denied by a signed URL or rule set):
 *   learn.microsoft.com/azure/cdn/cdn-msft-http-debug-headers (Azure CDN from Microsoft runs on
 *   Front Door's platform)
 * - `Age` (RFC 9111 section 5.1): seconds since the copy was stored or revalidated.
 */
const cloudflareStatuses = {
    HIT: 'cache',
    STALE: 'cache',
    MISS: 'origin',
    EXPIRED: 'origin',
    REVALIDATED: 'origin',
    UPDATING: 'origin',
    BYPASS: 'not-cached',
    DYNAMIC: 'not-cached',
    NONE: 'not-cached',
    UNKNOWN: 'not-cached',
    'NONE/UNKNOWN': 'not-cached',
};
const cloudfrontResults = {
    hit: 'cache',
    miss: 'origin',
    refreshhit: 'origin',
    redirect: 'not-cached',
    functiongeneratedresponse: 'not-cached',
    lambdageneratedresponse: 'not-cached',
};
const akamaiResults = {
    TCP_HIT: 'cache',
    TCP_MEM_HIT: 'cache',
    TCP_IMS_HIT: 'cache',
    TCP_NEGATIVE_HIT: 'cache',
    TCP_REFRESH_FAIL_HIT: 'cache',
    TCP_MISS: 'origin',
    TCP_REFRESH_HIT: 'origin',
    TCP_REFRESH_MISS: 'origin',
};
const bunnyStatuses = { HIT: 'cache', MISS: 'origin', BYPASS: 'not-cached' };
const frontDoorStatuses = {
    TCP_HIT: 'cache',
    TCP_REMOTE_HIT: 'cache',
    TCP_MISS: 'origin',
    PRIVATE_NOSTORE: 'not-cached',
    CONFIG_NOCACHE: 'not-cached',
};
/** Comma-separated entries, one per cache on the way (Fastly shielding). */
function entries(value) {
    return value.split(',').map((entry) => entry.trim()).filter(Boolean);
}
const cacheStatusStyleNames = (/* unused pure expression or super */ null && (['cloudflare', 'fastly', 'cloudfront', 'akamai', 'bunny', 'front-door']));
const cacheStatusStyles = {
    cloudflare: {
        header: 'cf-cache-status',
        read: (value) => cloudflareStatuses[value.trim().toUpperCase()] ?? 'unknown',
    },
    fastly: {
        header: 'x-cache',
        // Any HIT (at the edge or at a shield) means a stored copy answered; only all-MISS went to origin.
        read: (value) => {
            const all = entries(value.toUpperCase());
            if (all.length === 0 || !all.every((entry) => entry === 'HIT' || entry === 'MISS'))
                return 'unknown';
            return all.includes('HIT') ? 'cache' : 'origin';
        },
    },
    cloudfront: {
        header: 'x-cache',
        read: (value) => {
            const match = /^\s*(\w+) from cloudfront\b/i.exec(value);
            return (match && cloudfrontResults[(match[1] ?? '').toLowerCase()]) || 'unknown';
        },
    },
    akamai: {
        header: 'x-cache',
        requestHeaders: { Pragma: 'akamai-x-cache-on' },
        // "TCP_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/...) (-)"
        read: (value) => akamaiResults[(value.trim().split(/\s/)[0] ?? '').toUpperCase()] ?? 'unknown',
    },
    bunny: {
        header: 'cdn-cache',
        read: (value) => bunnyStatuses[value.trim().toUpperCase()] ?? 'unknown',
    },
    'front-door': {
        header: 'x-cache',
        read: (value) => frontDoorStatuses[value.trim().toUpperCase()] ?? 'unknown',
    },
};
/**
 * For a provider that names no style: the first status header found, read by the style that
 * uses it (`x-cache` told apart by its values), then RFC 9211 `Cache-Status`.
 */
function readAnyStyle(headers) {
    for (const style of [cacheStatusStyles.cloudflare, cacheStatusStyles.bunny]) {
        const value = headerValue(headers, style.header);
        if (value !== undefined)
            return { header: style.header, value, served: style.read(value) };
    }
    const xCache = headerValue(headers, 'x-cache');
    if (xCache !== undefined) {
        const served = [cacheStatusStyles.akamai, cacheStatusStyles.cloudfront, cacheStatusStyles.fastly]
            .map((style) => style.read(xCache))
            .find((each) => each !== 'unknown');
        return { header: 'x-cache', value: xCache, served: served ?? 'unknown' };
    }
    const cacheStatus = headerValue(headers, 'cache-status');
    if (cacheStatus !== undefined)
        return { header: 'cache-status', value: cacheStatus, served: readRfc9211(cacheStatus) };
    return undefined;
}
/** RFC 9211 `Cache-Status: OriginCache; hit, EdgeCache; fwd=uri-miss`: a hit anywhere is a copy. */
function readRfc9211(value) {
    const caches = entries(value).map((entry) => entry.split(';').slice(1).map((parameter) => parameter.trim().toLowerCase()));
    if (caches.some((parameters) => parameters.includes('hit')))
        return 'cache';
    const forwards = caches.flatMap((parameters) => parameters.filter((parameter) => parameter.startsWith('fwd=')).map((parameter) => parameter.slice(4)));
    if (forwards.length === 0)
        return 'unknown';
    return forwards.every((reason) => reason === 'bypass') ? 'not-cached' : 'origin';
}
function headerValue(headers, name) {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(', ') : value;
    return text === undefined || text.trim() === '' ? undefined : text.trim();
}
/** Reads an answer's headers (lower-case names) with a provider's style, or any known one. */
function readCacheStatus(style, headers) {
    const ageText = headerValue(headers, 'age')?.split(',')[0]?.trim();
    const age = ageText !== undefined && /^\d+$/.test(ageText) ? Number(ageText) : null;
    if (style === undefined) {
        const found = readAnyStyle(headers);
        return { header: found?.header, status: found?.value ?? null, age, served: found?.served ?? 'unknown' };
    }
    const { header, read } = cacheStatusStyles[style];
    const value = headerValue(headers, header);
    return { header: value === undefined ? undefined : header, status: value ?? null, age, served: value === undefined ? 'unknown' : read(value) };
}
/**
 * `Age` is whole seconds, and the purge was accepted somewhere between sending it and reading
 * the answer; a copy up to this much older than the time since then still counts as newer.
 */
const ageToleranceSeconds = 1;
/**
 * Fresh: the answer came from the origin (MISS, EXPIRED, REVALIDATED...), or from a copy whose
 * `Age` is no older than the time since the purge was accepted. Stale: a copy older than that.
 * A stored copy without `Age` cannot be dated: unknown.
 */
function judge(reading, secondsSincePurge) {
    if (reading.served === 'origin')
        return 'fresh';
    if (reading.served === 'not-cached')
        return 'not-cached';
    if (reading.age === null)
        return 'unknown';
    return reading.age <= secondsSincePurge + ageToleranceSeconds ? 'fresh' : 'stale';
}

// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var http_client = __webpack_require__(8513);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
;// CONCATENATED MODULE: ./src/after-purge/site.ts

/** What the action calls itself on a site, so logs on the site's side can tell it apart. */
const siteUserAgent = 'cdn-purge (GitHub Action; verify and warm after a purge)';
/** Typical browsers, for the `CF-Device-Type` values Cloudflare derives from the User-Agent. */
const deviceUserAgents = {
    mobile: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    tablet: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
};
/** The pages a batch names: its items that are absolute http(s) URLs without a wildcard. */
function pagesOf(batch) {
    return batch.items.flatMap((item) => {
        const url = itemUrl(item);
        if (!isPageUrl(url))
            return [];
        return [{ url, variant: typeof item === 'string' ? {} : item.headers }];
    });
}
function itemUrl(item) {
    return typeof item === 'string' ? item : item.url;
}
function isPageUrl(value) {
    return (0,lists/* parseHttpUrl */.f$)(value) !== undefined && !value.includes('*');
}
function pageKey(page) {
    return `${page.url} ${JSON.stringify(Object.entries(page.variant).sort())}`;
}
/**
 * The request headers that ask for a variant: `CF-Device-Type` becomes a typical User-Agent of
 * that device; other `CF-` headers are set by Cloudflare from the visitor (`CF-IPCountry`), so
 * the runner cannot ask for them and they are left out; every other header (`Accept-Language`,
 * `Origin`) is sent as is.
 */
function variantRequestHeaders(variant) {
    const headers = { 'User-Agent': siteUserAgent };
    const leftOut = [];
    for (const [name, value] of Object.entries(variant)) {
        const lower = name.toLowerCase();
        if (lower === 'cf-device-type') {
            const userAgent = deviceUserAgents[value.toLowerCase()];
            if (userAgent)
                headers['User-Agent'] = userAgent;
            else
                leftOut.push(`${name}: ${value}`);
        }
        else if (lower.startsWith('cf-')) {
            leftOut.push(`${name}: ${value}`);
        }
        else {
            headers[name] = value;
        }
    }
    return { headers, leftOut };
}
function purgedHosts(batches, targets) {
    const hosts = new Set();
    const domains = new Set(targets.flatMap((target) => (target.name ? [target.name.toLowerCase()] : [])));
    let known = true;
    for (const batch of batches) {
        const batchHosts = batch.items.map((item) => hostOfItem(itemUrl(item), batch.kind));
        for (const host of batchHosts)
            if (host)
                hosts.add(host);
        if (batch.target.name)
            domains.add(batch.target.name.toLowerCase());
        else if (batchHosts.length === 0 || batchHosts.some((host) => host === undefined))
            known = false;
    }
    return { known, hosts, domains: [...domains] };
}
function hostOfItem(item, kind) {
    const url = URL.parse(item);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:'))
        return url.hostname.toLowerCase();
    if (kind === 'hosts' || kind === 'prefixes')
        return item.split('/')[0]?.toLowerCase() || undefined;
    return undefined;
}
function isOnPurgedHost(url, purged) {
    if (!purged.known)
        return true;
    const host = URL.parse(url)?.hostname.toLowerCase() ?? '';
    return purged.hosts.has(host) || purged.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
function describeHosts(purged) {
    const names = [...purged.hosts, ...purged.domains.map((domain) => `${domain} and its subdomains`)];
    const shown = names.slice(0, 5).join(', ');
    return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

// EXTERNAL MODULE: ./src/report/verify-report.ts
var verify_report = __webpack_require__(3180);
;// CONCATENATED MODULE: ./src/after-purge/warm.ts



/** URLs requested at once. */
const warmConcurrency = 8;
/**
 * The purged pages, then the verify-urls not among them; one request per distinct set of
 * request headers (variants that differ only in a header the runner cannot send collapse).
 */
function warmRequests(batches, verifyUrls) {
    const pages = [...batches.flatMap(pagesOf), ...verifyUrls.map((url) => ({ url, variant: {} }))];
    const requests = new Map();
    const leftOut = new Set();
    for (const page of pages) {
        const { headers, leftOut: unsent } = variantRequestHeaders(page.variant);
        for (const header of unsent)
            leftOut.add(header.split(':')[0] ?? header);
        const key = pageKey({ url: page.url, variant: headers });
        if (!requests.has(key))
            requests.set(key, { url: page.url, text: (0,verify_report/* pageText */.xe)(Object.keys(page.variant).length > 0 ? page : { url: page.url }), headers });
    }
    return { requests: [...requests.values()], leftOut: [...leftOut] };
}
function plannedWarm(batches, settings) {
    const { requests } = warmRequests(batches, settings.verifyUrls);
    const planned = Math.min(requests.length, settings.warmLimit);
    return { requested: 0, warmed: 0, failures: [], overLimit: requests.length - planned, durationMs: 0, planned };
}
async function warm(context) {
    const started = context.now();
    const purged = context.batches.filter((batch) => batch.status === 'purged');
    const empty = { requested: 0, warmed: 0, failures: [], overLimit: 0, durationMs: 0 };
    if (purged.length === 0)
        return { ...empty, skipped: 'nothing was purged, so nothing was warmed' };
    const { requests, leftOut } = warmRequests(purged, context.settings.verifyUrls);
    if (requests.length === 0) {
        return { ...empty, skipped: 'the purge named no URLs to request (tags, hosts, prefixes or everything); give verify-urls to warm pages' };
    }
    if (leftOut.length > 0) {
        context.log(`warm: ${leftOut.join(', ')} cannot be chosen by the runner (Cloudflare derives CF- headers from the visitor); those variants are warmed without ${leftOut.length === 1 ? 'it' : 'them'}`);
    }
    const chosen = requests.slice(0, context.settings.warmLimit);
    const failures = await (0,http_client/* mapConcurrent */._k)(chosen, warmConcurrency, async (request) => {
        const { verdict } = await context.client.send({ url: request.url, method: 'GET', headers: request.headers, answerBody: 'drain' }, (answer) => {
            if (answer.status < 400)
                return { ok: true };
            return { ok: false, error: `HTTP ${answer.status}`, retryable: (0,http_client/* isRetryableStatus */.PS)(answer.status) };
        });
        return verdict.ok ? undefined : { url: request.text, error: verdict.error };
    });
    const failed = failures.filter((failure) => failure !== undefined);
    return {
        requested: chosen.length,
        warmed: chosen.length - failed.length,
        failures: failed,
        overLimit: requests.length - chosen.length,
        durationMs: context.now() - started,
    };
}

;// CONCATENATED MODULE: ./src/after-purge/verify.ts





/**
 * Verify and warm, after the purge: request a sample of the purged URLs on the site and read the
 * CDN's cache status and `Age` against the time each purge was accepted; re-check the stale ones
 * with backoff until they are fresh or the deadline passes; then warm. Loaded only when `verify`
 * or `warm` is set. Site requests go through the same HTTP policy as the API calls (proxy,
 * per-attempt timeout, retries, deadline) and carry no provider credential.
 */
/** Site requests in flight at once. */
const siteConcurrency = 8;
/** Input errors only the plan can show: nothing to check, or a verify-url off the purged hosts. */
function inputErrors(settings, batches, targets) {
    const errors = [];
    const hosts = purgedHosts(batches, targets);
    for (const url of settings.verifyUrls) {
        if (!isOnPurgedHost(url, hosts)) {
            errors.push(`input verify-urls: ${JSON.stringify(url)} is not on a host this purge covers (${describeHosts(hosts)}); verify and warm request only the purged site`);
        }
    }
    if (settings.verify && settings.verifyUrls.length === 0 && batches.length > 0 && batches.every((batch) => pagesOf(batch).length === 0)) {
        const kinds = [...new Set(batches.map((batch) => batch.kind))].join(', ');
        errors.push(`input verify-urls: verify needs URLs to check, and this purge names none (it purges ${kinds}); give verify-urls: pages the purge covers, such as https://www.example.com/`);
    }
    return errors;
}
/**
 * At most `size` pages, spread over the targets and batches: every batch gets its share in turn
 * (batches of different targets alternate), and within a batch the picks are evenly spaced.
 */
function samplePages(batches, size) {
    const seen = new Set();
    const withPages = batches
        .map((batch) => ({
        batch,
        pages: pagesOf(batch).filter((page) => {
            const key = pageKey(page);
            return seen.has(key) ? false : (seen.add(key), true);
        }),
    }))
        .filter((entry) => entry.pages.length > 0);
    const byTarget = new Map();
    for (const entry of withPages) {
        const label = entry.batch.target.label;
        byTarget.set(label, [...(byTarget.get(label) ?? []), entry]);
    }
    const queues = [...byTarget.values()];
    const order = [];
    for (let index = 0; order.length < withPages.length; index++) {
        for (const queue of queues)
            if (queue[index])
                order.push(queue[index]);
    }
    const quotas = order.map(() => 0);
    for (let left = size; left > 0;) {
        let given = false;
        order.forEach((entry, index) => {
            if (left > 0 && (quotas[index] ?? 0) < entry.pages.length) {
                quotas[index] = (quotas[index] ?? 0) + 1;
                left--;
                given = true;
            }
        });
        if (!given)
            break;
    }
    const picks = order.map((entry, index) => {
        const quota = quotas[index] ?? 0;
        const count = entry.pages.length;
        return Array.from({ length: quota }, (_, pick) => entry.pages[Math.floor(((2 * pick + 1) * count) / (2 * quota))]);
    });
    const sample = [];
    for (let round = 0; sample.length < size && picks.some((each) => each.length > round); round++) {
        picks.forEach((each, index) => {
            const page = each[round];
            if (page)
                sample.push({ page, batch: order[index].batch });
        });
    }
    return sample;
}
/** What would be checked and warmed, for a dry run: nothing is requested. */
function planned(settings, batches) {
    const after = {};
    if (settings.verify) {
        const urls = settings.verifyUrls.length > 0 ? settings.verifyUrls : samplePages(batches, settings.verifySample).map(({ page }) => (0,verify_report/* pageText */.xe)(variantOf(page)));
        after.verification = { mode: settings.verify, entries: [], durationMs: 0, planned: urls };
    }
    if (settings.warm)
        after.warm = plannedWarm(batches, settings);
    return after;
}
async function verifyAndWarm(options) {
    const { settings } = options;
    const client = options.client ??
        new http_client/* HttpClient */.Qq({
            deadline: options.deadline,
            retries: settings.retries,
            onRetry: ({ url, attempt, waitMs, reason }) => options.log(`retrying ${url} in ${(0,http_client/* formatSeconds */.Xo)(waitMs)} (attempt ${attempt} failed: ${reason})`),
        });
    const context = { ...options, client, now: options.now ?? Date.now, sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))) };
    const after = {};
    if (settings.verify)
        after.verification = await verify(context, settings.verify);
    if (settings.warm)
        after.warm = await warm(context);
    return after;
}
async function verify(context, mode) {
    const started = context.now();
    const purged = context.batches.filter((batch) => batch.status === 'purged');
    if (purged.length === 0)
        return { mode, entries: [], durationMs: 0, skipped: 'nothing was purged, so nothing was checked' };
    const pages = pagesToCheck(context.settings, purged, started);
    const entries = await checkUntilFresh(pages, context);
    return { mode, entries, durationMs: context.now() - started };
}
/** The sample, or `verify-urls`; each with the time its purge was accepted. */
function pagesToCheck(settings, purged, now) {
    const acceptedAt = (batch) => batch.acceptedAt ?? now;
    if (settings.verifyUrls.length === 0) {
        return samplePages(purged, settings.verifySample).map(({ page, batch }) => ({ ...page, acceptedAt: acceptedAt(batch) }));
    }
    // A verify-url that was itself purged is judged against its batch; any other (under a purged
    // tag, prefix or host) against the first purge accepted, the earliest it could have taken.
    const earliest = Math.min(...purged.map(acceptedAt));
    return settings.verifyUrls.map((url) => {
        const batch = purged.find((each) => pagesOf(each).some((page) => page.url === url));
        return { url, variant: {}, acceptedAt: batch ? acceptedAt(batch) : earliest };
    });
}
const recheckBaseMs = 1_000;
const recheckCapMs = 30_000;
/** A last re-check is worth starting only with this much of the timeout left. */
const lastCheckMs = 1_000;
/** Waits between re-checks: 1 s, 2 s, 4 s... capped at 30 s. */
function recheckDelayMs(round) {
    return Math.min(recheckCapMs, recheckBaseMs * 2 ** (round - 1));
}
async function checkUntilFresh(pages, context) {
    const entries = pages.map((page) => ({ ...variantOf(page), status: null, age: null, verdict: 'unknown', checks: 0 }));
    let pending = pages.map((_, index) => index);
    for (let round = 1;; round++) {
        await (0,http_client/* mapConcurrent */._k)(pending, siteConcurrency, async (index) => {
            entries[index] = await check(pages[index], entries[index], context);
        });
        pending = pending.filter((index) => entries[index]?.verdict === 'stale');
        if (pending.length === 0)
            break;
        // The last wait ends with exactly `lastCheckMs` left; after that check, none is started.
        const waitMs = Math.min(recheckDelayMs(round), context.deadline - context.now() - lastCheckMs);
        if (waitMs <= 0)
            break;
        const first = entries[pending[0]];
        context.log(`verify: ${pending.length} of ${pages.length} URLs still served from a copy older than the purge ` +
            `(${(0,verify_report/* pageText */.xe)(first)}: ${first.header}: ${first.status}, age ${first.age}); checking again in ${(0,http_client/* formatSeconds */.Xo)(waitMs)}`);
        await context.sleep(waitMs);
    }
    return entries;
}
async function check(page, previous, context) {
    const style = context.cacheStatus;
    const headers = { ...variantRequestHeaders(page.variant).headers, ...(style ? cacheStatusStyles[style].requestHeaders : {}) };
    const received = {};
    const { verdict, attempts } = await context.client.send({ url: page.url, method: 'GET', headers, answerBody: 'skip' }, (answer) => {
        if ((0,http_client/* isRetryableStatus */.PS)(answer.status))
            return { ok: false, error: `HTTP ${answer.status}` };
        received.answer = answer;
        return { ok: true };
    });
    const checks = previous.checks + attempts;
    if (!received.answer) {
        const error = verdict.ok ? 'no answer' : verdict.error;
        // A re-check cut short by the deadline leaves the last verdict standing.
        return previous.verdict === 'stale' ? { ...previous, checks } : { ...previous, checks, verdict: 'unknown', error };
    }
    const reading = readCacheStatus(style, received.answer.headers);
    const entry = {
        ...variantOf(page),
        status: reading.status,
        age: reading.age,
        verdict: judge(reading, (context.now() - page.acceptedAt) / 1000),
        checks,
    };
    if (reading.header)
        entry.header = reading.header;
    return entry;
}
function variantOf(page) {
    return Object.keys(page.variant).length > 0 ? { url: page.url, variant: page.variant } : { url: page.url };
}


/***/ })

};

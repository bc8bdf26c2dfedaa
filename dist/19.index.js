export const id = 19;
export const ids = [19];
export const modules = {

/***/ 9019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cloudflare: () => (/* binding */ cloudflare)
/* harmony export */ });
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7560);
/* harmony import */ var _urls_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1226);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3856);



/** Cloudflare `POST /zones/{zone_id}/purge_cache`, one purge kind per request. */
const zoneIdPattern = /^[0-9a-f]{32}$/i;
const hostnamePattern = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;
const tagPattern = /^[\x21-\x7e]{1,1024}$/;
const cloudflare = {
    title: 'Cloudflare',
    defaultApiUrl: 'https://api.cloudflare.com/client/v4',
    batchSizes: {
        files: { default: 30, max: 500 },
        tags: { default: 100, max: 100 },
        hosts: { default: 100, max: 100 },
        prefixes: { default: 100, max: 100 },
    },
    concurrency: 4,
    cacheStatus: 'cloudflare',
    targets(settings) {
        return settings.zones.map((zone) => (zoneIdPattern.test(zone) ? { label: zone, id: zone } : { label: zone, id: '', name: zone.toLowerCase() }));
    },
    async resolveTargets(settings, api) {
        const needNames = settings.zones.length > 1 && needsRouting(settings);
        return Promise.all(this.targets(settings).map(async (target) => {
            if (target.name === undefined)
                return needNames ? { ...target, name: await zoneName(target.id, api) } : target;
            return { ...target, id: await zoneId(target.name, api) };
        }));
    },
    group(settings, targets) {
        return groupItems(settings, targets);
    },
    authHeaders(settings) {
        return settings.email ? { 'X-Auth-Email': settings.email, 'X-Auth-Key': settings.token } : { Authorization: `Bearer ${settings.token}` };
    },
    request(batch) {
        const body = batch.kind === 'everything' ? { purge_everything: true } : { [batch.kind]: batch.items };
        return {
            method: 'POST',
            path: `/zones/${batch.target.id ? encodeURIComponent(batch.target.id) : `{id of ${batch.target.label}}`}/purge_cache`,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
        };
    },
    readAnswer(answer) {
        return readEnvelope(answer, (result) => {
            const id = result?.id;
            return { ok: true, ...(typeof id === 'string' ? { id } : {}) };
        });
    },
};
function needsRouting(settings) {
    return settings.paths.length + settings.hosts.length + settings.prefixes.length > 0;
}
function readEnvelope(answer, onSuccess) {
    let envelope;
    try {
        envelope = JSON.parse(answer.body);
    }
    catch {
        return { ok: false, error: `HTTP ${answer.status}, not a Cloudflare API answer: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}` };
    }
    const errors = (envelope.errors ?? []).map((error) => `Cloudflare error ${error.code ?? '?'}: ${error.message ?? ''}`.trim());
    if (answer.status >= 200 && answer.status < 300 && envelope.success === true)
        return onSuccess(envelope.result);
    const reason = errors.length > 0 ? errors.join('; ') : `success: ${String(envelope.success)} and no errors given`;
    return { ok: false, error: `HTTP ${answer.status}, ${reason}` };
}
async function zoneId(name, api) {
    const { verdict } = await api.http.send({ url: `${api.apiUrl}/zones?name=${encodeURIComponent(name)}&per_page=50`, method: 'GET', headers: api.headers }, (answer) => readEnvelope(answer, (result) => {
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
    const { verdict } = await api.http.send({ url: `${api.apiUrl}/zones/${encodeURIComponent(id)}`, method: 'GET', headers: api.headers }, (answer) => readEnvelope(answer, (result) => {
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
            errors.push(`input zone: expected a zone ID (32 hex characters) or a zone name such as example.com, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(zone)}`);
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
            errors.push(`input keys: cache tags are 1 to 1,024 printable ASCII characters without spaces, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(tag)}`);
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
        errors.push(`input ${input}: ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(item)} belongs to none of the zones ${targets.map((target) => target.label).join(', ')}`);
        return undefined;
    };
    for (const url of (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .dedupe */ .Qq)(files)) {
        const target = route('paths', url, () => new URL(url).hostname);
        if (target)
            bucket(target).files.push(...withVariants(url, settings.purgeHeaders));
    }
    for (const host of (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .dedupe */ .Qq)(hosts)) {
        const target = route('hosts', host, () => host);
        if (target)
            bucket(target).hosts.push(host);
    }
    for (const prefix of (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .dedupe */ .Qq)(prefixes)) {
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
    const absolute = (0,_urls_js__WEBPACK_IMPORTED_MODULE_2__/* .absoluteUrl */ .r)(path, baseUrl);
    if ('error' in absolute)
        return absolute;
    const { text: url, url: parsed } = absolute;
    const star = url.indexOf('*');
    if (star === -1)
        return { url };
    if (star !== url.length - 1 || parsed.search !== '' || url.includes('#')) {
        return { error: `a * is allowed only at the very end, meaning "everything under this path" (Cloudflare has no other wildcard), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(path)}` };
    }
    return readPrefix(url.slice(0, -1));
}
function readHost(value) {
    const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? (URL.parse(value)?.hostname ?? '') : value;
    if (!hostnamePattern.test(host))
        return { error: `expected a bare hostname such as www.example.com (no path, port or scheme), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)}` };
    return { host: host.toLowerCase() };
}
function readPrefix(value) {
    const prefix = value.replace(/^https?:\/\//i, '');
    const [host = '', ...path] = prefix.split('/');
    if (!hostnamePattern.test(host) || /[?#*\s]/.test(prefix) || /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)) {
        return { error: `expected host/path such as www.example.com/blog/ (no query, fragment or wildcard), got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)}` };
    }
    if (path.length > 31)
        return { error: `a prefix has at most 31 "/" separators, got ${(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)}` };
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

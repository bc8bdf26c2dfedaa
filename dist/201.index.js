export const id = 201;
export const ids = [201];
export const modules = {

/***/ 5201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FrontDoor: () => (/* binding */ FrontDoor)
});

// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8513);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/sign-in/github-oidc.ts
var github_oidc = __webpack_require__(7940);
// EXTERNAL MODULE: ./src/visible.ts
var visible = __webpack_require__(8357);
;// CONCATENATED MODULE: ./src/sign-in/entra.ts





/**
 * Microsoft Entra keyless sign-in, as azure/login does it: the job's OIDC token (audience
 * `api://AzureADTokenExchange`) is the client assertion of a client credentials grant for an
 * app registration (or user-assigned identity) with a federated credential for this repository.
 * One form POST, one JSON answer: no MSAL needed.
 */
const entraAudience = 'api://AzureADTokenExchange';
const defaultLoginUrl = 'https://login.microsoftonline.com';
/** Where Entra is asked instead (tests). Sovereign clouds are not covered (their ARM differs too). */
const loginUrlVariable = 'CDN_PURGE_AZURE_LOGIN_URL';
const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const maxAnswerChars = 64 * 1024;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A tenant is named by its ID or one of its domains (contoso.onmicrosoft.com).
const tenantDomainPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/i;
/** The input errors of `tenant-id` and `client-id` (given together) and the login URL variable. */
function entraInputErrors(tenantId, clientId, env) {
    const errors = [];
    if (tenantId === '' || clientId === '') {
        errors.push(`input ${tenantId === '' ? 'tenant-id' : 'client-id'}: tenant-id and client-id go together (the Entra app or managed identity with a federated credential for this repository)`);
        return errors;
    }
    if (!guidPattern.test(tenantId) && !tenantDomainPattern.test(tenantId)) {
        errors.push(`input tenant-id: expected the Microsoft Entra tenant ID (a GUID) or one of its domains, got ${(0,lists/* quote */.hD)(tenantId)}`);
    }
    if (!guidPattern.test(clientId))
        errors.push(`input client-id: expected the application (client) ID, a GUID, got ${(0,lists/* quote */.hD)(clientId)}`);
    const loginUrl = env[loginUrlVariable];
    if (loginUrl && !(0,lists/* parseHttpUrl */.f$)(loginUrl))
        errors.push(`${loginUrlVariable}: expected an http(s) URL, got ${(0,lists/* quote */.hD)(loginUrl)}`);
    return errors;
}
function tokenUrl(loginUrl, tenantId) {
    return `${loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}
function tokenForm(clientId, scope, assertion) {
    return new URLSearchParams({
        client_id: clientId,
        scope,
        client_assertion_type: assertionType,
        client_assertion: assertion,
        grant_type: 'client_credentials',
    }).toString();
}
/**
 * Gets the OIDC token and exchanges it for an access token for `scope`, both masked the moment
 * they are known. A refusal comes back in Entra's words (the AADSTS line), with a hint.
 */
async function federatedAccessToken(http, ids, env) {
    const oidc = await (0,github_oidc/* requestOidcToken */.Iz)(http, entraAudience, env, 'tenant-id');
    if (!oidc.ok)
        return oidc;
    let token;
    const { verdict } = await http.send({
        url: tokenUrl(env[loginUrlVariable] || defaultLoginUrl, ids.tenantId),
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: tokenForm(ids.clientId, ids.scope, oidc.token),
    }, (answer) => {
        const read = readTokenAnswer(answer);
        if ('token' in read) {
            token = read.token;
            return { ok: true };
        }
        return { ok: false, error: read.error, retryable: (0,client/* isRetryableStatus */.PS)(answer.status) };
    });
    if (verdict.ok && token !== undefined)
        return { ok: true, token };
    const reason = verdict.ok ? 'no token' : verdict.error;
    return { ok: false, error: `Microsoft Entra refused the federated sign-in of client ${ids.clientId} in tenant ${ids.tenantId}: ${reason}${entraHint(reason, oidc.subject)}` };
}
function readTokenAnswer(answer) {
    if (answer.body.length > maxAnswerChars)
        return { error: `HTTP ${answer.status}: answer larger than ${maxAnswerChars} characters` };
    let body;
    try {
        const parsed = JSON.parse(answer.body);
        body = typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    }
    catch {
        body = undefined;
    }
    const accessToken = body?.access_token;
    if (typeof accessToken === 'string' && accessToken !== '')
        (0,secrets/* registerSecret */.cl)(accessToken);
    if (answer.status >= 200 && answer.status < 300) {
        if (typeof accessToken === 'string' && accessToken !== '')
            return { token: accessToken };
        return { error: `HTTP ${answer.status}: the answer has no access_token${body ? '' : `: ${(0,client/* bodySnippet */.Iu)(answer.body)}`}` };
    }
    const error = typeof body?.error === 'string' ? body.error : undefined;
    if (error === undefined)
        return { error: `HTTP ${answer.status}, not an Entra answer: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    // error_description is "AADSTS700213: ...\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ...":
    // the first line says what is wrong; the trace ID is what Microsoft support asks for.
    const description = typeof body?.error_description === 'string' ? body.error_description : '';
    const [first = ''] = description.split(/\r?\n/, 1);
    const traceId = typeof body?.trace_id === 'string' && /^[0-9a-f-]{36}$/i.test(body.trace_id) ? ` (trace ID ${body.trace_id})` : '';
    return { error: `HTTP ${answer.status}, ${error}${first ? `: ${(0,visible/* oneLine */.TN)(first)}` : ''}${traceId}` };
}
/** The usual cause of each refusal, for this job's token subject. */
function entraHint(reason, subject) {
    const sub = subject ? ` ${(0,lists/* quote */.hD)(subject)}` : '';
    if (/AADSTS(70021|700211|700212|700213|7002138)\b/.test(reason)) {
        return (` (hint: the app needs a federated credential with issuer https://token.actions.githubusercontent.com, audience ${entraAudience} ` +
            `and subject exactly, case included, this job's token subject${sub})`);
    }
    if (/AADSTS700016\b/.test(reason))
        return ' (hint: client-id must be the application (client) ID of an app registered in tenant-id)';
    if (/AADSTS90002\b/.test(reason))
        return ' (hint: check tenant-id; sovereign clouds are not covered)';
    return '';
}

// EXTERNAL MODULE: ./src/providers/helpers.ts
var helpers = __webpack_require__(8047);
// EXTERNAL MODULE: ./src/providers/provider.ts
var provider = __webpack_require__(1926);
;// CONCATENATED MODULE: ./src/providers/front-door/arm.ts


/**
 * Azure Resource Manager's side of a Front Door purge, pure: the request, its 202 answer (a
 * long-running operation), the operation's status, and ARM's error envelope.
 */
const apiVersion = '2024-02-01';
const armScope = 'https://management.azure.com/.default';
const arm_maxAnswerChars = 64 * 1024;
/** ARM's default when an operation answer names no `Retry-After` is 60 s; a purge takes minutes, so a shorter first look. */
const defaultPollMs = 10_000;
/** The purge action's path and query, after the API URL. */
function purgePath(address) {
    const segment = encodeURIComponent;
    return (`/subscriptions/${segment(address.subscription)}/resourceGroups/${segment(address.resourceGroup)}` +
        `/providers/Microsoft.Cdn/profiles/${segment(address.profile)}/afdEndpoints/${segment(address.endpoint)}/purge?api-version=${apiVersion}`);
}
function purgeBody(request) {
    return JSON.stringify({ contentPaths: request.paths, ...(request.domains.length > 0 ? { domains: request.domains } : {}) });
}
/** 202: accepted, with the operation to poll (`Azure-AsyncOperation`, else `Location`); 200/204: already done. */
function readPurgeAnswer(answer) {
    if (answer.status === 202) {
        const operationUrl = (0,client/* header */.wx)(answer, 'azure-asyncoperation') ?? (0,client/* header */.wx)(answer, 'location');
        return { ok: true, operationUrl: operationUrl?.trim() || undefined, done: false };
    }
    if (answer.status === 200 || answer.status === 204)
        return { ok: true, operationUrl: undefined, done: true };
    return { ok: false, error: armError(answer) };
}
/**
 * An operation answer. `Azure-AsyncOperation` URLs answer 200 `{"status", "error"?}`; `Location`
 * URLs answer 202 while running, then the purge's own result. Terminal: Succeeded, Failed,
 * Canceled; any other status means still running (ARM's async-api-reference).
 */
function readOperation(answer, now) {
    const retryAfterMs = (0,client/* parseRetryAfter */.mu)((0,client/* header */.wx)(answer, 'retry-after'), now);
    if (answer.status === 202)
        return { state: 'running', status: 'Accepted', retryAfterMs };
    if (answer.status === 204)
        return { state: 'succeeded' };
    if (answer.status !== 200)
        return { state: 'failed', error: armError(answer) };
    const body = parseObject(answer.body);
    // A Location URL's final answer may be an empty 200.
    if (body === undefined)
        return answer.body.trim() === '' ? { state: 'succeeded' } : { unreadable: `HTTP 200, not an operation status: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    const status = typeof body.status === 'string' ? body.status : undefined;
    if (status === undefined)
        return { state: 'succeeded' };
    if (status.toLowerCase() === 'succeeded')
        return { state: 'succeeded' };
    if (status.toLowerCase() === 'failed' || status.toLowerCase() === 'canceled') {
        const detail = errorDetail(body.error);
        return { state: 'failed', error: `operation ${status}${detail ? `: ${detail}` : ''}` };
    }
    return { state: 'running', status: (0,visible/* oneLine */.TN)(status, 40), retryAfterMs };
}
/**
 * The operation URL is polled with the ARM token, so it must be on the API's own origin: an
 * answer that names another host does not get the token.
 */
function operationUrlError(operationUrl, apiUrl) {
    const url = URL.parse(operationUrl);
    const api = URL.parse(apiUrl);
    if (!url || !api || url.origin !== api.origin)
        return `the operation URL is not on ${api?.host ?? apiUrl}, so it is not polled (the token goes only to the API)`;
    return undefined;
}
/** `HTTP 403, AuthorizationFailed: ...` from ARM's envelope `{"error": {"code", "message"}}`, with a hint for 401 and 403. */
function armError(answer) {
    const body = parseObject(answer.body);
    const detail = errorDetail(body?.error);
    const text = `HTTP ${answer.status}, ${detail ?? `not an Azure Resource Manager answer: ${(0,client/* bodySnippet */.Iu)(answer.body)}`}`;
    if (answer.status === 401)
        return `${text} (hint: the token must be an ARM access token, for https://management.azure.com, not expired)`;
    if (answer.status === 403) {
        return `${text} (hint: the signed-in identity needs Microsoft.Cdn/profiles/afdendpoints/Purge/action on the endpoint or profile, e.g. the role CDN Profile Contributor)`;
    }
    return text;
}
function errorDetail(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const { code, message } = error;
    if (typeof code !== 'string' || code === 'None')
        return undefined;
    return `${(0,visible/* oneLine */.TN)(code, 100)}${typeof message === 'string' && message !== '' ? `: ${(0,visible/* oneLine */.TN)(message, 500)}` : ''}`;
}
function parseObject(text) {
    if (text.length > arm_maxAnswerChars || text.trim() === '')
        return undefined;
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/providers/front-door/limits.ts
var limits = __webpack_require__(4701);
;// CONCATENATED MODULE: ./src/providers/front-door/rules.ts


const rules_guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Resource group names: letters, digits, `-_.()`, up to 90, not ending in a period.
const resourceGroupPattern = /^[\w.()-]{0,89}[\w()-]$/;
// Profile and endpoint names (afdx.json): letters, digits and hyphens, not at either end.
const namePattern = /^[A-Za-z0-9-]{1,260}$/;
const hostPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/;
/** Input errors of where the endpoint is. */
function addressErrors(address) {
    const errors = [];
    // An empty one is reported as required already.
    if (address.subscription !== '' && !rules_guidPattern.test(address.subscription))
        errors.push(`input subscription: expected the Azure subscription ID, a GUID, got ${(0,lists/* quote */.hD)(address.subscription)}`);
    if (address.resourceGroup !== '' && !resourceGroupPattern.test(address.resourceGroup)) {
        errors.push(`input resource-group: expected a resource group name (letters, digits, - _ . ( ), up to 90, not ending in .), got ${(0,lists/* quote */.hD)(address.resourceGroup)}`);
    }
    for (const [input, value] of [['profile', address.profile], ['endpoint', address.endpoint]]) {
        if (value !== '' && (!namePattern.test(value) || value.startsWith('-') || value.endsWith('-'))) {
            errors.push(`input ${input}: expected a Front Door ${input} name (letters, digits and inner hyphens), got ${(0,lists/* quote */.hD)(value)}`);
        }
    }
    return errors;
}
/** A domain of the `domains` input, lower-cased; a wildcard domain is refused (Front Door purges its subdomains by name). */
function readDomain(value) {
    const domain = value.trim().toLowerCase().replace(/\.$/, '');
    if (domain.startsWith('*.'))
        return { error: `input domains: a wildcard domain cannot be purged; list its subdomains instead, got ${(0,lists/* quote */.hD)(value)}` };
    if (!hostPattern.test(domain))
        return { error: `input domains: expected a domain name such as www.example.com, got ${(0,lists/* quote */.hD)(value)}` };
    return { domain };
}
/**
 * A path from the root, or an absolute URL reduced to its path with its host kept for `domains`.
 * A query string or fragment is dropped (Front Door purges every query-string variant); a `*` is
 * allowed only at the end, right after a `/`.
 */
function readPath(value) {
    let host;
    let rest = value;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        const url = URL.parse(value);
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
            return { error: `input paths: expected a path from the root such as /index.html or /img/*, or an http(s) URL, got ${(0,lists/* quote */.hD)(value)}` };
        }
        host = url.hostname.toLowerCase();
        // The URL parser percent-encodes the path and reads `*` as is; the query and fragment are cut here.
        rest = url.pathname + (url.search || (value.includes('?') ? '?' : '')) + (url.hash || (value.includes('#') ? '#' : ''));
    }
    if (!rest.startsWith('/'))
        return { error: `input paths: expected a path from the root such as /index.html or /img/* (Front Door paths begin with /), got ${(0,lists/* quote */.hD)(value)}` };
    const cut = firstIndexOf(rest, '?', '#');
    const path = cut === -1 ? rest : rest.slice(0, cut);
    const star = path.indexOf('*');
    if (star !== -1 && (star !== path.length - 1 || path[star - 1] !== '/')) {
        return { error: `input paths: a * is allowed only at the end, right after a / (/img/* or /*), got ${(0,lists/* quote */.hD)(value)}` };
    }
    return { host, path, droppedQuery: cut !== -1 };
}
/**
 * Groups paths by the domains they are purged on: an absolute URL's host, or the `domains`
 * input for paths from the root (none given: every domain of the endpoint). `scope: all` is `/*`.
 */
function groupByDomain(values, domains, scopeAll) {
    if (scopeAll)
        return { groups: [{ domains: [...domains], paths: ['/*'] }], notes: [], errors: [] };
    // Keyed by the domains list, so a URL on the one domain the input names joins the paths from the root.
    const byDomains = new Map();
    const add = (groupDomains, path) => {
        const key = groupDomains.join(' ');
        const group = byDomains.get(key) ?? byDomains.set(key, { domains: groupDomains, paths: [] }).get(key);
        if (group && !group.paths.includes(path))
            group.paths.push(path);
    };
    const notes = [];
    const errors = [];
    for (const value of values) {
        const read = readPath(value);
        if ('error' in read) {
            errors.push(read.error);
            continue;
        }
        if (read.droppedQuery)
            notes.push(`paths: ${(0,lists/* quote */.hD)(value)} is purged as ${read.path}: Front Door purges every query-string variant of a path`);
        add(read.host === undefined ? [...domains] : [read.host], read.path);
    }
    const groups = [...byDomains.values()];
    return { groups, notes, errors };
}
/**
 * Paths per request for a group: Azure documents 100 URLs a call, and whether a path on three
 * domains counts once or three times is not documented, so paths × domains stays within it.
 */
function pathsPerRequest(group, batchSize) {
    return Math.max(1, Math.floor(Math.min(batchSize, limits/* maxPathsPerRequest */.b) / Math.max(1, group.domains.length)));
}
/** A group's paths cut into requests, in order. */
function cutGroup(group, batchSize) {
    const size = pathsPerRequest(group, batchSize);
    const requests = [];
    for (let start = 0; start < group.paths.length; start += size)
        requests.push({ domains: group.domains, paths: group.paths.slice(start, start + size) });
    return requests;
}
function firstIndexOf(text, ...characters) {
    const found = characters.map((character) => text.indexOf(character)).filter((index) => index !== -1);
    return found.length === 0 ? -1 : Math.min(...found);
}

;// CONCATENATED MODULE: ./src/providers/front-door/provider.ts









const pollConcurrency = 4;
class FrontDoor extends provider/* Provider */.K {
    /** One target per set of domains the paths go to: the `domains` input, or an absolute URL's host. */
    targets(settings) {
        const endpoint = addressOf(settings).endpoint;
        return domainGroups(settings).groups.map((group) => ({
            label: group.domains.length === 0 ? endpoint : `${endpoint} (${group.domains.join(', ')})`,
            id: group.domains.join(','),
        }));
    }
    credentials(settings) {
        if (settings.token !== '')
            return { secrets: [], errors: [] };
        const keyless = settings.tenantId !== '' || settings.clientId !== '';
        if (!keyless) {
            if (settings.dryRun)
                return { secrets: [], errors: [] };
            return {
                secrets: [],
                errors: [
                    'input token: Front Door signs in with token (an ARM access token) or with tenant-id and client-id ' +
                        '(an Entra app with a federated credential for this repository, and permissions: id-token: write); neither is given',
                ],
            };
        }
        const errors = entraInputErrors(settings.tenantId, settings.clientId, settings.env);
        const oidcError = settings.dryRun ? undefined : (0,github_oidc/* oidcInputError */.SN)(settings.env, 'tenant-id');
        return { secrets: [], errors: oidcError === undefined ? errors : [...errors, oidcError] };
    }
    group(settings, targets) {
        const errors = settings.endpoint.length > 1 ? [`input endpoint: Front Door takes one endpoint a step, got ${settings.endpoint.length}`] : addressErrors(addressOf(settings));
        const { groups, notes, errors: pathErrors } = domainGroups(settings);
        errors.push(...pathErrors);
        const batchSize = settings.batchSize ?? limits/* maxPathsPerRequest */.b;
        const batches = [];
        for (const group of groups) {
            const target = targets.find((each) => each.id === group.domains.join(','));
            if (!target)
                continue;
            if (settings.scope === 'all') {
                batches.push({ target, kind: 'everything', items: [] });
                continue;
            }
            // Cut here, not in plan.ts: how many paths fit depends on the group's domains.
            for (const request of cutGroup(group, batchSize))
                batches.push({ target, kind: 'paths', items: request.paths });
        }
        return { groups: batches, errors, notes };
    }
    async signIn(settings, context) {
        if (settings.token !== '')
            return { headers: { authorization: `Bearer ${settings.token}` } };
        const result = await federatedAccessToken(context.http, { tenantId: settings.tenantId, clientId: settings.clientId, scope: armScope }, context.env);
        if (!result.ok)
            throw new Error(result.error);
        context.registerSecret(result.token);
        return { headers: { authorization: `Bearer ${result.token}` } };
    }
    request(batch, settings) {
        return {
            method: 'POST',
            path: purgePath(addressOf(settings)),
            headers: { 'content-type': 'application/json' },
            body: purgeBody(requestOf(batch)),
        };
    }
    readAnswer(answer) {
        const read = readPurgeAnswer(answer);
        if (!read.ok)
            return read;
        if (read.done)
            return { ok: true, detail: 'Succeeded' };
        return read.operationUrl === undefined ? { ok: true, detail: 'accepted' } : { ok: true, id: read.operationUrl, detail: 'InProgress' };
    }
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        const pending = results.filter((result) => result.status === 'purged' && result.id !== undefined);
        await (0,client/* mapConcurrent */._k)(pending, pollConcurrency, (result) => waitForOperation(result, api));
    }
}
function addressOf(settings) {
    return { subscription: settings.subscription, resourceGroup: settings.resourceGroup, profile: settings.profile, endpoint: settings.endpoint[0] ?? '' };
}
function domainGroups(settings) {
    const errors = [];
    const domains = [];
    for (const value of settings.domains) {
        const read = readDomain(value);
        if ('error' in read)
            errors.push(read.error);
        else if (!domains.includes(read.domain))
            domains.push(read.domain);
    }
    const grouped = groupByDomain(settings.paths, domains, settings.scope === 'all');
    return { groups: grouped.groups, notes: grouped.notes, errors: [...errors, ...grouped.errors] };
}
function requestOf(batch) {
    const domains = batch.target.id === '' ? [] : batch.target.id.split(',');
    return { domains, paths: batch.kind === 'everything' ? ['/*'] : batch.items };
}
/** Polls the operation (honouring Retry-After) until Succeeded; Failed, Canceled or the timeout fail the batch. */
async function waitForOperation(result, api) {
    const operationUrl = result.id ?? '';
    const refused = operationUrlError(operationUrl, api.apiUrl);
    if (refused !== undefined) {
        Object.assign(result, { status: 'failed', error: `waiting for the purge: ${refused}` });
        return;
    }
    const started = api.now();
    const poll = async () => {
        let state;
        const { verdict } = await api.http.send({ url: operationUrl, method: 'GET', headers: api.headers }, (answer) => {
            // A 429 or 5xx is the poll failing, not the purge: the client retries it.
            if ((0,client/* isRetryableStatus */.PS)(answer.status))
                return { ok: false, error: armError(answer) };
            state = readOperation(answer, api.now());
            if ('unreadable' in state)
                return { ok: false, error: state.unreadable };
            return { ok: true };
        });
        if (!verdict.ok || state === undefined || 'unreadable' in state)
            return { failed: verdict.ok ? 'no answer' : verdict.error };
        if (state.state === 'succeeded')
            return { done: true };
        if (state.state === 'failed')
            return { failed: state.error };
        return { pending: state.status, retryAfterMs: state.retryAfterMs };
    };
    const outcome = await (0,helpers/* pollUntil */.g3)(api, poll, (_polls, retryAfterMs) => retryAfterMs ?? defaultPollMs);
    if ('done' in outcome) {
        result.detail = `Succeeded after ${(0,client/* formatSeconds */.Xo)(api.now() - started)}`;
        return;
    }
    if ('failed' in outcome) {
        Object.assign(result, { status: 'failed', detail: 'Failed', error: `purge operation: ${outcome.failed}` });
        return;
    }
    Object.assign(result, {
        status: 'failed',
        detail: outcome.timedOut,
        error: `the purge was still ${(0,lists/* quote */.hD)(outcome.timedOut)} when the timeout ran out (it goes on; raise timeout to wait for it)`,
    });
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

/***/ 7940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ip: () => (/* binding */ readClaims),
/* harmony export */   Iz: () => (/* binding */ requestOidcToken),
/* harmony export */   SN: () => (/* binding */ oidcInputError)
/* harmony export */ });
/* unused harmony exports idTokenPermission, oidcRequestUrl, readOidcAnswer */
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8513);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7560);



const idTokenPermission = 'permissions: id-token: write';
/** An answer much larger than a JWT is not one; the cap keeps a hostile answer out of memory and logs. */
const maxAnswerChars = 64 * 1024;
/** AWS STS takes a web identity token of at most 20000 characters; GitHub's are about 1 KB. */
const maxTokenChars = 20_000;
/**
 * The input error for a run that needs an OIDC token but cannot get one, or undefined when it can:
 * checked with the other inputs, before any request. `wantedBy` names what needs it (`role-to-assume`).
 */
function oidcInputError(env, wantedBy) {
    const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((name) => !env[name]);
    if (missing.length > 0) {
        return (`input ${wantedBy}: signs in with the job's GitHub OIDC token, but the runner gave no ${missing.join(' or ')}: ` +
            `add \`${idTokenPermission}\` to the job's (or workflow's) permissions ` +
            '(a pull request from a fork never gets one)');
    }
    if (!(0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHttpUrl */ .f$)(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? ''))
        return `input ${wantedBy}: ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL`;
    return undefined;
}
/** The URL the token is asked at, for `audience`; the runner's URL already carries `?api-version=`. */
function oidcRequestUrl(requestUrl, audience) {
    return `${requestUrl}${requestUrl.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
}
/**
 * Asks the runner for the job's OIDC token for `audience`. The request token and the JWT are
 * masked the moment they are known; the answer is never logged, only its status and a short
 * snippet when it is an error.
 */
async function requestOidcToken(http, audience, env, wantedBy = 'the sign-in') {
    const inputError = oidcInputError(env, wantedBy);
    if (inputError !== undefined)
        return { ok: false, error: inputError };
    const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .registerSecret */ .cl)(requestToken);
    let token;
    const { verdict } = await http.send({
        url: oidcRequestUrl(requestUrl, audience),
        method: 'GET',
        headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json; api-version=2.0' },
    }, (answer) => {
        const read = readOidcAnswer(answer);
        if ('token' in read) {
            token = read.token;
            return { ok: true };
        }
        return { ok: false, error: read.error, retryable: (0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isRetryableStatus */ .PS)(answer.status) };
    });
    if (!verdict.ok || token === undefined) {
        return { ok: false, error: `GitHub OIDC token for audience ${audience} not obtained: ${verdict.ok ? 'no token' : verdict.error}` };
    }
    return { ok: true, token, subject: readClaims(token).sub };
}
/** Reads the runner's answer; the token is masked before anything else can print it. */
function readOidcAnswer(answer) {
    if (answer.body.length > maxAnswerChars)
        return { error: `HTTP ${answer.status}: answer larger than ${maxAnswerChars} characters` };
    let value;
    try {
        value = JSON.parse(answer.body)?.value;
    }
    catch {
        value = undefined;
    }
    // Masked even on an error status or when refused below: nothing may print it afterwards.
    if (typeof value === 'string' && value.length <= maxTokenChars)
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .registerSecret */ .cl)(value);
    if (answer.status < 200 || answer.status > 299) {
        return { error: `HTTP ${answer.status}${typeof value === 'string' ? '' : `: ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .bodySnippet */ .Iu)(answer.body)}`}` };
    }
    if (typeof value !== 'string')
        return { error: `HTTP ${answer.status}: the answer has no "value" string` };
    if (value.length > maxTokenChars)
        return { error: `HTTP ${answer.status}: the token is longer than ${maxTokenChars} characters` };
    if (!isJwtShaped(value))
        return { error: `HTTP ${answer.status}: the "value" is not a JWT` };
    return { token: value };
}
/** Three base64url parts (the signature may be empty), checked without a backtracking pattern. */
function isJwtShaped(value) {
    const parts = value.split('.');
    return parts.length === 3 && parts[0] !== '' && parts[1] !== '' && parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part));
}
/**
 * A few claims of the token (unverified: the token is ours, read only to word a hint such as the
 * subject a trust policy must name). Values are capped; anything unreadable is left out.
 */
function readClaims(token) {
    const payload = token.split('.')[1];
    if (payload === undefined || payload.length > maxTokenChars)
        return {};
    let claims;
    try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
    if (typeof claims !== 'object' || claims === null)
        return {};
    const result = {};
    for (const name of ['sub', 'aud', 'iss']) {
        const raw = claims[name];
        const value = Array.isArray(raw) ? raw.filter((item) => typeof item === 'string').join(',') : raw;
        if (typeof value === 'string' && value !== '')
            result[name] = value.length > 300 ? `${value.slice(0, 300)}...` : value;
    }
    return result;
}


/***/ })

};

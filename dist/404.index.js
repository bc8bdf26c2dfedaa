export const id = 404;
export const ids = [404];
export const modules = {

/***/ 404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CloudCdn: () => (/* binding */ CloudCdn),
  pollDelayMs: () => (/* binding */ pollDelayMs)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8513);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/providers/helpers.ts
var helpers = __webpack_require__(8047);
// EXTERNAL MODULE: ./src/providers/provider.ts
var provider = __webpack_require__(1926);
;// CONCATENATED MODULE: ./src/providers/cloud-cdn/rules.ts



/** Cloud CDN takes at most 10 tags in one invalidation. */
const maxCacheTags = 10;
/**
 * One `paths` item as Cloud CDN invalidates it: a path from the root, or an absolute URL whose
 * host goes in the rule's `host`. A `*` only as the last character after a `/` (the GA rule; the
 * preview's `/img*` is not documented for v1). Cloud CDN invalidates a path with all its query
 * strings, so a query string or fragment is dropped, with a note for the log.
 */
function readPath(raw) {
    if (/\s/.test(raw))
        return { ok: false, error: `paths cannot contain spaces or line breaks (encode them as %20), got ${(0,lists/* quote */.hD)(raw)}` };
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(raw);
    if (!absolute && (!raw.startsWith('/') || raw.startsWith('//'))) {
        return { ok: false, error: `Cloud CDN paths start at the root (/a.css, /img/*) or are absolute URLs, got ${(0,lists/* quote */.hD)(raw)}` };
    }
    // The URL parser encodes what a browser would send (non-ASCII, `%`-escapes kept) and leaves `*` as is.
    const url = URL.parse(raw, 'http://relative.invalid');
    if (!url)
        return { ok: false, error: `expected a path from the root (/a.css, /img/*) or an http(s) URL, got ${(0,lists/* quote */.hD)(raw)}` };
    if (absolute) {
        if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
            return { ok: false, error: `expected a path from the root (/a.css, /img/*) or an http(s) URL, got ${(0,lists/* quote */.hD)(raw)}` };
        }
        if (url.username !== '' || url.password !== '')
            return { ok: false, error: `a URL with a user name or password cannot be invalidated, got ${(0,lists/* quote */.hD)(raw)}` };
        if (!isRuleHost(url.hostname))
            return { ok: false, error: `the host of ${(0,lists/* quote */.hD)(raw)} must be one hostname or a single-level wildcard (*.example.com)` };
    }
    const path = url.pathname;
    const star = path.indexOf('*');
    if (star !== -1 && (star !== path.length - 1 || path[star - 1] !== '/')) {
        return {
            ok: false,
            error: `Cloud CDN takes a * only as the last character, after a / (${(0,lists/* quote */.hD)(suggestWildcard(path))}), meaning everything under that path; got ${(0,lists/* quote */.hD)(raw)}`,
        };
    }
    const dropped = `${url.search}${url.hash}`;
    const note = dropped === '' ? undefined : `${(0,lists/* quote */.hD)(raw)}: ${(0,lists/* quote */.hD)(dropped.slice(0, 80))} dropped, Cloud CDN invalidates ${(0,lists/* quote */.hD)(path)} with all its query strings`;
    const reading = absolute
        ? { ok: true, item: `${url.protocol}//${url.host}${path}`, rule: { path, host: url.hostname } }
        : { ok: true, item: path, rule: { path } };
    return note === undefined ? reading : { ...reading, note };
}
function suggestWildcard(path) {
    const beforeStar = path.slice(0, path.indexOf('*'));
    return `${beforeStar.slice(0, beforeStar.lastIndexOf('/') + 1)}*`;
}
/** A hostname, or `*.` + a hostname (Cloud CDN's "single-level leading wildcard subdomain"). */
function isRuleHost(host) {
    const labels = host.split('.');
    return labels.every((label, index) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label) || (index === 0 && label === '*' && labels.length > 2));
}
/** The rule a planned item stands for (an item is what `readPath` returned). */
function ruleForItem(item) {
    const reading = readPath(item);
    if (!reading.ok)
        throw new Error(`not a planned Cloud CDN path: ${item}`);
    return reading.rule;
}
/** Why a `keys` item is not a cache tag Cloud CDN takes, if it is not. */
function cacheTagProblem(tag) {
    // The origin sets tags in a comma-separated Cache-Tag header: a tag has no comma or space.
    if (/[\s,]/.test(tag))
        return `cache tags have no spaces or commas (one tag an item), got ${(0,lists/* quote */.hD)(tag)}`;
    if (tag.length > 120)
        return `a cache tag is at most 120 characters, got ${tag.length}`;
    return undefined;
}
// A fixed namespace for the name-based UUIDs (RFC 9562 version 5), chosen once for cdn-purge.
const requestIdNamespace = Buffer.from('5b8c3f9e2a7d4e1b9c6f0a3d8e2b7c41', 'hex');
/**
 * The `requestId` of one invalidation: a version 5 UUID (never the zero UUID Compute refuses) of
 * the run, attempt, job, step and rule. A retry of the same request sends the same id, so Compute
 * creates no second invalidation; another job, step or re-run makes a new one, as it should.
 */
function requestId(parts) {
    const name = JSON.stringify([parts.runId, parts.runAttempt, parts.job, parts.step, parts.project, parts.urlMap, parts.rule]);
    const hash = (0,external_node_crypto_.createHash)('sha1').update(requestIdNamespace).update(name).digest();
    hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
    hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
/** Reads a Compute Operation (the invalidateCache answer, or a poll), or says why it is not one. */
function readOperation(answer) {
    let parsed;
    try {
        parsed = JSON.parse(answer.body);
    }
    catch {
        return { problem: `HTTP ${answer.status}, not a Compute API answer: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    }
    const operation = (typeof parsed === 'object' && parsed !== null ? parsed : {});
    if (typeof operation.name !== 'string' || operation.name === '' || typeof operation.status !== 'string') {
        return { problem: `HTTP ${answer.status}, no Operation name and status: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    }
    const errors = Array.isArray(operation.error?.errors) ? operation.error.errors : [];
    const error = errors
        .slice(0, 3)
        .map((each) => [each.code, each.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
        .filter(Boolean)
        .join('; ');
    const failed = operation.error !== undefined && operation.error !== null;
    return { name: operation.name.slice(0, 200), status: operation.status.slice(0, 40), ...(failed ? { error: error === '' ? 'the operation ended with an error' : (0,client/* bodySnippet */.Iu)(error) } : {}) };
}
/** Reads Google's error body `{"error": {"code", "message", "status", "errors": [{"reason"}]}}`. */
function readGoogleError(body) {
    try {
        const error = JSON.parse(body)?.error;
        if (typeof error === 'object' && error !== null) {
            const reason = [error.errors?.[0]?.reason, error.status].find((value) => typeof value === 'string' && value !== '');
            const message = typeof error.message === 'string' ? (0,client/* bodySnippet */.Iu)(error.message) : (0,client/* bodySnippet */.Iu)(body);
            return { reason, message };
        }
    }
    catch {
        // not JSON: shown as a snippet below
    }
    return { reason: undefined, message: (0,client/* bodySnippet */.Iu)(body) };
}
/** Compute's rate limit answers: 429, or 403 with reason `rateLimitExceeded` (the Compute API quota). */
function isRateLimited(status, reading) {
    return status === 429 || (status === 403 && (reading.reason === 'rateLimitExceeded' || reading.reason === 'userRateLimitExceeded'));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/sign-in/github-oidc.ts
var github_oidc = __webpack_require__(7940);
;// CONCATENATED MODULE: ./src/providers/cloud-cdn/sign-in.ts






const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';
const tokenExchangeGrant = 'urn:ietf:params:oauth:grant-type:token-exchange';
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';
const jwtTokenType = 'urn:ietf:params:oauth:token-type:jwt';
const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const providerPattern = /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([a-z0-9-]{4,32})\/providers\/([a-z0-9-]{4,32})$/;
const serviceAccountPattern = /^[a-z0-9-]{1,100}@[a-z0-9.-]{1,200}\.gserviceaccount\.com$/;
/** A credentials file or a subject token source is small; anything bigger is not one. */
const maxFileBytes = 64 * 1024;
const maxAnswerChars = 64 * 1024;
const signInWays = '`token` (an OAuth 2.0 access token), `workload-identity-provider` (keyless: the job needs `permissions: id-token: write`), ' +
    'or a GOOGLE_APPLICATION_CREDENTIALS file (as google-github-actions/auth writes it)';
function googleEndpoints(env) {
    return {
        sts: env.CDN_PURGE_GOOGLE_STS_URL || 'https://sts.googleapis.com/v1/token',
        iamCredentials: (env.CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL || 'https://iamcredentials.googleapis.com/v1').replace(/\/+$/, ''),
        oauthToken: env.CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL || 'https://oauth2.googleapis.com/token',
    };
}
/**
 * Whether a URL read from a credentials file may receive a token: https on a googleapis.com host
 * (Private Service Connect names included), or the origin of an endpoint override. A file that
 * names any other host could send the job's OIDC token or a key's assertion there, the risk
 * google-auth-library warns of ("credential configurations with malicious URLs").
 */
function isTrustedGoogleUrl(url, endpoints) {
    const parsed = URL.parse(url);
    if (!parsed)
        return false;
    if (parsed.protocol === 'https:' && (parsed.hostname === 'googleapis.com' || parsed.hostname.endsWith('.googleapis.com')))
        return true;
    return [endpoints.sts, endpoints.iamCredentials, endpoints.oauthToken].some((endpoint) => URL.parse(endpoint)?.origin === parsed.origin);
}
/** Input errors in the sign-in inputs' form, found before anything is sent (dry-run too). */
function signInInputErrors(inputs, env) {
    const errors = [];
    if (inputs.workloadIdentityProvider !== undefined && !providerPattern.test(inputs.workloadIdentityProvider)) {
        const given = inputs.workloadIdentityProvider;
        const hint = given.startsWith('//') || given.startsWith('https:')
            ? ' (without the //iam.googleapis.com/ prefix)'
            : /^projects\/[^/]*[a-z][^/]*\//.test(given)
                ? ' (the project NUMBER, not its ID: `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`)'
                : '';
        errors.push(`input workload-identity-provider: expected the provider's full name, projects/<project number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>${hint}, got ${(0,lists/* quote */.hD)(given)}`);
    }
    if (inputs.serviceAccount !== undefined) {
        if (!serviceAccountPattern.test(inputs.serviceAccount)) {
            errors.push(`input service-account: expected a service account email (name@project.iam.gserviceaccount.com), got ${(0,lists/* quote */.hD)(inputs.serviceAccount)}`);
        }
        else if (inputs.workloadIdentityProvider === undefined) {
            errors.push('input service-account: it is impersonated through workload identity federation: give `workload-identity-provider` too');
        }
    }
    for (const name of ['CDN_PURGE_GOOGLE_STS_URL', 'CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL', 'CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL']) {
        const value = env[name];
        if (value && !/^https?:$/.test(URL.parse(value)?.protocol ?? ''))
            errors.push(`${name} must be an http(s) URL, got ${(0,lists/* quote */.hD)(value)}`);
    }
    return errors;
}
/** Signs in the first way the inputs and environment offer, and returns an access token (masked). */
async function signIn(http, inputs, env) {
    const endpoints = googleEndpoints(env);
    if (inputs.token !== undefined && inputs.token !== '') {
        (0,secrets/* registerSecret */.cl)(inputs.token);
        return { ok: true, accessToken: inputs.token, via: 'token' };
    }
    if (inputs.workloadIdentityProvider !== undefined) {
        return signInWithWorkloadIdentity(http, endpoints, inputs.workloadIdentityProvider, inputs.serviceAccount, env);
    }
    const file = env.GOOGLE_APPLICATION_CREDENTIALS;
    if (file)
        return signInWithCredentialsFile(http, endpoints, file);
    return { ok: false, input: true, error: `input token: cloud-cdn needs a way to sign in to Google Cloud: ${signInWays}` };
}
async function signInWithWorkloadIdentity(http, endpoints, provider, serviceAccount, env) {
    const oidc = await (0,github_oidc/* requestOidcToken */.Iz)(http, `https://iam.googleapis.com/${provider}`, env, 'workload-identity-provider');
    if (!oidc.ok)
        return { ok: false, error: oidc.error, ...(oidc.error.includes('id-token: write') ? { input: true } : {}) };
    const federated = await exchangeToken(http, endpoints.sts, { audience: `//iam.googleapis.com/${provider}`, subjectToken: oidc.token, subjectTokenType: jwtTokenType }, oidc.subject);
    if (!federated.ok || serviceAccount === undefined)
        return federated.ok ? { ...federated, via: `workload-identity-provider ${provider}` } : federated;
    const impersonated = await generateAccessToken(http, `${endpoints.iamCredentials}/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`, serviceAccount, federated.accessToken, 3600);
    return impersonated.ok ? { ...impersonated, via: `workload-identity-provider ${provider} as ${serviceAccount}` } : impersonated;
}
/** The STS token exchange (RFC 8693), sent as JSON camelCase like google-github-actions/auth does. */
async function exchangeToken(http, url, request, subject) {
    const body = JSON.stringify({
        grantType: tokenExchangeGrant,
        requestedTokenType: accessTokenType,
        subjectToken: request.subjectToken,
        subjectTokenType: request.subjectTokenType,
        audience: request.audience,
        scope: cloudPlatformScope,
    });
    return postForToken(http, { url, body, contentType: 'application/json' }, 'access_token', (answer) => {
        const { error, description } = readOAuthError(answer.body);
        return `Google STS refused the token exchange (HTTP ${answer.status}): ${error}: ${description}${exchangeHint(error, description, request.audience, subject)}`;
    }).then((result) => (result.ok ? { ...result, via: 'workload identity federation' } : result));
}
/** What usually causes each refusal, worded for the person who set the pool up. */
function exchangeHint(error, description, audience, subject) {
    const provider = audience.replace(/^\/\/iam\.googleapis\.com\//, '');
    const token = subject === undefined ? "this job's token" : `this job's token (sub ${(0,lists/* quote */.hD)(subject)})`;
    if (error === 'unauthorized_client') {
        return ` (hint: the provider's attribute condition rejects ${token}; make it accept this repository, e.g. assertion.repository == 'OWNER/REPO', and check any ref or environment it names)`;
    }
    if (error === 'invalid_target')
        return ` (hint: the pool or provider ${(0,lists/* quote */.hD)(provider)} does not exist or is disabled; check the project number, pool and provider IDs)`;
    if (error === 'invalid_grant' && /audience/i.test(description)) {
        return ` (hint: the provider's allowed audiences must include https://iam.googleapis.com/${provider}, the default when it lists none)`;
    }
    if (error === 'invalid_grant')
        return ` (hint: the provider's issuer must be https://token.actions.githubusercontent.com, and ${token} must not have expired)`;
    if (error === 'invalid_request' && /audience/i.test(description))
        return ' (hint: workload-identity-provider must be the full provider name, with the project number)';
    return '';
}
async function generateAccessToken(http, url, serviceAccount, federatedToken, lifetimeSeconds) {
    const body = JSON.stringify({ scope: [cloudPlatformScope], lifetime: `${lifetimeSeconds}s` });
    const result = await postForToken(http, { url, body, contentType: 'application/json', bearer: federatedToken }, 'accessToken', (answer) => {
        const { status, message } = readRpcError(answer.body);
        const hint = answer.status === 403
            ? ` (hint: grant this repository's principals in the pool roles/iam.workloadIdentityUser on ${serviceAccount}, and check the account exists)`
            : '';
        return `IAM Credentials refused an access token for ${serviceAccount} (HTTP ${answer.status}): ${status}: ${message}${hint}`;
    });
    return result.ok ? { ...result, via: `service account ${serviceAccount}` } : result;
}
/** POSTs to a token endpoint and reads `field` from a success; the token is masked before anything else. */
async function postForToken(http, request, field, refusal) {
    let token;
    const headers = { 'content-type': request.contentType, accept: 'application/json' };
    if (request.bearer !== undefined)
        headers.authorization = `Bearer ${request.bearer}`;
    const { verdict } = await http.send({ url: request.url, method: 'POST', headers, body: request.body }, (answer) => {
        const value = answer.body.length > maxAnswerChars ? undefined : readField(answer.body, field);
        if (value !== undefined)
            (0,secrets/* registerSecret */.cl)(value);
        if (answer.status >= 200 && answer.status < 300 && value !== undefined) {
            token = value;
            return { ok: true };
        }
        if (answer.status === 408 || answer.status === 429 || answer.status >= 500)
            return { ok: false, error: `HTTP ${answer.status} from ${new URL(request.url).host}: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
        if (answer.status >= 200 && answer.status < 300)
            return { ok: false, error: `HTTP ${answer.status} from ${new URL(request.url).host}, no ${field} in the answer`, retryable: false };
        return { ok: false, error: refusal(answer), retryable: false };
    });
    if (!verdict.ok || token === undefined)
        return { ok: false, error: verdict.ok ? `no ${field}` : verdict.error };
    return { ok: true, accessToken: token, via: '' };
}
function readField(body, field) {
    try {
        const value = JSON.parse(body)?.[field];
        return typeof value === 'string' && value !== '' && value.length <= 8192 ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** `{"error", "error_description"}` (RFC 6749 §5.2), as STS and the OAuth endpoint answer a refusal. */
function readOAuthError(body) {
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed?.error === 'string') {
            return { error: (0,client/* bodySnippet */.Iu)(parsed.error), description: typeof parsed.error_description === 'string' ? (0,client/* bodySnippet */.Iu)(parsed.error_description) : '(no description)' };
        }
    }
    catch {
        // not JSON: a snippet below
    }
    return { error: 'error', description: (0,client/* bodySnippet */.Iu)(body) };
}
/** `{"error": {"code", "message", "status"}}`, as IAM Credentials answers a refusal. */
function readRpcError(body) {
    try {
        const error = JSON.parse(body)?.error;
        if (typeof error?.message === 'string')
            return { status: typeof error.status === 'string' ? (0,client/* bodySnippet */.Iu)(error.status) : 'ERROR', message: (0,client/* bodySnippet */.Iu)(error.message) };
    }
    catch {
        // not JSON: a snippet below
    }
    return { status: 'ERROR', message: (0,client/* bodySnippet */.Iu)(body) };
}
async function signInWithCredentialsFile(http, endpoints, path) {
    const source = `GOOGLE_APPLICATION_CREDENTIALS (${path})`;
    const text = await readSmallFile(path);
    if ('error' in text)
        return { ok: false, input: true, error: `${source}: ${text.error}` };
    let parsed;
    try {
        parsed = JSON.parse(text.content);
    }
    catch {
        return { ok: false, input: true, error: `${source} is not a JSON credentials file` };
    }
    const type = parsed?.type;
    const universe = parsed?.universe_domain;
    if (universe !== undefined && universe !== 'googleapis.com') {
        return { ok: false, input: true, error: `${source}: universe_domain ${(0,lists/* quote */.hD)(String(universe))} is not covered (only the public cloud, googleapis.com)` };
    }
    if (type === 'external_account')
        return signInWithExternalAccount(http, endpoints, parsed, source);
    if (type === 'service_account')
        return signInWithServiceAccountKey(http, endpoints, parsed, source);
    return {
        ok: false,
        input: true,
        error: `${source}: credentials of type ${(0,lists/* quote */.hD)(String(type))} are not supported; use an external_account file (google-github-actions/auth) or a service_account key, or the input workload-identity-provider`,
    };
}
async function readSmallFile(path) {
    try {
        const info = await (0,promises_.stat)(path);
        if (!info.isFile())
            return { error: 'not a file' };
        if (info.size > maxFileBytes)
            return { error: `larger than ${maxFileBytes} bytes, not a credentials file` };
        return { content: await (0,promises_.readFile)(path, 'utf8') };
    }
    catch (error) {
        const code = error.code;
        return { error: code === 'ENOENT' ? 'no such file' : `unreadable (${typeof code === 'string' ? code : 'error'})` };
    }
}
async function signInWithExternalAccount(http, endpoints, file, source) {
    const problem = (text) => ({ ok: false, input: true, error: `${source}: ${text}` });
    const audience = typeof file.audience === 'string' ? file.audience : '';
    if (!audience.startsWith('//iam.googleapis.com/'))
        return problem('its audience is not a //iam.googleapis.com/ workload identity provider');
    const subjectTokenType = typeof file.subject_token_type === 'string' ? file.subject_token_type : jwtTokenType;
    const tokenUrl = typeof file.token_url === 'string' ? file.token_url : endpoints.sts;
    if (!isTrustedGoogleUrl(tokenUrl, endpoints))
        return problem(`token_url ${(0,lists/* quote */.hD)(tokenUrl)} is not a googleapis.com https URL; refusing to send a token there`);
    const impersonationUrl = file.service_account_impersonation_url;
    let serviceAccount;
    if (impersonationUrl !== undefined) {
        serviceAccount = typeof impersonationUrl === 'string' ? /\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(impersonationUrl)?.[1] : undefined;
        if (serviceAccount === undefined)
            return problem('service_account_impersonation_url is not an IAM Credentials generateAccessToken URL');
        if (!isTrustedGoogleUrl(impersonationUrl, endpoints)) {
            return problem(`service_account_impersonation_url ${(0,lists/* quote */.hD)(impersonationUrl)} is not a googleapis.com https URL; refusing to send a token there`);
        }
    }
    const lifetime = file.service_account_impersonation?.token_lifetime_seconds;
    const lifetimeSeconds = typeof lifetime === 'number' && Number.isInteger(lifetime) && lifetime >= 600 && lifetime <= 43_200 ? lifetime : 3600;
    const subjectToken = await readSubjectToken(http, file.credential_source);
    if ('error' in subjectToken)
        return { ok: false, error: `${source}: ${subjectToken.error}`, ...(subjectToken.input ? { input: true } : {}) };
    const federated = await exchangeToken(http, tokenUrl, { audience, subjectToken: subjectToken.token, subjectTokenType }, (0,github_oidc/* readClaims */.Ip)(subjectToken.token).sub);
    if (!federated.ok || serviceAccount === undefined)
        return federated.ok ? { ...federated, via: `${source}, workload identity federation` } : federated;
    const impersonated = await generateAccessToken(http, impersonationUrl, decodeURIComponent(serviceAccount), federated.accessToken, lifetimeSeconds);
    return impersonated.ok ? { ...impersonated, via: `${source}, as ${decodeURIComponent(serviceAccount)}` } : impersonated;
}
/**
 * The subject token an external_account file names: from a URL (google-github-actions/auth points
 * it at the runner's OIDC URL, with the request token in `headers`), or from a file.
 */
async function readSubjectToken(http, credentialSource) {
    if (typeof credentialSource !== 'object' || credentialSource === null)
        return { error: 'no credential_source', input: true };
    const format = credentialSource.format;
    const field = format?.type === 'json' ? format.subject_token_field_name : undefined;
    if (format?.type === 'json' && (typeof field !== 'string' || field === ''))
        return { error: 'credential_source.format json needs subject_token_field_name', input: true };
    const read = (text) => {
        const token = format?.type === 'json' ? readField(text, field) : text.trim();
        return token !== undefined && token !== '' && token.length <= 20_000 ? token : undefined;
    };
    if (typeof credentialSource.url === 'string') {
        const url = credentialSource.url;
        if (!/^https?:$/.test(URL.parse(url)?.protocol ?? ''))
            return { error: 'credential_source.url is not an http(s) URL', input: true };
        const headers = {};
        if (typeof credentialSource.headers === 'object' && credentialSource.headers !== null) {
            for (const [name, value] of Object.entries(credentialSource.headers)) {
                if (typeof value !== 'string')
                    continue;
                (0,secrets/* registerSecret */.cl)(value.replace(/^Bearer\s+/i, ''));
                headers[name] = value;
            }
        }
        let token;
        const { verdict } = await http.send({ url, method: 'GET', headers }, (answer) => {
            const value = answer.body.length > maxAnswerChars ? undefined : read(answer.body);
            if (value !== undefined)
                (0,secrets/* registerSecret */.cl)(value);
            if (answer.status >= 200 && answer.status < 300 && value !== undefined) {
                token = value;
                return { ok: true };
            }
            return { ok: false, error: `the subject token was not obtained from credential_source.url (HTTP ${answer.status})` };
        });
        if (!verdict.ok || token === undefined)
            return { error: verdict.ok ? 'no subject token' : verdict.error };
        return { token };
    }
    if (typeof credentialSource.file === 'string') {
        const text = await readSmallFile(credentialSource.file);
        if ('error' in text)
            return { error: `credential_source.file: ${text.error}`, input: true };
        const token = read(text.content);
        if (token === undefined)
            return { error: 'credential_source.file holds no subject token', input: true };
        (0,secrets/* registerSecret */.cl)(token);
        return { token };
    }
    const kind = Object.keys(credentialSource).find((key) => key !== 'format' && key !== 'headers') ?? 'none';
    return { error: `credential_source ${(0,lists/* quote */.hD)(kind)} is not supported (only url and file)`, input: true };
}
async function signInWithServiceAccountKey(http, endpoints, file, source) {
    const problem = (text) => ({ ok: false, input: true, error: `${source}: ${text}` });
    if (typeof file.private_key !== 'string' || !file.private_key.includes('PRIVATE KEY'))
        return problem('the service_account key has no private_key');
    maskPem(file.private_key);
    if (typeof file.client_email !== 'string' || file.client_email === '')
        return problem('the service_account key has no client_email');
    const tokenUri = typeof file.token_uri === 'string' ? file.token_uri : endpoints.oauthToken;
    if (!isTrustedGoogleUrl(tokenUri, endpoints))
        return problem(`token_uri ${(0,lists/* quote */.hD)(tokenUri)} is not a googleapis.com https URL; refusing to send a signed assertion there`);
    let assertion;
    try {
        assertion = signAssertion(file.private_key, typeof file.private_key_id === 'string' ? file.private_key_id : undefined, file.client_email, tokenUri, Date.now());
    }
    catch {
        return problem('the private_key could not sign (not an RSA private key in PEM)');
    }
    (0,secrets/* registerSecret */.cl)(assertion);
    const email = file.client_email;
    const body = new URLSearchParams({ grant_type: jwtBearerGrant, assertion }).toString();
    const result = await postForToken(http, { url: tokenUri, body, contentType: 'application/x-www-form-urlencoded' }, 'access_token', (answer) => {
        const { error, description } = readOAuthError(answer.body);
        return `Google's token endpoint refused the key of ${email} (HTTP ${answer.status}): ${error}: ${description} (hint: the key may be deleted or disabled, or the account disabled; keyless workload-identity-provider needs no key at all)`;
    });
    return result.ok ? { ...result, via: `${source}, service account key of ${email}` } : result;
}
/** RFC 7523 JWT bearer assertion for a service account key, RS256, valid one hour. */
function signAssertion(privateKeyPem, keyId, email, audience, now) {
    const iat = Math.floor(now / 1000);
    const header = { alg: 'RS256', typ: 'JWT', ...(keyId === undefined ? {} : { kid: keyId }) };
    const claims = { iss: email, scope: cloudPlatformScope, aud: audience, iat, exp: iat + 3600 };
    const unsigned = `${base64url(header)}.${base64url(claims)}`;
    const signature = (0,external_node_crypto_.createSign)('RSA-SHA256').update(unsigned).sign(privateKeyPem, 'base64url');
    return `${unsigned}.${signature}`;
}
function base64url(value) {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
}
/** The key, and each of its lines, so no part of it can show in a log. */
function maskPem(pem) {
    (0,secrets/* registerSecret */.cl)(pem);
    for (const line of pem.split(/\r?\n/))
        if (line.length >= 16 && !line.startsWith('-----'))
            (0,secrets/* registerSecret */.cl)(line);
}

;// CONCATENATED MODULE: ./src/providers/cloud-cdn/provider.ts








const projectPattern = /^(?:[a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const urlMapPattern = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
// Polling: Google says an invalidation takes effect in about 10 seconds.
const firstPollDelayMs = 2_000;
const maxPollDelayMs = 10_000;
/** Outside GitHub Actions there is no run id: one random id per process keeps retries idempotent. */
const localRunId = (0,external_node_crypto_.randomUUID)();
class CloudCdn extends provider/* Provider */.K {
    targets(settings) {
        return settings.urlMaps.map((urlMap) => ({ label: `${settings.project}/${urlMap}`, id: urlMap }));
    }
    group(settings, targets) {
        const errors = [];
        if (settings.project !== '' && !projectPattern.test(settings.project)) {
            errors.push(`input project: expected a Google Cloud project ID (6 to 30 lowercase letters, digits and hyphens), got ${(0,lists/* quote */.hD)(settings.project)}`);
        }
        for (const urlMap of settings.urlMaps.filter((each) => !urlMapPattern.test(each))) {
            errors.push(`input url-map: expected URL map names (lowercase letters, digits and hyphens, starting with a letter), got ${(0,lists/* quote */.hD)(urlMap)}`);
        }
        if (settings.scope === 'all')
            return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors, notes: [] };
        const paths = new Set();
        const notes = new Set();
        for (const raw of settings.paths) {
            const reading = readPath(raw);
            if (!reading.ok) {
                errors.push(`input paths: ${reading.error}`);
                continue;
            }
            paths.add(reading.item);
            if (reading.note !== undefined)
                notes.add(reading.note);
        }
        for (const tag of settings.keys) {
            const problem = cacheTagProblem(tag);
            if (problem)
                errors.push(`input keys: ${problem}`);
        }
        const groups = [];
        for (const target of targets) {
            if (paths.size > 0)
                groups.push({ target, kind: 'paths', items: [...paths] });
            if (settings.keys.length > 0)
                groups.push({ target, kind: 'cacheTags', items: settings.keys });
        }
        return { groups, errors, notes: [...notes] };
    }
    credentials(settings) {
        return { secrets: [], errors: signInInputErrors(signInInputs(settings), settings.env) };
    }
    async signIn(settings, context) {
        const result = await signIn(context.http, signInInputs(settings), context.env);
        if (!result.ok) {
            if (result.input)
                throw new errors/* InputError */.dz([result.error]);
            throw new Error(`sign-in to Google Cloud failed: ${result.error}`);
        }
        context.registerSecret(result.accessToken);
        return { headers: { authorization: `Bearer ${result.accessToken}` } };
    }
    request(batch, settings) {
        const rule = ruleOf(batch);
        const env = settings.env;
        const id = requestId({
            runId: env.GITHUB_RUN_ID || localRunId,
            runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
            job: env.GITHUB_JOB ?? '',
            step: env.GITHUB_ACTION ?? '',
            project: settings.project,
            urlMap: batch.target.id,
            rule,
        });
        return {
            method: 'POST',
            path: `${urlMapPath(settings.project, batch.target.id)}/invalidateCache?requestId=${id}`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(rule),
        };
    }
    readAnswer(answer, batch) {
        if (!(0,helpers/* isSuccess */.oJ)(answer.status))
            return refusal(answer, batch);
        const operation = readOperation(answer);
        if ('problem' in operation)
            return { ok: false, error: operation.problem };
        if (operation.error !== undefined)
            return { ok: false, error: `operation ${operation.name} failed: ${operation.error}`, retryable: false };
        return { ok: true, id: operation.name, ...(operation.status === 'DONE' ? { detail: 'DONE' } : {}) };
    }
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        const startedAt = api.now();
        await Promise.all(results
            .filter((result) => result.status === 'purged' && result.id !== undefined && result.detail !== 'DONE')
            .map(async (result) => {
            const name = result.id;
            const outcome = await (0,helpers/* pollUntil */.g3)(api, () => pollOperation(api, settings.project, name), pollDelayMs);
            const took = (0,client/* formatSeconds */.Xo)(api.now() - startedAt);
            if ('done' in outcome) {
                result.detail = `DONE after ${took}`;
            }
            else {
                result.status = 'failed';
                result.error = 'failed' in outcome ? outcome.failed : `operation ${name} was still ${outcome.timedOut} after ${took}, when the timeout ran out (the invalidation goes on)`;
            }
        }));
    }
}
function signInInputs(settings) {
    return {
        token: settings.token === '' ? undefined : settings.token,
        workloadIdentityProvider: settings.workloadIdentityProvider === '' ? undefined : settings.workloadIdentityProvider,
        serviceAccount: settings.serviceAccount === '' ? undefined : settings.serviceAccount,
    };
}
function urlMapPath(project, urlMap) {
    return `/projects/${encodeURIComponent(project)}/global/urlMaps/${encodeURIComponent(urlMap)}`;
}
function ruleOf(batch) {
    if (batch.kind === 'everything')
        return { path: '/*' };
    const items = batch.items.map((item) => (typeof item === 'string' ? item : item.url));
    if (batch.kind === 'cacheTags')
        return { cacheTags: items };
    if (items.length !== 1)
        throw new Error(`a Cloud CDN invalidation takes one path, got ${items.length}`);
    return ruleForItem(items[0]);
}
/** A refused invalidation in Google's words, with the usual cause; rate limits are retried like a 429. */
function refusal(answer, batch) {
    const reading = readGoogleError(answer.body);
    const said = `HTTP ${answer.status}${reading.reason ? ` ${reading.reason}` : ''}: ${reading.message}`;
    if (isRateLimited(answer.status, reading))
        return { ok: false, error: said, retryable: true };
    if ((0,client/* isRetryableStatus */.PS)(answer.status))
        return { ok: false, error: said };
    const hint = answer.status === 401
        ? ' (the access token is not valid, or has expired)'
        : answer.status === 403
            ? ' (the signed-in account needs compute.urlMaps.invalidateCache on the project; see the README for a least-permission role)'
            : answer.status === 404
                ? ` (check project and url-map: ${(0,lists/* quote */.hD)(batch.target.id)} must be a global URL map of the project)`
                : '';
    return { ok: false, error: `${said}${hint}`, retryable: false };
}
async function pollOperation(api, project, name) {
    let state;
    const { verdict } = await (0,helpers/* callApi */.px)(api, { method: 'GET', path: `/projects/${encodeURIComponent(project)}/global/operations/${encodeURIComponent(name)}` }, (answer) => {
        if (!(0,helpers/* isSuccess */.oJ)(answer.status)) {
            const reading = readGoogleError(answer.body);
            return { ok: false, error: `HTTP ${answer.status}${reading.reason ? ` ${reading.reason}` : ''}: ${reading.message}`, ...(isRateLimited(answer.status, reading) ? { retryable: true } : {}) };
        }
        const operation = readOperation(answer);
        if ('problem' in operation)
            return { ok: false, error: operation.problem };
        if (operation.status !== 'DONE')
            state = { pending: operation.status };
        else if (operation.error !== undefined)
            state = { failed: `operation ${name} failed: ${operation.error}` };
        else
            state = { done: true };
        return { ok: true };
    });
    if (!verdict.ok)
        return { failed: `could not read operation ${name}: ${verdict.error}` };
    return state ?? { failed: `could not read operation ${name}` };
}
/** 2 s, growing to every 10 s. */
function pollDelayMs(pollsDone) {
    return Math.min(maxPollDelayMs, Math.round(firstPollDelayMs * 1.5 ** (pollsDone - 1)));
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

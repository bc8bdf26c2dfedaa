export const id = 5;
export const ids = [5];
export const modules = {

/***/ 7005:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Cloudfront: () => (/* binding */ Cloudfront),
  callerReference: () => (/* binding */ callerReference)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./node_modules/aws4fetch/dist/aws4fetch.esm.mjs
/**
 * @license MIT <https://opensource.org/licenses/MIT>
 * @copyright Michael Hart 2024
 */
const encoder = new TextEncoder();
const HOST_SERVICES = {
  appstream2: 'appstream',
  cloudhsmv2: 'cloudhsm',
  email: 'ses',
  marketplace: 'aws-marketplace',
  mobile: 'AWSMobileHubService',
  pinpoint: 'mobiletargeting',
  queue: 'sqs',
  'git-codecommit': 'codecommit',
  'mturk-requester-sandbox': 'mturk-requester',
  'personalize-runtime': 'personalize',
};
const UNSIGNABLE_HEADERS = new Set([
  'authorization',
  'content-type',
  'content-length',
  'user-agent',
  'presigned-expires',
  'expect',
  'x-amzn-trace-id',
  'range',
  'connection',
]);
class AwsClient {
  constructor({ accessKeyId, secretAccessKey, sessionToken, service, region, cache, retries, initRetryMs }) {
    if (accessKeyId == null) throw new TypeError('accessKeyId is a required option')
    if (secretAccessKey == null) throw new TypeError('secretAccessKey is a required option')
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.service = service;
    this.region = region;
    this.cache = cache || new Map();
    this.retries = retries != null ? retries : 10;
    this.initRetryMs = initRetryMs || 50;
  }
  async sign(input, init) {
    if (input instanceof Request) {
      const { method, url, headers, body } = input;
      init = Object.assign({ method, url, headers }, init);
      if (init.body == null && headers.has('Content-Type')) {
        init.body = body != null && headers.has('X-Amz-Content-Sha256') ? body : await input.clone().arrayBuffer();
      }
      input = url;
    }
    const signer = new AwsV4Signer(Object.assign({ url: input.toString() }, init, this, init && init.aws));
    const signed = Object.assign({}, init, await signer.sign());
    delete signed.aws;
    try {
      return new Request(signed.url.toString(), signed)
    } catch (e) {
      if (e instanceof TypeError) {
        return new Request(signed.url.toString(), Object.assign({ duplex: 'half' }, signed))
      }
      throw e
    }
  }
  async fetch(input, init) {
    for (let i = 0; i <= this.retries; i++) {
      const fetched = fetch(await this.sign(input, init));
      if (i === this.retries) {
        return fetched
      }
      const res = await fetched;
      if (res.status < 500 && res.status !== 429) {
        return res
      }
      await new Promise(resolve => setTimeout(resolve, Math.random() * this.initRetryMs * Math.pow(2, i)));
    }
    throw new Error('An unknown error occurred, ensure retries is not negative')
  }
}
class AwsV4Signer {
  constructor({ method, url, headers, body, accessKeyId, secretAccessKey, sessionToken, service, region, cache, datetime, signQuery, appendSessionToken, allHeaders, singleEncode }) {
    if (url == null) throw new TypeError('url is a required option')
    if (accessKeyId == null) throw new TypeError('accessKeyId is a required option')
    if (secretAccessKey == null) throw new TypeError('secretAccessKey is a required option')
    this.method = method || (body ? 'POST' : 'GET');
    this.url = new URL(url);
    this.headers = new Headers(headers || {});
    this.body = body;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    let guessedService, guessedRegion;
    if (!service || !region) {
[guessedService, guessedRegion] = guessServiceRegion(this.url, this.headers);
    }
    this.service = service || guessedService || '';
    this.region = region || guessedRegion || 'us-east-1';
    this.cache = cache || new Map();
    this.datetime = datetime || new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
    this.signQuery = signQuery;
    this.appendSessionToken = appendSessionToken || this.service === 'iotdevicegateway';
    this.headers.delete('Host');
    if (this.service === 's3' && !this.signQuery && !this.headers.has('X-Amz-Content-Sha256')) {
      this.headers.set('X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD');
    }
    const params = this.signQuery ? this.url.searchParams : this.headers;
    params.set('X-Amz-Date', this.datetime);
    if (this.sessionToken && !this.appendSessionToken) {
      params.set('X-Amz-Security-Token', this.sessionToken);
    }
    this.signableHeaders = ['host', ...this.headers.keys()]
      .filter(header => allHeaders || !UNSIGNABLE_HEADERS.has(header))
      .sort();
    this.signedHeaders = this.signableHeaders.join(';');
    this.canonicalHeaders = this.signableHeaders
      .map(header => header + ':' + (header === 'host' ? this.url.host : (this.headers.get(header) || '').replace(/\s+/g, ' ')))
      .join('\n');
    this.credentialString = [this.datetime.slice(0, 8), this.region, this.service, 'aws4_request'].join('/');
    if (this.signQuery) {
      if (this.service === 's3' && !params.has('X-Amz-Expires')) {
        params.set('X-Amz-Expires', '86400');
      }
      params.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
      params.set('X-Amz-Credential', this.accessKeyId + '/' + this.credentialString);
      params.set('X-Amz-SignedHeaders', this.signedHeaders);
    }
    if (this.service === 's3') {
      try {
        this.encodedPath = decodeURIComponent(this.url.pathname.replace(/\+/g, ' '));
      } catch (e) {
        this.encodedPath = this.url.pathname;
      }
    } else {
      this.encodedPath = this.url.pathname.replace(/\/+/g, '/');
    }
    if (!singleEncode) {
      this.encodedPath = encodeURIComponent(this.encodedPath).replace(/%2F/g, '/');
    }
    this.encodedPath = encodeRfc3986(this.encodedPath);
    const seenKeys = new Set();
    this.encodedSearch = [...this.url.searchParams]
      .filter(([k]) => {
        if (!k) return false
        if (this.service === 's3') {
          if (seenKeys.has(k)) return false
          seenKeys.add(k);
        }
        return true
      })
      .map(pair => pair.map(p => encodeRfc3986(encodeURIComponent(p))))
      .sort(([k1, v1], [k2, v2]) => k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0)
      .map(pair => pair.join('='))
      .join('&');
  }
  async sign() {
    if (this.signQuery) {
      this.url.searchParams.set('X-Amz-Signature', await this.signature());
      if (this.sessionToken && this.appendSessionToken) {
        this.url.searchParams.set('X-Amz-Security-Token', this.sessionToken);
      }
    } else {
      this.headers.set('Authorization', await this.authHeader());
    }
    return {
      method: this.method,
      url: this.url,
      headers: this.headers,
      body: this.body,
    }
  }
  async authHeader() {
    return [
      'AWS4-HMAC-SHA256 Credential=' + this.accessKeyId + '/' + this.credentialString,
      'SignedHeaders=' + this.signedHeaders,
      'Signature=' + (await this.signature()),
    ].join(', ')
  }
  async signature() {
    const date = this.datetime.slice(0, 8);
    const cacheKey = [this.secretAccessKey, date, this.region, this.service].join();
    let kCredentials = this.cache.get(cacheKey);
    if (!kCredentials) {
      const kDate = await hmac('AWS4' + this.secretAccessKey, date);
      const kRegion = await hmac(kDate, this.region);
      const kService = await hmac(kRegion, this.service);
      kCredentials = await hmac(kService, 'aws4_request');
      this.cache.set(cacheKey, kCredentials);
    }
    return buf2hex(await hmac(kCredentials, await this.stringToSign()))
  }
  async stringToSign() {
    return [
      'AWS4-HMAC-SHA256',
      this.datetime,
      this.credentialString,
      buf2hex(await hash(await this.canonicalString())),
    ].join('\n')
  }
  async canonicalString() {
    return [
      this.method.toUpperCase(),
      this.encodedPath,
      this.encodedSearch,
      this.canonicalHeaders + '\n',
      this.signedHeaders,
      await this.hexBodyHash(),
    ].join('\n')
  }
  async hexBodyHash() {
    let hashHeader = this.headers.get('X-Amz-Content-Sha256') || (this.service === 's3' && this.signQuery ? 'UNSIGNED-PAYLOAD' : null);
    if (hashHeader == null) {
      if (this.body && typeof this.body !== 'string' && !('byteLength' in this.body)) {
        throw new Error('body must be a string, ArrayBuffer or ArrayBufferView, unless you include the X-Amz-Content-Sha256 header')
      }
      hashHeader = buf2hex(await hash(this.body || ''));
    }
    return hashHeader
  }
}
async function hmac(key, string) {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    typeof key === 'string' ? encoder.encode(key) : key,
    { name: 'HMAC', hash: { name: 'SHA-256' } },
    false,
    ['sign'],
  );
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(string))
}
async function hash(content) {
  return crypto.subtle.digest('SHA-256', typeof content === 'string' ? encoder.encode(content) : content)
}
const HEX_CHARS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'];
function buf2hex(arrayBuffer) {
  const buffer = new Uint8Array(arrayBuffer);
  let out = '';
  for (let idx = 0; idx < buffer.length; idx++) {
    const n = buffer[idx];
    out += HEX_CHARS[(n >>> 4) & 0xF];
    out += HEX_CHARS[n & 0xF];
  }
  return out
}
function encodeRfc3986(urlEncodedStr) {
  return urlEncodedStr.replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}
function guessServiceRegion(url, headers) {
  const { hostname, pathname } = url;
  if (hostname.endsWith('.on.aws')) {
    const match = hostname.match(/^[^.]{1,63}\.lambda-url\.([^.]{1,63})\.on\.aws$/);
    return match != null ? ['lambda', match[1] || ''] : ['', '']
  }
  if (hostname.endsWith('.r2.cloudflarestorage.com')) {
    return ['s3', 'auto']
  }
  if (hostname.endsWith('.backblazeb2.com')) {
    const match = hostname.match(/^(?:[^.]{1,63}\.)?s3\.([^.]{1,63})\.backblazeb2\.com$/);
    return match != null ? ['s3', match[1] || ''] : ['', '']
  }
  const match = hostname.replace('dualstack.', '').match(/([^.]{1,63})\.(?:([^.]{0,63})\.)?amazonaws\.com(?:\.cn)?$/);
  let service = (match && match[1]) || '';
  let region = match && match[2];
  if (region === 'us-gov') {
    region = 'us-gov-west-1';
  } else if (region === 's3' || region === 's3-accelerate') {
    region = 'us-east-1';
    service = 's3';
  } else if (service === 'iot') {
    if (hostname.startsWith('iot.')) {
      service = 'execute-api';
    } else if (hostname.startsWith('data.jobs.iot.')) {
      service = 'iot-jobs-data';
    } else {
      service = pathname === '/mqtt' ? 'iotdevicegateway' : 'iotdata';
    }
  } else if (service === 'autoscaling') {
    const targetPrefix = (headers.get('X-Amz-Target') || '').split('.')[0];
    if (targetPrefix === 'AnyScaleFrontendService') {
      service = 'application-autoscaling';
    } else if (targetPrefix === 'AnyScaleScalingPlannerFrontendService') {
      service = 'autoscaling-plans';
    }
  } else if (region == null && service.startsWith('s3-')) {
    region = service.slice(3).replace(/^fips-|^external-1/, '');
    service = 's3';
  } else if (service.endsWith('-fips')) {
    service = service.slice(0, -5);
  } else if (region && /-\d$/.test(service) && !/-\d$/.test(region)) {
[service, region] = [region, service];
  }
  return [HOST_SERVICES[service] || service, region || '']
}



// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8513);
;// CONCATENATED MODULE: ./src/http/xml.ts
/**
 * The small, flat XML answers of AWS APIs (CloudFront, STS): the first element of a name is the
 * one meant (<Id> of the Invalidation, <Code> of the Error). Only the predefined entities and
 * character references are expanded (no DTD); the patterns cannot backtrack.
 */
function xmlText(xml, name) {
    const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
    return match ? unescapeXml(match[1] ?? '') : undefined;
}
function escapeXml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
function unescapeXml(text) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (entity, name) => {
        const code = name[0] !== '#' ? undefined : name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        if (code === undefined)
            return named[name.toLowerCase()] ?? entity;
        // A code point past Unicode's last would make fromCodePoint throw: kept as written.
        return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
}

// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/sign-in/github-oidc.ts
var github_oidc = __webpack_require__(7940);
// EXTERNAL MODULE: ./src/visible.ts
var visible = __webpack_require__(8357);
;// CONCATENATED MODULE: ./src/sign-in/aws-sts.ts






/**
 * AWS keyless sign-in: the job's OIDC token (audience `sts.amazonaws.com`) exchanged at STS
 * `AssumeRoleWithWebIdentity` for temporary credentials of `role-to-assume`, as
 * aws-actions/configure-aws-credentials does, without a step before this one. The call is
 * unsigned (the web identity token is the credential), a form POST with the token in the body,
 * never in the URL; the answer is a few XML fields, read without an XML library.
 */
const stsAudience = 'sts.amazonaws.com';
const defaultStsUrl = 'https://sts.amazonaws.com/';
/** Where STS is asked instead (tests; a regional endpoint such as https://sts.eu-west-1.amazonaws.com/). */
const stsUrlVariable = 'CDN_PURGE_AWS_STS_URL';
// Commercial partition only: China and GovCloud have their own STS endpoints and OIDC providers.
const roleArnPattern = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const maxAnswerChars = 64 * 1024;
// Sent with HTTP 400, yet STS says to retry them ("often a transient error").
const retryableCodes = new Set(['IDPCommunicationError', 'Throttling']);
/** The input errors of `role-to-assume` and the STS URL variable; empty when they are usable. */
function roleInputErrors(roleArn, env) {
    const errors = [];
    if (!roleArnPattern.test(roleArn)) {
        errors.push(`input role-to-assume: expected an IAM role ARN such as arn:aws:iam::123456789012:role/cdn-purge, got ${(0,lists/* quote */.hD)(roleArn)} ` +
            '(AWS China and GovCloud are not covered)');
    }
    const stsUrl = env[stsUrlVariable];
    if (stsUrl && !(0,lists/* parseHttpUrl */.f$)(stsUrl))
        errors.push(`${stsUrlVariable}: expected an http(s) URL, got ${(0,lists/* quote */.hD)(stsUrl)}`);
    return errors;
}
/** `cdn-purge-<run id>`, within STS's 2-64 characters of `[\w+=,.@-]`. */
function roleSessionName(runId) {
    const id = (runId ?? '').replace(/[^\w+=,.@-]/g, '') || 'local';
    return `cdn-purge-${id}`.slice(0, 64);
}
function assumeRoleForm(roleArn, sessionName, webIdentityToken) {
    return new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        WebIdentityToken: webIdentityToken,
    }).toString();
}
/**
 * Gets the OIDC token and exchanges it for the role's credentials, all masked the moment they
 * are known. A refusal comes back in STS's own words, with a hint at the usual cause.
 */
async function assumeRoleWithWebIdentity(http, roleArn, env) {
    const oidc = await (0,github_oidc/* requestOidcToken */.Iz)(http, stsAudience, env, 'role-to-assume');
    if (!oidc.ok)
        return oidc;
    let credentials;
    const { verdict } = await http.send({
        url: env[stsUrlVariable] || defaultStsUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/xml' },
        body: assumeRoleForm(roleArn, roleSessionName(env.GITHUB_RUN_ID), oidc.token),
    }, (answer) => {
        const read = readAssumeRoleAnswer(answer);
        if ('credentials' in read) {
            credentials = read.credentials;
            return { ok: true };
        }
        return { ok: false, error: read.error, retryable: read.retryable };
    });
    if (verdict.ok && credentials)
        return { ok: true, credentials };
    const reason = verdict.ok ? 'no credentials' : verdict.error;
    return { ok: false, error: `AWS STS refused to let this job assume ${roleArn}: ${reason}${stsHint(reason, oidc.subject)}` };
}
function readAssumeRoleAnswer(answer) {
    if (answer.body.length > maxAnswerChars)
        return { error: `HTTP ${answer.status}: answer larger than ${maxAnswerChars} characters`, retryable: false };
    if (answer.status >= 200 && answer.status < 300) {
        const accessKeyId = xmlText(answer.body, 'AccessKeyId');
        const secretAccessKey = xmlText(answer.body, 'SecretAccessKey');
        const sessionToken = xmlText(answer.body, 'SessionToken');
        for (const secret of [accessKeyId, secretAccessKey, sessionToken])
            if (secret)
                (0,secrets/* registerSecret */.cl)(secret);
        if (!accessKeyId || !secretAccessKey || !sessionToken) {
            return { error: `HTTP ${answer.status}: the answer has no Credentials (AccessKeyId, SecretAccessKey, SessionToken)`, retryable: false };
        }
        return { credentials: { accessKeyId, secretAccessKey, sessionToken, expiration: xmlText(answer.body, 'Expiration') } };
    }
    const code = xmlText(answer.body, 'Code');
    if (code === undefined)
        return { error: `HTTP ${answer.status}, not an STS answer: ${(0,client/* bodySnippet */.Iu)(answer.body)}`, retryable: (0,client/* isRetryableStatus */.PS)(answer.status) };
    const message = xmlText(answer.body, 'Message');
    return {
        error: `HTTP ${answer.status}, ${code}${message ? `: ${(0,visible/* oneLine */.TN)(message)}` : ''}`,
        retryable: retryableCodes.has(code) || (0,client/* isRetryableStatus */.PS)(answer.status),
    };
}
/** The usual cause of each refusal, for this job's token subject. */
function stsHint(reason, subject) {
    const sub = subject ? `this job's token has sub ${(0,lists/* quote */.hD)(subject)}` : "this job's token subject";
    if (/\bAccessDenied\b/.test(reason)) {
        return (` (hint: the role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com ` +
            `with a "token.actions.githubusercontent.com:sub" condition that matches: ${sub})`);
    }
    if (/Incorrect token audience/.test(reason)) {
        return ` (hint: the IAM OIDC provider for token.actions.githubusercontent.com must list the audience ${stsAudience}, as must the trust policy's ":aud" condition)`;
    }
    if (/No OpenIDConnect provider/.test(reason)) {
        return ' (hint: create the IAM OIDC identity provider https://token.actions.githubusercontent.com with audience sts.amazonaws.com in the role\'s account)';
    }
    if (/\bInvalidIdentityToken\b|\bExpiredTokenException\b/.test(reason))
        return ` (hint: check the IAM OIDC provider for token.actions.githubusercontent.com; ${sub})`;
    return '';
}

// EXTERNAL MODULE: ./src/providers/helpers.ts
var helpers = __webpack_require__(8047);
// EXTERNAL MODULE: ./src/providers/provider.ts
var provider = __webpack_require__(1926);
// EXTERNAL MODULE: ./src/providers/cloudfront/limits.ts
var limits = __webpack_require__(9683);
;// CONCATENATED MODULE: ./src/providers/cloudfront/provider.ts










/**
 * CloudFront `CreateInvalidation` (REST with XML bodies), signed with AWS Signature V4, and
 * `GetInvalidation` for `wait`. One invalidation per distribution per batch; paths and `#tag`
 * items share it.
 */
const apiVersion = '2020-05-31';
const xmlNamespace = `http://cloudfront.amazonaws.com/doc/${apiVersion}/`;
// In progress at once per distribution: 3,000 paths (maxPaths), and independently 15 wildcard paths.
const maxWildcards = 15;
const maxPathLength = 4_000;
// Distribution IDs are upper-case letters and digits (E2QWRUHAPOMQZL).
const distributionIdPattern = /^[A-Z0-9]{1,128}$/;
// Tags: visible ASCII (33-126) except the comma, at most 256 characters, no wildcard.
const tagPattern = /^[\x21-\x29\x2b\x2d-\x7e]{1,256}$/;
// Sent with HTTP 400, yet they mean "later", not "never".
const provider_retryableCodes = new Set(['Throttling', 'TooManyInvalidationsInProgress']);
const pollFirstMs = 1_000;
const pollCapMs = 20_000;
const pollConcurrency = 4;
class Cloudfront extends provider/* Provider */.K {
    targets(settings) {
        return settings.distributions.map((id) => ({ label: id, id }));
    }
    credentials(settings) {
        const env = settings.env;
        // The key ID too, as configure-aws-credentials masks it: with it, half a credential is known.
        const secrets = [env.AWS_ACCESS_KEY_ID ?? '', env.AWS_SECRET_ACCESS_KEY ?? '', env.AWS_SESSION_TOKEN ?? ''].filter((value) => value.trim() !== '');
        if (settings.roleToAssume !== '') {
            // The role's credentials win: the AWS_* variables are not needed, only the OIDC token.
            const oidcError = settings.dryRun ? undefined : (0,github_oidc/* oidcInputError */.SN)(env, 'role-to-assume');
            return { secrets, errors: [...roleInputErrors(settings.roleToAssume, env), ...(oidcError === undefined ? [] : [oidcError])] };
        }
        const missing = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter((name) => (env[name] ?? '').trim() === '');
        if (missing.length === 0 || settings.dryRun)
            return { secrets, errors: [] };
        return {
            secrets,
            errors: [
                `AWS credentials: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set; CloudFront takes no token: give role-to-assume ` +
                    '(keyless, with permissions: id-token: write), or set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (for temporary credentials) ' +
                    'AWS_SESSION_TOKEN in the environment, e.g. with aws-actions/configure-aws-credentials',
            ],
        };
    }
    group(settings, targets) {
        return groupItems(settings, targets);
    }
    async signIn(settings, context) {
        const credentials = settings.roleToAssume !== '' ? await assumeRole(settings.roleToAssume, context) : environmentCredentials(settings.env);
        return { sign: (request) => signRequest(request, credentials) };
    }
    request(batch, settings) {
        const paths = pathsOf(batch);
        const items = paths.map((path) => `<Path>${escapeXml(path)}</Path>`).join('');
        return {
            method: 'POST',
            path: `/${apiVersion}/distribution/${encodeURIComponent(batch.target.id)}/invalidation`,
            headers: { 'Content-Type': 'application/xml' },
            body: `<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="${xmlNamespace}">` +
                `<Paths><Quantity>${paths.length}</Quantity><Items>${items}</Items></Paths>` +
                `<CallerReference>${escapeXml(callerReference(batch, settings))}</CallerReference></InvalidationBatch>`,
        };
    }
    readAnswer(answer) {
        return readInvalidation(answer);
    }
    async settle(results, settings, api) {
        if (!settings.wait)
            return;
        const pending = results.filter((result) => result.status === 'purged' && result.id !== undefined && result.detail !== 'Completed');
        await (0,client/* mapConcurrent */._k)(pending, pollConcurrency, (result) => waitUntilCompleted(result, api));
    }
}
// ---------------------------------------------------------------- items
function groupItems(settings, targets) {
    const errors = [];
    for (const id of settings.distributions) {
        if (!distributionIdPattern.test(id)) {
            errors.push(`input distribution: expected a CloudFront distribution ID such as E2QWRUHAPOMQZL (not its domain name or ARN), got ${(0,lists/* quote */.hD)(id)}`);
        }
    }
    if (settings.scope === 'all')
        return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors };
    const { items, errors: itemErrors } = invalidationItems(settings);
    errors.push(...itemErrors);
    const wildcards = items.filter((item) => item.endsWith('*') && !item.startsWith('#'));
    if (wildcards.length > maxWildcards) {
        errors.push(`input paths: ${wildcards.length} wildcard paths, but CloudFront allows at most ${maxWildcards} in progress per distribution; ` +
            'use fewer, broader ones (such as /assets/*), or scope: all');
    }
    if (items.length === 0)
        return { groups: [], errors };
    return { groups: targets.map((target) => ({ target, kind: 'paths', items })), errors };
}
/** Every path and `#tag` to invalidate, in input order, as CloudFront takes them. */
function invalidationItems(settings) {
    const items = [];
    const errors = [];
    for (const value of settings.paths) {
        const result = readPath(value);
        if ('error' in result)
            errors.push(`input paths: ${result.error}`);
        else
            items.push(result.path);
    }
    for (const tag of settings.keys) {
        if (tagPattern.test(tag))
            items.push(`#${tag}`);
        else
            errors.push(`input keys: CloudFront cache tags are 1 to 256 visible ASCII characters, no comma, space or *, got ${(0,lists/* quote */.hD)(tag)}`);
    }
    return { items: (0,lists/* dedupe */.Qq)(items), errors };
}
function readPath(value) {
    let path = value;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        const url = (0,lists/* parseHttpUrl */.f$)(value);
        if (!url) {
            return { error: `expected a path from the root such as /index.html or /img/*, or an http(s) URL, got ${(0,lists/* quote */.hD)(value)}` };
        }
        path = url.pathname + url.search;
    }
    if (!path.startsWith('/')) {
        return { error: `expected a path from the root such as /index.html or /img/* (CloudFront paths begin with /), got ${(0,lists/* quote */.hD)(value)}` };
    }
    const star = path.indexOf('*');
    if (star !== -1 && star !== path.length - 1) {
        return { error: `a * is allowed only as the last character (/images/* or /images*), got ${(0,lists/* quote */.hD)(value)}` };
    }
    const encoded = encodeUnsafe(path);
    if (encoded.length > maxPathLength)
        return { error: `a path has at most ${maxPathLength} characters, got ${encoded.length}: ${(0,lists/* quote */.hD)(value)}` };
    return { path: encoded };
}
// CloudFront's rule: percent-encode non-ASCII characters and RFC 1738's unsafe ones, nothing
// else (an encoded safe character no longer names the cached object). `%` is left alone, so a
// path that is already encoded stays as it is.
function encodeUnsafe(path) {
    return path.replace(/[^\x21-\x7e]|["<>\\^`{|}[\]~#]/gu, (character) => encodeURIComponent(character).replace(/~/g, '%7E'));
}
function pathsOf(batch) {
    return batch.kind === 'everything' ? ['/*'] : batch.items;
}
// ---------------------------------------------------------------- idempotency
let localRunId;
/**
 * The same batch of the same run attempt always gets the same reference, so a request retried
 * after CloudFront created the invalidation (a reset, a timeout) returns that invalidation
 * instead of making a second one. A re-run of the workflow is a new attempt: it invalidates again.
 */
function callerReference(batch, settings) {
    const paths = pathsOf(batch);
    const hash = (0,external_node_crypto_.createHash)('sha256').update([batch.target.id, ...paths].join('\n')).digest('hex').slice(0, 16);
    // Outside Actions there is no run id: a random one keeps two local runs apart.
    const run = settings.env.GITHUB_RUN_ID || `local-${(localRunId ??= (0,external_node_crypto_.randomUUID)())}`;
    return `cdn-purge-${run}-${settings.env.GITHUB_RUN_ATTEMPT || '1'}-${batchIndex(batch, settings)}-${hash}`;
}
/** The batch's place among its distribution's batches (plan.ts cuts the items in order). */
function batchIndex(batch, settings) {
    const first = batch.items[0];
    if (batch.kind === 'everything' || typeof first !== 'string')
        return 0;
    const position = invalidationItems(settings).items.indexOf(first);
    return Math.max(0, Math.floor(position / (settings.batchSize ?? limits/* maxPaths */.z)));
}
/** The role's temporary credentials, masked before anything can print them (aws-sts.ts). */
async function assumeRole(roleArn, context) {
    const assumed = await assumeRoleWithWebIdentity(context.http, roleArn, context.env);
    if (!assumed.ok)
        throw new Error(assumed.error);
    const { accessKeyId, secretAccessKey, sessionToken } = assumed.credentials;
    for (const secret of [accessKeyId, secretAccessKey, sessionToken])
        context.registerSecret(secret);
    return { accessKeyId, secretAccessKey, sessionToken };
}
function environmentCredentials(env) {
    const sessionToken = env.AWS_SESSION_TOKEN?.trim();
    return {
        accessKeyId: env.AWS_ACCESS_KEY_ID?.trim() ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY?.trim() ?? '',
        ...(sessionToken ? { sessionToken } : {}),
    };
}
async function signRequest(request, credentials) {
    const signer = new AwsV4Signer({
        url: request.url,
        method: request.method,
        headers: request.headers ?? {},
        body: request.body ?? '',
        ...credentials,
        service: 'cloudfront',
        region: 'us-east-1',
    });
    const signed = await signer.sign();
    return { ...request, headers: Object.fromEntries(signed.headers) };
}
// ---------------------------------------------------------------- answers
function readInvalidation(answer) {
    if ((0,helpers/* isSuccess */.oJ)(answer.status)) {
        // A cut-off answer is not an accepted invalidation, even if its Id made it through.
        const complete = /<\/Invalidation>\s*$/.test(answer.body);
        const id = complete ? xmlText(answer.body, 'Id') : undefined;
        const status = xmlText(answer.body, 'Status');
        if (id)
            return { ok: true, id, ...(status ? { detail: status } : {}) };
        return { ok: false, error: `HTTP ${answer.status}, not a CloudFront invalidation: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    }
    const code = xmlText(answer.body, 'Code');
    if (code === undefined)
        return { ok: false, error: `HTTP ${answer.status}, not a CloudFront API answer: ${(0,client/* bodySnippet */.Iu)(answer.body)}` };
    const message = xmlText(answer.body, 'Message');
    return {
        ok: false,
        error: `HTTP ${answer.status}, CloudFront error ${code}${message ? `: ${message}` : ''}`,
        ...(provider_retryableCodes.has(code) ? { retryable: true } : {}),
    };
}
/** Polls GetInvalidation until `Completed`, backing off to CloudFront's own waiter interval. */
async function waitUntilCompleted(result, api) {
    const started = api.now();
    const id = result.id ?? '';
    const outcome = await (0,helpers/* pollUntil */.g3)(api, async () => {
        const { verdict } = await (0,helpers/* callApi */.px)(api, { method: 'GET', path: `/${apiVersion}/distribution/${encodeURIComponent(result.target.id)}/invalidation/${encodeURIComponent(id)}` }, readInvalidation);
        if (!verdict.ok)
            return { failed: `waiting for invalidation ${id}: ${verdict.error}` };
        const status = verdict.detail ?? 'unknown';
        return status === 'Completed' ? { done: `Completed after ${(0,client/* formatSeconds */.Xo)(api.now() - started)}` } : { pending: status };
    }, (pollsDone) => Math.min(pollCapMs, pollFirstMs * 2 ** (pollsDone - 1)));
    if ('done' in outcome)
        result.detail = outcome.done;
    else if ('failed' in outcome)
        Object.assign(result, { status: 'failed', error: outcome.failed });
    else {
        Object.assign(result, {
            status: 'failed',
            detail: outcome.timedOut,
            error: `invalidation ${id} was still ${outcome.timedOut} when the timeout ran out (it goes on; raise timeout to wait for it)`,
        });
    }
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

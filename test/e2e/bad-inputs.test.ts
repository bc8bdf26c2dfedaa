import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLoopback, type Loopback } from '../emulators/loopback.js'
import { runAction } from './run-action.js'

/**
 * Wrong inputs across the providers. Each run must exit 1, report one line per problem naming the
 * input (all problems of the run together, in one failure), and send no request at all: every
 * provider's api-url points at a server that records whatever reaches it. The CloudFront rows run
 * with AWS credentials in the environment unless they test their absence.
 */

let server: Loopback
beforeAll(async () => {
  server = await startLoopback({ handle: () => ({ status: 200, body: {} }) })
})
afterAll(async () => {
  await server.close()
})

const long = 'x'.repeat(1025)
type Case = [name: string, inputs: Record<string, string>, expected: RegExp[]]

const cloudflare = (more: Record<string, string>) => ({ provider: 'cloudflare', token: 'cf-secret-token-1234', zone: 'example.com', ...more })
const url = 'https://example.com/a.css'
const edgio = (more: Record<string, string>) => ({ provider: 'edgio', token: 'edgio-secret-token-1234', team: 'acme', site: 'shop', environment: 'production', ...more })
const cloudimage = (more: Record<string, string>) => ({ provider: 'cloudimage', token: 'ci-secret-key-1234', ...more })
const fastly = (more: Record<string, string>) => ({ provider: 'fastly', token: 'fastly-secret-token-1234', ...more })
const bunny = (more: Record<string, string>) => ({ provider: 'bunny', token: 'bunny-secret-key-1234', ...more })
const cloudfront = (more: Record<string, string>) => ({ provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', ...more })
const edgerc = '[default]\nclient_secret = akamai-secret-1234\nhost = akab-host-1234.luna.akamaiapis.net\naccess_token = akab-access-1234\nclient_token = akab-client-1234\n'
const akamai = (more: Record<string, string>) => ({ provider: 'akamai', token: edgerc, ...more })
const jsdelivr = (more: Record<string, string>) => ({ provider: 'jsdelivr', ...more })
const cloudCdn = (more: Record<string, string>) => ({ provider: 'cloud-cdn', token: 'ya29.google-secret-1234', project: 'my-project', 'url-map': 'web', ...more })
const frontDoor = (more: Record<string, string>) => ({
  provider: 'front-door',
  token: 'arm-secret-token-1234',
  subscription: '00000000-0000-0000-0000-000000000000',
  'resource-group': 'web',
  profile: 'shop',
  endpoint: 'www',
  ...more,
})
const digitalocean = (more: Record<string, string>) => ({ provider: 'digitalocean', token: 'dop_v1_secret-1234', endpoint: '19f06b6a-3ace-4315-b086-499a0e521b76', ...more })
/** What aws-actions/configure-aws-credentials sets; the CloudFront rows run with it unless they test its absence. */
const awsEnv = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'aws-secret-access-key-1234' }
const noAws = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' }

const cases: Case[] = [
  ['unknown provider', { provider: 'akamia', token: 't0ken-1234', paths: url }, [/^input provider: expected one of .*got "akamia"$/]],
  ['no provider', { provider: '', token: 't0ken-1234', paths: url }, [/^input provider: required; expected one of/]],
  ['zone id of the wrong shape', cloudflare({ zone: '0123456789abcdef0123456789abcde', paths: url }), [/^input zone: expected a zone ID \(32 hex characters\) or a zone name/]],
  ['zone that is no name', cloudflare({ zone: 'not a zone!', paths: url }), [/^input zone: expected a zone ID/]],
  ['no zone', cloudflare({ zone: '', paths: url }), [/^input zone: required for provider cloudflare$/]],
  ['no token', cloudflare({ token: '', paths: url }), [/^input token: required for provider cloudflare/]],
  ['nothing to purge', cloudflare({}), [/^input paths: nothing to purge/]],
  ['a word, not a URL', cloudflare({ paths: 'index' }), [/^input paths: "index" is not an absolute URL; give base-url/]],
  ['ftp://', cloudflare({ paths: 'ftp://example.com/a' }), [/^input paths: expected an http\(s\) URL/]],
  ['a scheme with no host', cloudflare({ paths: 'https://' }), [/^input paths: expected an http\(s\) URL/]],
  ['javascript:', cloudflare({ paths: 'javascript:alert(1)' }), [/^input paths: expected an http\(s\) URL/]],
  ['mailto:', cloudflare({ paths: 'mailto:ops@example.com' }), [/^input paths: expected an http\(s\) URL/]],
  ['a URL with a space', cloudflare({ paths: 'https://example.com/a b.css' }), [/^input paths: URLs cannot contain spaces/]],
  ['a * in the middle', cloudflare({ paths: 'https://example.com/*/a.css' }), [/^input paths: a \* is allowed only at the very end/]],
  ['a * in the query', cloudflare({ paths: 'https://example.com/a?v=*' }), [/^input paths: a \* is allowed only at the very end/]],
  ['a control character inside a JSON item', cloudflare({ paths: '["https://example.com/a\\u0007"]' }), [/^input paths: items must not contain control characters/]],
  ['a newline inside a JSON item', cloudflare({ paths: '["https://example.com/a\\nhttps://example.com/b"]' }), [/^input paths: items must not contain control characters/]],
  ['a tab inside an item', cloudflare({ paths: 'https://example.com/a\tb' }), [/^input paths: items must not contain control characters/]],
  ['a JSON list that is not an array of strings', cloudflare({ paths: '[1, 2]' }), [/^input paths: a value starting with "\[" must be a JSON array of strings$/]],
  ['a JSON list with a nested array', cloudflare({ keys: '["a", ["b"]]' }), [/^input keys: a value starting with "\[" must be a JSON array of strings$/]],
  ['a JSON list that is not JSON', cloudflare({ paths: '[https://example.com/a' }), [/^input paths: .*not valid JSON$/]],
  ['a tag over 1,024 characters', cloudflare({ keys: long }), [/^input keys: cache tags are 1 to 1,024 printable ASCII characters without spaces/]],
  ['a tag with a space', cloudflare({ keys: 'release 42' }), [/^input keys: cache tags are/]],
  ['a host with a path', cloudflare({ hosts: 'www.example.com/blog' }), [/^input hosts: expected a bare hostname such as www.example.com/]],
  ['a host with a port', cloudflare({ hosts: 'www.example.com:8443' }), [/^input hosts: expected a bare hostname/]],
  ['a host with a user', cloudflare({ hosts: 'user@www.example.com' }), [/^input hosts: expected a bare hostname/]],
  ['a prefix with a query', cloudflare({ prefixes: 'example.com/a?x=1' }), [/^input prefixes: expected host\/path/]],
  ['a prefix with 32 separators', cloudflare({ prefixes: `example.com${'/p'.repeat(32)}` }), [/^input prefixes: a prefix has at most 31 "\/" separators/]],
  ['batch-size 0', cloudflare({ paths: url, 'batch-size': '0' }), [/^input batch-size: expected a whole number from 1 to \d+, got "0"$/]],
  ['batch-size -1', cloudflare({ paths: url, 'batch-size': '-1' }), [/^input batch-size: expected a whole number from 1 to \d+, got "-1"$/]],
  ['batch-size abc', cloudflare({ paths: url, 'batch-size': 'abc' }), [/^input batch-size: expected a whole number/]],
  ['batch-size 1.5', cloudflare({ paths: url, 'batch-size': '1.5' }), [/^input batch-size: expected a whole number/]],
  ['batch-size over the files maximum', cloudflare({ paths: url, 'batch-size': '501' }), [/^input batch-size: at most 500 for files on Cloudflare, got 501$/]],
  ['batch-size over the tags maximum', cloudflare({ keys: 'a', 'batch-size': '101' }), [/^input batch-size: at most 100 for tags on Cloudflare, got 101$/]],
  ['timeout 0', cloudflare({ paths: url, timeout: '0' }), [/^input timeout: expected a whole number from 1 to 21600, got "0"$/]],
  ['timeout abc', cloudflare({ paths: url, timeout: 'abc' }), [/^input timeout: expected a whole number/]],
  ['timeout over six hours', cloudflare({ paths: url, timeout: '99999' }), [/^input timeout: expected a whole number from 1 to 21600/]],
  ['retries -1', cloudflare({ paths: url, retries: '-1' }), [/^input retries: expected a whole number from 0 to 20, got "-1"$/]],
  ['retries 21', cloudflare({ paths: url, retries: '21' }), [/^input retries: expected a whole number from 0 to 20, got "21"$/]],
  ['bad scope', cloudflare({ scope: 'everything' }), [/^input scope: expected one of listed, all, got "everything"$/]],
  ['scope all with paths', cloudflare({ scope: 'all', paths: url }), [/^input scope: "all" purges everything and cannot be combined with paths;/]],
  ['scope all with a keys-file', cloudflare({ scope: 'all', 'keys-file': 'tags.txt' }), [/^input scope: "all" purges everything and cannot be combined with keys-file;/]],
  ['a purge-headers line without a colon', cloudflare({ paths: url, 'purge-headers': 'CF-Device-Type mobile' }), [/^input purge-headers: expected lines "Header-Name: value1, value2"/]],
  ['a purge-headers name with a space', cloudflare({ paths: url, 'purge-headers': 'Device Type: mobile' }), [/^input purge-headers: expected lines/]],
  ['a purge-headers line without values', cloudflare({ paths: url, 'purge-headers': 'CF-Device-Type: , ' }), [/^input purge-headers: expected lines/]],
  ['dry-run yes', cloudflare({ paths: url, 'dry-run': 'yes' }), [/^input dry-run: expected true or false, got "yes"$/]],
  ['fail-on-error maybe', cloudflare({ paths: url, 'fail-on-error': 'maybe' }), [/^input fail-on-error: expected true or false, got "maybe"$/]],
  ['api-url not a URL', cloudflare({ paths: url, 'api-url': 'api.cloudflare.com' }), [/^input api-url: expected an http\(s\) URL/]],
  ['api-url ftp://', cloudflare({ paths: url, 'api-url': 'ftp://api.example.com' }), [/^input api-url: expected an http\(s\) URL/]],
  ['base-url without a scheme', cloudflare({ paths: '/a.css', 'base-url': 'example.com' }), [/^input base-url: expected an http\(s\) URL/, /^input paths: "\/a.css" is not an absolute URL/]],
  ['an Edgio input on Cloudflare', cloudflare({ paths: url, team: 'acme' }), [/^input team: does not apply to provider cloudflare; it is for edgio$/]],
  ['cache-hashes on Cloudflare', cloudflare({ paths: url, 'cache-hashes': 'abc' }), [/^input cache-hashes: does not apply to provider cloudflare/]],
  ['wait: true on Cloudflare', cloudflare({ paths: url, wait: 'true' }), [/^input wait: does not apply to provider cloudflare/]],
  ['a missing paths-file', cloudflare({ 'paths-file': 'missing.txt' }), [/^input paths-file: cannot read "missing.txt" \(ENOENT\)/]],
  ['a paths-file that is a JSON object list', cloudflare({ 'paths-file': 'bad.json' }), [/^input paths-file: "bad.json": a value starting with "\[" must be a JSON array of strings$/]],
  ['a URL outside every zone', cloudflare({ zone: 'example.com, example.org', paths: 'https://example.net/a' }), [/^input paths: "https:\/\/example.net\/a" belongs to none of the zones example.com, example.org$/]],
  ['edgio without team, site and environment', edgio({ team: '', site: '', environment: '', paths: '/a' }), [/^input team: required for provider edgio$/, /^input site: required/, /^input environment: required/]],
  ['edgio path that is not from the root', edgio({ paths: 'sports/*' }), [/^input paths: expected a path from the root such as \/sports\/\* or an http\(s\) URL/]],
  ['edgio path with a space', edgio({ paths: '/a b' }), [/^input paths: paths cannot contain spaces/]],
  ['edgio batch-size over its maximum', edgio({ paths: '/a', 'batch-size': '1001' }), [/^input batch-size: at most 1000 for paths on Edgio/]],
  ['hosts on edgio', edgio({ hosts: 'www.example.com' }), [/^input hosts: does not apply to provider edgio; it is for cloudflare$/]],
  ['zone on edgio', edgio({ paths: '/a', zone: 'example.com' }), [/^input zone: does not apply to provider edgio/]],
  ['edgio scope all with cache-hashes', edgio({ scope: 'all', 'cache-hashes': 'abc' }), [/^input scope: "all" purges everything and cannot be combined with cache-hashes/]],
  ['cloudimage URL with a query string', cloudimage({ paths: '/sample.li/birds.jpg?w=200' }), [/^input paths: .*query string/]],
  ['cloudimage wildcard in the middle', cloudimage({ paths: '/sample.li/*/birds.jpg' }), [/^input paths: /]],
  ['keys on cloudimage', cloudimage({ keys: 'release' }), [/^input keys: does not apply to provider cloudimage; it is for cloudflare, edgio/]],
  ['cloudimage batch-size over 15', cloudimage({ paths: '/sample.li/a.jpg', 'batch-size': '16' }), [/^input batch-size: at most 15 for urls on Cloudimage, got 16$/]],
  ['team on cloudimage', cloudimage({ paths: '/sample.li/a.jpg', team: 'acme' }), [/^input team: does not apply to provider cloudimage/]],
  ['cloudimage without a token', cloudimage({ token: '', paths: '/sample.li/a.jpg' }), [/^input token: required for provider cloudimage/]],
  ['fastly a * in a path', fastly({ paths: 'https://www.example.com/assets/*' }), [/^input paths: Fastly has no wildcard purge, got "https:\/\/www\.example\.com\/assets\/\*"; tag those objects with a Surrogate-Key header/]],
  ['fastly soft with scope all', fastly({ scope: 'all', service: 'SU1Z0isxPaozGVKXdv0eY', soft: 'true' }), [/^input soft: Fastly cannot soft-purge everything \(purge_all is always a hard purge\)/]],
  ['fastly keys without service', fastly({ keys: 'product-1' }), [/^input service: required for keys on Fastly; give the service ID/]],
  ['bunny keys without pull-zone', bunny({ keys: 'product-1' }), [/^input pull-zone: required for keys on Bunny; give the pull zone ID/]],
  ['bunny pull-zone not a number', bunny({ keys: 'product-1', 'pull-zone': 'myzone' }), [/^input pull-zone: expected the numeric ID of a pull zone \(not its name, and not a storage zone\), got "myzone"$/]],
  ['bunny scope all without pull-zone', bunny({ scope: 'all' }), [/^input pull-zone: required for scope: all on Bunny/]],
  ['cloudfront a wildcard in the middle', cloudfront({ paths: '/assets/*/a.css' }), [/^input paths: a \* is allowed only as the last character \(\/images\/\* or \/images\*\), got "\/assets\/\*\/a\.css"$/]],
  ['cloudfront 16 wildcard paths for one distribution', cloudfront({ paths: Array.from({ length: 16 }, (_, index) => `/section-${index}/*`).join('\n') }), [/^input paths: 16 wildcard paths, but CloudFront allows at most 15 in progress per distribution/]],
  ['cloudfront without the AWS variables', cloudfront({ paths: '/a.css', env: 'no-aws' }), [/^AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; CloudFront takes no token: give role-to-assume .*aws-actions\/configure-aws-credentials/]],
  ['cloudfront with a token', cloudfront({ paths: '/a.css', token: 'cloudfront-secret-token-1234' }), [/^input token: does not apply to provider cloudfront; it uses role-to-assume \(keyless, with permissions: id-token: write\), or AWS credentials from the environment/]],
  [
    'cloudfront without the AWS variables and a wildcard in the middle',
    cloudfront({ paths: '/a/*/b', env: 'no-aws' }),
    [/^AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/, /^input paths: a \* is allowed only as the last character/],
  ],
  ['akamai scope all', akamai({ scope: 'all' }), [/^input scope: Akamai Fast Purge cannot purge everything in one call; list the CP codes/]],
  ['akamai a malformed .edgerc token', akamai({ token: '[default]\nclient_secret = akamai-secret-1234\nhost\n', paths: 'https://www.example.com/a.css' }), [/^input token: expected Akamai EdgeGrid credentials, .*; line 3 is not "key = value"$/]],
  ['akamai cp-codes that are not whole numbers', akamai({ 'cp-codes': '12345\n12.5\nabc' }), [/^input cp-codes: expected CP codes as whole numbers such as 12345, got "12\.5"$/, /^input cp-codes: expected CP codes as whole numbers such as 12345, got "abc"$/]],
  [
    'six problems at once',
    cloudflare({ zone: '', timeout: '0', retries: 'x', paths: 'ftp://a', hosts: 'a/b', team: 'acme' }),
    [/^input zone: required/, /^input timeout:/, /^input retries:/, /^input paths: expected an http\(s\) URL/, /^input hosts: expected a bare hostname/, /^input team: does not apply/],
  ],
  ['jsdelivr a pinned version', jsdelivr({ paths: '/npm/lib@1.2.3/a.js' }), [/^input paths: "\/npm\/lib@1\.2\.3\/a\.js" names the fixed version 1\.2\.3: jsDelivr caches a fixed version's files for good/]],
  ['jsdelivr a token', jsdelivr({ token: 't0ken-1234', paths: '/npm/lib@1/a.js' }), [/^input token: /]],
  ['jsdelivr a URL of another host', jsdelivr({ paths: url }), [/^input paths: expected a jsDelivr URL such as https:\/\/cdn\.jsdelivr\.net/]],
  ['jsdelivr scope all', jsdelivr({ scope: 'all' }), [/^input scope: jsDelivr cannot purge everything/]],
  ['cloud-cdn no project', cloudCdn({ project: '', paths: '/a.css' }), [/^input project: required for provider cloud-cdn$/]],
  ['cloud-cdn a * in the middle', cloudCdn({ paths: '/a/*/b.css' }), [/^input paths: Cloud CDN takes a \* only as the last character, after a \//]],
  ['cloud-cdn more than 10 tags a call', cloudCdn({ keys: 'a', 'batch-size': '11' }), [/^input batch-size: at most 10 for cacheTags on Google Cloud CDN, got 11$/]],
  ['cloud-cdn no way to sign in', cloudCdn({ token: '', paths: '/a.css' }), [/^input token: cloud-cdn needs a way to sign in to Google Cloud/]],
  ['front-door no subscription', frontDoor({ subscription: '', paths: '/a.css' }), [/^input subscription: required for provider front-door$/]],
  ['front-door keys', frontDoor({ keys: 'release' }), [/^input keys: does not apply to provider front-door/]],
  ['front-door a * in the middle', frontDoor({ paths: '/a/*/b' }), [/^input paths: a \* is allowed only at the end, right after a \//]],
  ['front-door tenant-id without an OIDC token', frontDoor({ token: '', 'tenant-id': '22222222-2222-2222-2222-222222222222', 'client-id': '11111111-1111-1111-1111-111111111111', paths: '/a' }), [/^input tenant-id: signs in with the job's GitHub OIDC token.*permissions: id-token: write/]],
  ['digitalocean no endpoint', digitalocean({ endpoint: '', paths: 'index.html' }), [/^input endpoint: required for provider digitalocean$/]],
  ['digitalocean an endpoint that is neither an ID nor a domain', digitalocean({ endpoint: 'my bucket', paths: 'index.html' }), [/^input endpoint: expected a CDN endpoint ID/]],
  ['digitalocean a lone *', digitalocean({ paths: '*' }), [/^input paths: "\*" would purge everything on the endpoint; use scope: all for that$/]],
  ['digitalocean batch-size over 50', digitalocean({ paths: 'index.html', 'batch-size': '51' }), [/^input batch-size: at most 50 for files on DigitalOcean, got 51$/]],
]

describe.concurrent('bad inputs', () => {
  it.each(cases)('%s', async (_name, inputs, expected) => {
    const { env: which, ...given } = inputs
    const env = given.provider !== 'cloudfront' ? {} : which === 'no-aws' ? noAws : awsEnv
    const run = await runAction(
      { 'api-url': server.url, ...given },
      {
        env,
        files: { 'tags.txt': 'a\nb', 'bad.json': '[{"url": 1}]' },
        secrets: [
          'cf-secret-token-1234',
          'edgio-secret-token-1234',
          'ci-secret-key-1234',
          'fastly-secret-token-1234',
          'bunny-secret-key-1234',
          'cloudfront-secret-token-1234',
          'aws-secret-access-key-1234',
          'akamai-secret-1234',
          'akab-access-1234',
          'akab-client-1234',
        ],
      },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    const lines = run.errors[0]?.split('\n') ?? []
    expect(lines, lines.join('\n')).toHaveLength(expected.length)
    for (const pattern of expected) expect(lines.some((line) => pattern.test(line)), `${pattern} in\n${lines.join('\n')}`).toBe(true)
    // CloudFront's credentials are no input but the environment; that line names the variables.
    for (const line of lines) expect(line).toMatch(/^(input [a-z-]+|AWS credentials): \S/)
    expect(server.requests).toHaveLength(0)
    expect(run.outputs).toEqual({})
  })

  // The names come from the action's own answer, so a provider added later fails here until its
  // wrong inputs have rows too.
  it('has rows for every provider the action accepts', async ({ expect }) => {
    const run = await runAction({ provider: 'none-such', token: 't0ken-1234', paths: url, 'api-url': server.url })
    const names = /^input provider: expected one of (.+), got "none-such"$/.exec(run.errors[0] ?? '')?.[1]?.split(', ') ?? []
    expect(names).toContain('cloudflare')
    for (const name of names) {
      expect(cases.filter(([, inputs]) => inputs.provider === name).length, `rows for ${name}`).toBeGreaterThanOrEqual(3)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'

const defaults: RawInputs = {
  scope: 'listed',
  wait: 'false',
  network: 'production',
  'dry-run': 'false',
  timeout: '300',
  retries: '5',
  'fail-on-error': 'true',
  verify: 'false',
  'verify-sample': '20',
  warm: 'false',
  'warm-limit': '1000',
}
const cloudflare: RawInputs = { ...defaults, provider: 'cloudflare', token: 'tok-123456', zone: 'example.com' }
const cloudfront: RawInputs = { ...defaults, provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', paths: '/a.css' }
const akamai: RawInputs = { ...defaults, provider: 'akamai', token: 'edgerc-section', paths: 'https://www.example.com/a.css' }

function parse(raw: RawInputs, files: Record<string, string> = {}) {
  return parseInputs(raw, {
    workspace: '/ws',
    readFile: (path) => {
      const content = files[path]
      if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
      return content
    },
  })
}

describe('parseInputs', () => {
  it('turns a Cloudflare configuration into typed settings', () => {
    const { settings, errors } = parse({ ...cloudflare, provider: 'CloudFlare', paths: '/a.css\n/b.css, /a.css', 'batch-size': '10', 'base-url': 'https://example.com/' })
    expect(errors).toEqual([])
    expect(settings).toMatchObject({
      provider: 'cloudflare',
      paths: ['/a.css', '/b.css'],
      zones: ['example.com'],
      baseUrl: 'https://example.com',
      batchSize: 10,
      timeoutSeconds: 300,
      retries: 5,
      failOnError: true,
      dryRun: false,
      scope: 'listed',
    })
  })

  it('parses purge-headers into header variants', () => {
    const { settings } = parse({ ...cloudflare, paths: 'https://example.com/', 'purge-headers': 'CF-Device-Type: mobile, desktop\nCF-IPCountry: ES' })
    expect(settings?.purgeHeaders).toEqual([
      { name: 'CF-Device-Type', values: ['mobile', 'desktop'] },
      { name: 'CF-IPCountry', values: ['ES'] },
    ])
  })

  it('gives a provider input that does not parse the value of an absent one, beside its error', () => {
    const { settings, errors } = parse({ ...cloudflare, paths: 'https://example.com/', 'purge-headers': 'CF-Device-Type mobile', zone: '["a", 1]' })
    expect(errors).toEqual([
      'input zone: a value starting with "[" must be a JSON array of strings',
      'input purge-headers: expected lines "Header-Name: value1, value2" (e.g. "CF-Device-Type: mobile, desktop"), got "CF-Device-Type mobile"',
    ])
    expect(settings).toMatchObject({ zones: [], purgeHeaders: [] })
  })

  it('joins paths-file and keys-file to the inline lists, relative to the workspace', () => {
    const { settings, errors } = parse(
      { ...cloudflare, paths: 'https://example.com/a', 'paths-file': 'urls.txt', keys: 'x', 'keys-file': '/abs/tags.json' },
      { '/ws/urls.txt': '# built\nhttps://example.com/b\nhttps://example.com/a', '/abs/tags.json': '["y", "x"]' },
    )
    expect(errors).toEqual([])
    expect(settings?.paths).toEqual(['https://example.com/a', 'https://example.com/b'])
    expect(settings?.keys).toEqual(['x', 'y'])
  })

  it('reads verify and warm', () => {
    expect(parse({ ...cloudflare, paths: 'https://example.com/a' }).settings).toMatchObject({ verify: false, verifyUrls: [], verifySample: 20, warm: false, warmLimit: 1000 })
    const { settings, errors } = parse({
      ...cloudflare,
      keys: 'release',
      verify: 'WARN',
      'verify-urls': 'https://example.com/\nhttps://example.com/blog/, https://example.com/',
      'verify-sample': '5',
      warm: 'true',
      'warm-limit': '10',
    })
    expect(errors).toEqual([])
    expect(settings).toMatchObject({ verify: 'warn', verifyUrls: ['https://example.com/', 'https://example.com/blog/'], verifySample: 5, warm: true, warmLimit: 10 })
    expect(parse({ ...cloudflare, paths: 'https://example.com/a', verify: 'true' }).settings?.verify).toBe(true)
  })

  it('needs no token for a dry-run', () => {
    const { errors } = parse({ ...cloudflare, token: '', paths: 'https://example.com/a', 'dry-run': 'true' })
    expect(errors).toEqual([])
  })

  it.each<[string, RawInputs, RegExp[]]>([
    ['no provider', { ...defaults, paths: 'a' }, [/^input provider: required; expected one of cloudflare/]],
    ['unknown provider', { ...cloudflare, provider: 'akamia', paths: 'a' }, [/^input provider: expected one of .*, got "akamia"$/]],
    ['no token', { ...cloudflare, token: '', paths: 'https://example.com/a' }, [/^input token: required for provider cloudflare/]],
    ['no zone', { ...cloudflare, zone: '', paths: 'https://example.com/a' }, [/^input zone: required for provider cloudflare$/]],
    ['nothing to purge', { ...cloudflare }, [/^input paths: nothing to purge/]],
    ['scope all with lists', { ...cloudflare, scope: 'all', paths: 'https://example.com/a', keys: 't' }, [/^input scope: "all" purges everything and cannot be combined with paths, keys/]],
    ['bad scope', { ...cloudflare, scope: 'everything' }, [/^input scope: expected one of listed, all, got "everything"$/]],
    ['edgio input on cloudflare', { ...cloudflare, paths: 'https://example.com/a', team: 'acme' }, [/^input team: does not apply to provider cloudflare; it is for edgio$/]],
    ['batch-size 0', { ...cloudflare, paths: 'https://example.com/a', 'batch-size': '0' }, [/^input batch-size: expected a whole number from 1 to/]],
    ['batch-size abc', { ...cloudflare, paths: 'https://example.com/a', 'batch-size': 'abc' }, [/^input batch-size: expected a whole number/]],
    ['timeout 0', { ...cloudflare, paths: 'https://example.com/a', timeout: '0' }, [/^input timeout: expected a whole number from 1 to 21600, got "0"$/]],
    ['retries 99', { ...cloudflare, paths: 'https://example.com/a', retries: '99' }, [/^input retries: expected a whole number from 0 to 20, got "99"$/]],
    ['dry-run yes', { ...cloudflare, paths: 'https://example.com/a', 'dry-run': 'yes' }, [/^input dry-run: expected true or false, got "yes"$/]],
    ['api-url not a URL', { ...cloudflare, paths: 'https://example.com/a', 'api-url': 'ftp://x' }, [/^input api-url: expected an http\(s\) URL/]],
    ['purge-headers without values', { ...cloudflare, paths: 'https://example.com/a', 'purge-headers': 'CF-Device-Type:' }, [/^input purge-headers: expected lines "Header-Name: value1, value2"/]],
    ['a JSON list that is not strings', { ...cloudflare, paths: '[1]' }, [/^input paths: a value starting with "\[" must be a JSON array of strings$/]],
    ['a missing paths-file', { ...cloudflare, 'paths-file': 'nope.txt' }, [/^input paths-file: cannot read "nope.txt" \(ENOENT\)/]],
    ['path-map without changed-since', { ...cloudflare, paths: 'https://example.com/a', 'path-map': 'public/** => /**' }, [/^input path-map: used only with changed-since/]],
    ['changed-since without path-map', { ...cloudflare, 'changed-since': 'auto', 'github-token': 'ghs_123456' }, [/^input path-map: required with changed-since; rules "<glob> => <target>"/]],
    [
      'changed-since without a github-token (an expression nobody evaluated counts as none)',
      { ...cloudflare, 'changed-since': 'v1', 'path-map': 'a/** => /**', 'github-token': '${{ github.token }}' },
      [/^input github-token: required with changed-since/],
    ],
    [
      'scope all with changed-since',
      { ...cloudflare, scope: 'all', 'changed-since': 'v1', 'path-map': 'a/** => /**', 'github-token': 'ghs_123456' },
      [/^input scope: "all" purges everything and cannot be combined with changed-since/],
    ],
    ['verify maybe', { ...cloudflare, paths: 'https://example.com/a', verify: 'maybe' }, [/^input verify: expected one of false, true, warn, got "maybe"$/]],
    ['verify-sample 0', { ...cloudflare, paths: 'https://example.com/a', verify: 'true', 'verify-sample': '0' }, [/^input verify-sample: expected a whole number from 1 to 1000, got "0"$/]],
    ['warm-limit abc', { ...cloudflare, paths: 'https://example.com/a', warm: 'true', 'warm-limit': 'abc' }, [/^input warm-limit: expected a whole number from 1 to 100000/]],
    [
      'a relative verify-url',
      { ...cloudflare, paths: 'https://example.com/a', verify: 'true', 'verify-urls': '/a' },
      [/^input verify-urls: expected absolute http\(s\) URLs without a wildcard, such as https:\/\/www.example.com\/, got "\/a"$/],
    ],
    ['a wildcard verify-url', { ...cloudflare, paths: 'https://example.com/a', verify: 'warn', 'verify-urls': 'https://example.com/*' }, [/^input verify-urls: expected absolute/]],
    ['verify-urls without verify or warm', { ...cloudflare, paths: 'https://example.com/a', 'verify-urls': 'https://example.com/' }, [/^input verify-urls: used only by verify and warm/]],
    [
      'several problems at once',
      { ...cloudflare, zone: '', timeout: 'abc', retries: '-1', paths: 'https://example.com/a' },
      [/^input timeout:/, /^input retries:/, /^input zone: required/],
    ],
  ])('rejects %s, naming the input', (_name, raw, expected) => {
    const { errors } = parse(raw)
    expect(errors).toHaveLength(expected.length)
    for (const pattern of expected) expect(errors.some((error) => pattern.test(error)), `${pattern} in ${JSON.stringify(errors)}`).toBe(true)
    for (const error of errors) expect(error).not.toContain('\n')
  })

  it('with changed-since, an empty list is not yet "nothing to purge": that is known after the mapping', () => {
    const { settings, errors } = parse({ ...cloudflare, 'changed-since': ' auto ', 'path-map': 'public/** => /**', 'github-token': 'ghs_123456' })
    expect(errors).toEqual([])
    expect(settings).toMatchObject({ changedSince: 'auto', pathMap: 'public/** => /**', githubToken: 'ghs_123456', paths: [] })
  })

  it('accepts the runner defaults of inputs for other providers (wait: false on cloudflare)', () => {
    expect(parse({ ...cloudflare, paths: 'https://example.com/a', wait: 'false' }).errors).toEqual([])
    expect(parse({ ...cloudflare, paths: 'https://example.com/a', wait: 'true' }).errors).toEqual([
      'input wait: does not apply to provider cloudflare; it is for cloudimage, cloudfront, akamai, cloud-cdn, front-door, jsdelivr',
    ])
  })

  it('reads the CloudFront and Akamai inputs', () => {
    expect(parse({ ...cloudfront, distribution: 'E1, E2', keys: 'release', wait: 'true' })).toMatchObject({
      errors: [],
      settings: { provider: 'cloudfront', distributions: ['E1', 'E2'], keys: ['release'], wait: true, token: '' },
    })
    expect(parse({ ...akamai, paths: '', 'cp-codes': '12345\n67890', network: 'Staging', soft: 'false' })).toMatchObject({
      errors: [],
      settings: { provider: 'akamai', cpCodes: ['12345', '67890'], network: 'staging', soft: false },
    })
    expect(parse(akamai).settings).toMatchObject({ network: 'production', soft: undefined })
  })

  it('passes the environment through to the settings', () => {
    const { settings } = parseInputs(cloudfront, { workspace: '/ws', env: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' } })
    expect(settings?.env).toEqual({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' })
  })

  it.each<[string, RawInputs, string[]]>([
    [
      'a token on CloudFront',
      { ...cloudfront, token: 'tok-123456' },
      [
        'input token: does not apply to provider cloudfront; it uses role-to-assume (keyless, with permissions: id-token: write), or AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them',
      ],
    ],
    ['no distribution', { ...cloudfront, distribution: '' }, ['input distribution: required for provider cloudfront']],
    ['no token on Akamai', { ...akamai, token: '' }, ['input token: required for provider akamai (only a dry-run needs none)']],
    ['a bad network', { ...akamai, network: 'prod' }, ['input network: expected one of production, staging, got "prod"']],
    ['a bad soft', { ...akamai, soft: 'yes' }, ['input soft: expected true or false, got "yes"']],
    ['soft on CloudFront', { ...cloudfront, soft: 'true' }, ['input soft: does not apply to provider cloudfront; it is for fastly, akamai']],
    ['cp-codes on CloudFront', { ...cloudfront, 'cp-codes': '123' }, ['input cp-codes: does not apply to provider cloudfront; it is for akamai']],
    ['network staging on Cloudflare', { ...cloudflare, paths: 'https://example.com/a', network: 'staging' }, ['input network: does not apply to provider cloudflare; it is for akamai']],
    [
      'scope all with cp-codes',
      { ...akamai, paths: '', scope: 'all', 'cp-codes': '123' },
      ['input scope: "all" purges everything and cannot be combined with cp-codes; remove them or use scope: listed'],
    ],
  ])('CloudFront and Akamai: rejects %s', (_name, raw, expected) => {
    expect(parse(raw).errors).toEqual(expected)
  })

  it('needs no token for CloudFront, and counts cp-codes as something to purge', () => {
    expect(parse(cloudfront).errors).toEqual([])
    expect(parse({ ...akamai, paths: '', 'cp-codes': '123' }).errors).toEqual([])
  })
})

describe('parseInputs: Fastly and Bunny inputs', () => {
  const fastly: RawInputs = { ...defaults, provider: 'fastly', token: 'tok-123456' }

  it('leaves soft undefined when not given, so each provider keeps its own default', () => {
    expect(parse({ ...fastly, paths: 'https://a.example/x' }).settings?.soft).toBeUndefined()
    expect(parse({ ...fastly, paths: 'https://a.example/x', soft: 'TRUE' }).settings?.soft).toBe(true)
    expect(parse({ ...fastly, paths: 'https://a.example/x', soft: 'false' }).settings?.soft).toBe(false)
    expect(parse({ ...fastly, paths: 'https://a.example/x', soft: 'maybe' }).errors).toEqual(['input soft: expected true or false, got "maybe"'])
  })

  it('reads service and pull-zone, each for its own provider only', () => {
    expect(parse({ ...fastly, keys: 'k', service: ' SVC1 ' }).settings?.service).toBe('SVC1')
    expect(parse({ ...fastly, provider: 'bunny', keys: 'k', 'pull-zone': '12345' }).settings?.pullZone).toBe('12345')
    expect(parse({ ...fastly, keys: 'k', 'pull-zone': '12345' }).errors).toEqual(['input pull-zone: does not apply to provider fastly; it is for bunny'])
    expect(parse({ ...cloudflare, paths: 'https://example.com/a', service: 'x' }).errors).toEqual(['input service: does not apply to provider cloudflare; it is for fastly'])
  })
})

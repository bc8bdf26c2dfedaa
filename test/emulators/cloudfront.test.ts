import { AwsV4Signer } from 'aws4fetch'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_CREDENTIALS,
  MESSAGES,
  NAMESPACE,
  sigV4Signature,
  startCloudFrontEmulator,
  type AwsCredentials,
  type CloudFrontEmulator,
} from './cloudfront.js'

// AWS's Signature V4 test suite, case get-vanilla (the suite's example credentials).
const vanilla = {
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  amzDate: '20150830T123600Z',
  signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
}

describe('Signature V4, against the AWS test suite', () => {
  it("the emulator's own verifier computes get-vanilla's signature", () => {
    const signature = sigV4Signature({
      method: 'GET',
      path: '/',
      query: {},
      headers: { host: 'example.amazonaws.com', 'x-amz-date': vanilla.amzDate },
      signedHeaders: ['host', 'x-amz-date'],
      body: '',
      amzDate: vanilla.amzDate,
      region: 'us-east-1',
      service: 'service',
      secretAccessKey: vanilla.secretAccessKey,
    })
    expect(signature).toBe(vanilla.signature)
  })

  it("the action's signer (aws4fetch) computes the same", async () => {
    const signer = new AwsV4Signer({
      url: 'https://example.amazonaws.com/',
      method: 'GET',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: vanilla.secretAccessKey,
      service: 'service',
      region: 'us-east-1',
      datetime: vanilla.amzDate,
    })
    const { headers } = await signer.sign()
    expect(headers.get('authorization')).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${vanilla.signature}`,
    )
  })
})

let cf: CloudFrontEmulator
beforeEach(async () => {
  cf = await startCloudFrontEmulator()
})
afterEach(async () => {
  await cf.close()
})

const distribution = 'E2QWRUHAPOMQZL'

async function call(method: 'GET' | 'POST', path: string, body?: string, credentials: AwsCredentials = DEFAULT_CREDENTIALS) {
  const signer = new AwsV4Signer({
    url: `${cf.url}${path}`,
    method,
    headers: { 'content-type': 'application/xml' },
    body: body ?? '',
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    service: 'cloudfront',
    region: 'us-east-1',
  })
  const signed = await signer.sign()
  const response = await fetch(signed.url, { method, headers: signed.headers, ...(body !== undefined ? { body } : {}) })
  const text = await response.text()
  return { status: response.status, text, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], id: /<Id>([^<]*)<\/Id>/.exec(text)?.[1] }
}

const batch = (paths: string[], reference: string, quantity = paths.length) =>
  `<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="${NAMESPACE}"><Paths><Quantity>${quantity}</Quantity><Items>` +
  `${paths.map((path) => `<Path>${path}</Path>`).join('')}</Items></Paths><CallerReference>${reference}</CallerReference></InvalidationBatch>`
const create = (body: string, credentials?: AwsCredentials) => call('POST', `/2020-05-31/distribution/${distribution}/invalidation`, body, credentials)

describe('CloudFront emulator', () => {
  it('creates an invalidation (201, InProgress) and completes it after a poll', async () => {
    const made = await create(batch(['/a.css', '#release'], 'ref-1'))
    expect(made).toMatchObject({ status: 201, code: undefined })
    expect(made.text).toContain('<Status>InProgress</Status>')
    expect(cf.invalidations).toMatchObject([{ distributionId: distribution, paths: ['/a.css', '#release'], callerReference: 'ref-1' }])
    const path = `/2020-05-31/distribution/${distribution}/invalidation/${made.id ?? ''}`
    expect((await call('GET', path)).text).toContain('<Status>InProgress</Status>')
    expect((await call('GET', path)).text).toContain('<Status>Completed</Status>')
  })

  it('answers a repeated CallerReference with the first invalidation, and different paths under it with 409', async () => {
    const first = await create(batch(['/a.css'], 'ref-1'))
    const again = await create(batch(['/a.css'], 'ref-1'))
    expect(again).toMatchObject({ status: 201, id: first.id })
    expect(cf.invalidations).toHaveLength(1)
    expect(await create(batch(['/b.css'], 'ref-1'))).toMatchObject({ status: 409, code: 'InvalidationBatchAlreadyExists' })
  })

  it('refuses a signature made with another secret key, with the real 403 SignatureDoesNotMatch', async () => {
    const answer = await create(batch(['/a.css'], 'ref-1'), { ...DEFAULT_CREDENTIALS, secretAccessKey: 'another-secret-key-0123456789' })
    expect(answer).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    expect(answer.text).toContain(`<Message>${MESSAGES.signature}</Message>`)
    expect(cf.invalidations).toHaveLength(0)
  })

  it('refuses another access key, and a missing session token, as InvalidClientTokenId', async () => {
    expect(await create(batch(['/a.css'], 'r'), { ...DEFAULT_CREDENTIALS, accessKeyId: 'AKIAOTHER' })).toMatchObject({ status: 403, code: 'InvalidClientTokenId' })
    const noToken = { accessKeyId: DEFAULT_CREDENTIALS.accessKeyId, secretAccessKey: DEFAULT_CREDENTIALS.secretAccessKey }
    expect(await create(batch(['/a.css'], 'r'), noToken)).toMatchObject({ status: 403, code: 'InvalidClientTokenId' })
  })

  it.each([
    ['a path without the leading /', batch(['a.css'], 'r'), 400, 'InvalidArgument'],
    ['a * in the middle', batch(['/a*/b'], 'r'), 400, 'InvalidArgument'],
    ['a raw ~', batch(['/runtime~main.js'], 'r'), 400, 'InvalidArgument'],
    ['a space', batch(['/a b.css'], 'r'), 400, 'InvalidArgument'],
    ['a tag with a *', batch(['#tag*'], 'r'), 400, 'InvalidArgument'],
    ['a wrong Quantity', batch(['/a.css'], 'r', 2), 400, 'InconsistentQuantities'],
    ['another namespace', batch(['/a.css'], 'r').replace(NAMESPACE, 'http://example.com/'), 400, 'MalformedInput'],
    ['no CallerReference', batch(['/a.css'], 'r').replace('<CallerReference>r</CallerReference>', ''), 400, 'MalformedInput'],
  ])('refuses %s', async (_name, body, status, code) => {
    expect(await create(body)).toMatchObject({ status, code })
    expect(cf.invalidations).toHaveLength(0)
  })

  it('keeps at most 15 wildcard paths in progress per distribution', async () => {
    const wildcards = Array.from({ length: 15 }, (_, index) => `/w${index}/*`)
    expect(await create(batch(wildcards, 'r1'))).toMatchObject({ status: 201 })
    expect(await create(batch(['/x/*'], 'r2'))).toMatchObject({ status: 400, code: 'TooManyInvalidationsInProgress' })
    expect(await create(batch(['/plain.css'], 'r3'))).toMatchObject({ status: 201 })
  })

  it('answers an unknown distribution with 404 NoSuchDistribution', async () => {
    const answer = await call('POST', '/2020-05-31/distribution/EUNKNOWN/invalidation', batch(['/a.css'], 'r'))
    expect(answer).toMatchObject({ status: 404, code: 'NoSuchDistribution' })
  })

  it('injects Throttling as CloudFront sends it: HTTP 400 with an XML ErrorResponse', async () => {
    cf.faults.push({ error: 'Throttling' })
    expect(await create(batch(['/a.css'], 'r'))).toMatchObject({ status: 400, code: 'Throttling' })
    expect(await create(batch(['/a.css'], 'r'))).toMatchObject({ status: 201 })
  })
})

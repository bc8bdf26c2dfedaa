import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_ROLE_ARN, MESSAGES, startAwsStsEmulator, stringLike, type AwsStsEmulator } from './aws-sts.js'
import { DEFAULT_SIGNING_KEY, GITHUB_OIDC_ISSUER, mintJwt } from './github-oidc.js'

const token = (claims: Partial<{ iss: string; sub: string; aud: string }> = {}, key = DEFAULT_SIGNING_KEY) =>
  mintJwt({ iss: GITHUB_OIDC_ISSUER, sub: 'repo:acme/site:ref:refs/heads/main', aud: 'sts.amazonaws.com', ...claims }, key)

describe('the AWS STS emulator, through the official client (@aws-sdk/client-sts)', () => {
  let sts: AwsStsEmulator
  let client: STSClient
  beforeEach(async () => {
    sts = await startAwsStsEmulator({ credentials: { accessKeyId: 'ASIAEMULATOR0000001', secretAccessKey: 'emulated/secret+key', sessionToken: 'emulated-session-token' } })
    client = new STSClient({ endpoint: sts.url, region: 'us-east-1', maxAttempts: 1 })
  })
  afterEach(async () => {
    client.destroy()
    await sts.close()
  })

  const assume = (webIdentityToken: string, more: { RoleArn?: string; DurationSeconds?: number } = {}) =>
    client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: DEFAULT_ROLE_ARN, RoleSessionName: 'cdn-purge-42', WebIdentityToken: webIdentityToken, ...more }))

  it('hands out the credentials, and the SDK reads every field', async () => {
    const answer = await assume(token(), { DurationSeconds: 900 })
    expect(answer.Credentials).toMatchObject({ AccessKeyId: 'ASIAEMULATOR0000001', SecretAccessKey: 'emulated/secret+key', SessionToken: 'emulated-session-token' })
    expect(answer.Credentials?.Expiration).toBeInstanceOf(Date)
    expect(answer.SubjectFromWebIdentityToken).toBe('repo:acme/site:ref:refs/heads/main')
    expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/cdn-purge/cdn-purge-42')
    expect(answer.Audience).toBe('sts.amazonaws.com')
    expect(answer.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    // What the SDK sent is what the emulator insists on: the query protocol's form body.
    expect(sts.requests[0]?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)
    expect(Object.fromEntries(new URLSearchParams(sts.requests[0]?.rawBody))).toMatchObject({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: DEFAULT_ROLE_ARN,
      RoleSessionName: 'cdn-purge-42',
      DurationSeconds: '900',
    })
    expect(sts.assumed).toHaveLength(1)
  })

  it.each([
    ['a subject the trust policy does not name', token({ sub: 'repo:acme/site:pull_request' }), {}, 'AccessDenied', MESSAGES.notAuthorized, 403],
    ['a role that does not exist', token(), { RoleArn: 'arn:aws:iam::123456789012:role/other' }, 'AccessDenied', MESSAGES.notAuthorized, 403],
    ['the wrong audience', token({ aud: 'api://AzureADTokenExchange' }), {}, 'InvalidIdentityToken', MESSAGES.audience, 400],
    ['a token signed by someone else', token({}, 'another-key'), {}, 'InvalidIdentityToken', MESSAGES.signature, 400],
    ['another issuer', token({ iss: 'https://accounts.example.test' }), {}, 'InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://accounts.example.test', 400],
    ['a session longer than the role allows', token(), { DurationSeconds: 7200 }, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400],
  ])('refuses %s, in words the SDK reads', async (_name, webIdentityToken, more, code, message, status) => {
    const error = (await assume(webIdentityToken, more).catch((caught: unknown) => caught)) as { name: string; message: string; $metadata: { httpStatusCode: number }; Code?: string }
    expect(error.message).toBe(message)
    expect(error.$metadata.httpStatusCode).toBe(status)
    // The SDK names modelled errors by their shape (InvalidIdentityTokenException), others by their code.
    expect(`${error.name} ${error.Code ?? ''}`).toContain(code === 'InvalidIdentityToken' ? 'InvalidIdentityToken' : code)
    expect(sts.assumed).toHaveLength(0)
  })

  it('answers a queued fault as STS would', async () => {
    sts.faults.push({ error: 'IDPCommunicationError', message: 'Could not reach the identity provider' })
    const error = (await assume(token()).catch((caught: unknown) => caught)) as { name: string; message: string }
    expect(error.name).toBe('IDPCommunicationErrorException')
    expect(error.message).toBe('Could not reach the identity provider')
  })
})

describe('the emulator refuses what STS refuses, before the token', () => {
  let sts: AwsStsEmulator
  beforeEach(async () => {
    sts = await startAwsStsEmulator()
  })
  afterEach(() => sts.close())

  const post = (form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') =>
    fetch(sts.url, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(form).toString() }).then(async (r) => ({ status: r.status, body: await r.text() }))
  const base = { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: DEFAULT_ROLE_ARN, RoleSessionName: 'cdn-purge-1', WebIdentityToken: token() }

  it.each([
    ['another action', { ...base, Action: 'AssumeRole' }, 'InvalidAction'],
    ['another version', { ...base, Version: '2012-01-01' }, 'InvalidAction'],
    ['a space in the session name', { ...base, RoleSessionName: 'has space' }, 'ValidationError'],
    ['a one-character session name', { ...base, RoleSessionName: 'x' }, 'ValidationError'],
    ['a 3-character token', { ...base, WebIdentityToken: 'abc' }, 'ValidationError'],
    ['DurationSeconds under 900', { ...base, DurationSeconds: '899' }, 'ValidationError'],
    ['no RoleArn', (({ RoleArn: _dropped, ...rest }) => rest)(base), 'ValidationError'],
  ])('%s -> %s', async (_name, form, code) => {
    const answer = await post(form)
    expect(answer.status).toBe(400)
    expect(answer.body).toContain(`<Code>${code}</Code>`)
    expect(answer.body).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/)
  })

  it('wants a form body', async () => {
    expect((await post(base, 'application/json')).status).toBe(400)
  })
})

describe('stringLike (IAM condition operator)', () => {
  it.each([
    ['repo:acme/site:*', 'repo:acme/site:ref:refs/heads/main', true],
    ['repo:acme/site:ref:refs/heads/main', 'repo:acme/site:ref:refs/heads/main', true],
    ['repo:acme/site:ref:refs/heads/mai?', 'repo:acme/site:ref:refs/heads/main', true],
    ['repo:acme/*:ref:refs/heads/main', 'repo:acme/site:ref:refs/heads/dev', false],
    ['repo:Acme/site:*', 'repo:acme/site:ref:refs/heads/main', false],
    ['*', '', true],
  ])('%s ~ %s = %s', (pattern, value, expected) => {
    expect(stringLike(pattern, value)).toBe(expected)
  })
})

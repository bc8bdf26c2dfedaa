import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import { redact } from '../../src/secrets.js'
import { assumeRoleForm, assumeRoleWithWebIdentity, readAssumeRoleAnswer, roleInputErrors, roleSessionName } from '../../src/sign-in/aws-sts.js'
import { xmlText } from '../../src/http/xml.js'
import { DEFAULT_ROLE_ARN, errorXml, startAwsStsEmulator, type AwsStsEmulator } from '../emulators/aws-sts.js'
import { startGitHubOidcEmulator, type GitHubOidcEmulator } from '../emulators/github-oidc.js'

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('roleInputErrors', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/cdn-purge', []],
    ['arn:aws:iam::123456789012:role/path/to/cdn-purge', []],
    ['cdn-purge', ['input role-to-assume: expected an IAM role ARN such as arn:aws:iam::123456789012:role/cdn-purge, got "cdn-purge" (AWS China and GovCloud are not covered)']],
    ['arn:aws-cn:iam::123456789012:role/x', ['input role-to-assume: expected an IAM role ARN such as arn:aws:iam::123456789012:role/cdn-purge, got "arn:aws-cn:iam::123456789012:role/x" (AWS China and GovCloud are not covered)']],
  ])('%s', (arn, errors) => {
    expect(roleInputErrors(arn, {})).toEqual(errors)
  })

  it('checks the STS URL variable', () => {
    expect(roleInputErrors(DEFAULT_ROLE_ARN, { CDN_PURGE_AWS_STS_URL: 'sts.local' })).toEqual(['CDN_PURGE_AWS_STS_URL: expected an http(s) URL, got "sts.local"'])
  })
})

describe('the STS request and answer', () => {
  it.each([
    ['1234567890', 'cdn-purge-1234567890'],
    [undefined, 'cdn-purge-local'],
    ['1 2/3', 'cdn-purge-123'],
    ['9'.repeat(80), `cdn-purge-${'9'.repeat(54)}`],
  ])('session name for run %s', (runId, name) => {
    expect(roleSessionName(runId)).toBe(name)
  })

  it('sends the token in the form body', () => {
    expect(assumeRoleForm(DEFAULT_ROLE_ARN, 'cdn-purge-1', 'a.b.c')).toBe(
      'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fcdn-purge&RoleSessionName=cdn-purge-1&WebIdentityToken=a.b.c',
    )
  })

  it.each([
    [400, errorXml('IDPCommunicationError', 'try again'), { error: 'HTTP 400, IDPCommunicationError: try again', retryable: true }],
    [403, errorXml('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'), { error: 'HTTP 403, AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity', retryable: false }],
    [503, '<html><title>Service Unavailable</title></html>', { error: 'HTTP 503, not an STS answer: Service Unavailable', retryable: true }],
    [200, '<AssumeRoleWithWebIdentityResponse><Credentials><AccessKeyId>ASIA1</AccessKeyId></Credentials></AssumeRoleWithWebIdentityResponse>', { error: 'HTTP 200: the answer has no Credentials (AccessKeyId, SecretAccessKey, SessionToken)', retryable: false }],
    [200, 'x'.repeat(70_000), { error: 'HTTP 200: answer larger than 65536 characters', retryable: false }],
  ])('reads HTTP %s', (status, body, expected) => {
    expect(readAssumeRoleAnswer({ status, headers: {}, body })).toEqual(expected)
  })

  it('unescapes only the predefined entities and character references', () => {
    expect(xmlText('<M>a &amp; b &lt;c&gt; &#65;&#x42; &nbsp; &#x110000;</M>', 'M')).toBe('a & b <c> AB &nbsp; &#x110000;')
  })
})

describe('assumeRoleWithWebIdentity, against the OIDC and STS emulators', () => {
  let oidc: GitHubOidcEmulator
  let sts: AwsStsEmulator
  beforeEach(async () => {
    oidc = await startGitHubOidcEmulator()
    sts = await startAwsStsEmulator()
  })
  afterEach(async () => {
    await oidc.close()
    await sts.close()
  })
  const http = () => new HttpClient({ deadline: Date.now() + 20_000, retries: 2, sleep: async () => {} })
  const env = () => ({ ...oidc.env(), CDN_PURGE_AWS_STS_URL: sts.url, GITHUB_RUN_ID: '4242' })

  it('exchanges a token for audience sts.amazonaws.com, and masks every credential', async () => {
    const result = await assumeRoleWithWebIdentity(http(), DEFAULT_ROLE_ARN, env())
    const issued = sts.assumed[0]
    expect(oidc.minted.map((each) => each.audience)).toEqual(['sts.amazonaws.com'])
    expect(issued).toMatchObject({ roleArn: DEFAULT_ROLE_ARN, roleSessionName: 'cdn-purge-4242', durationSeconds: 3600, subject: 'repo:acme/site:ref:refs/heads/main' })
    expect(result).toEqual({ ok: true, credentials: { ...issued?.credentials, expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) } })
    const { accessKeyId, secretAccessKey, sessionToken } = issued?.credentials ?? { accessKeyId: '', secretAccessKey: '', sessionToken: '' }
    expect(redact(`${accessKeyId} ${secretAccessKey} ${sessionToken} ${oidc.minted[0]?.token ?? ''}`)).toBe('*** *** *** ***')
    // The token travels in the body only.
    expect(sts.requests[0]?.path).toBe('/')
    expect(sts.requests[0]?.query).toEqual({})
  })

  it('retries IDPCommunicationError, as STS advises', async () => {
    sts.faults.push({ error: 'IDPCommunicationError', message: 'Could not reach the identity provider' })
    expect((await assumeRoleWithWebIdentity(http(), DEFAULT_ROLE_ARN, env())).ok).toBe(true)
    expect(sts.requests).toHaveLength(2)
  })

  it("refuses in STS's words, with the subject the trust policy must match", async () => {
    oidc.subject = 'repo:acme/site:ref:refs/heads/feature'
    const result = await assumeRoleWithWebIdentity(http(), DEFAULT_ROLE_ARN, env())
    expect(result).toEqual({
      ok: false,
      error:
        `AWS STS refused to let this job assume ${DEFAULT_ROLE_ARN}: HTTP 403, AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity ` +
        '(hint: the role\'s trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com ' +
        'with a "token.actions.githubusercontent.com:sub" condition that matches: this job\'s token has sub "repo:acme/site:ref:refs/heads/feature")',
    })
    expect(sts.requests).toHaveLength(1)
  })

  it('names the audience on an audience refusal', async () => {
    sts.roles[0] = { ...sts.roles[0]!, audience: 'sigstore' }
    const result = await assumeRoleWithWebIdentity(http(), DEFAULT_ROLE_ARN, env())
    expect(!result.ok && result.error).toContain('InvalidIdentityToken: Incorrect token audience (hint: the IAM OIDC provider for token.actions.githubusercontent.com must list the audience sts.amazonaws.com')
  })

  it('asks nothing of STS when the OIDC token is not to be had', async () => {
    const result = await assumeRoleWithWebIdentity(http(), DEFAULT_ROLE_ARN, { CDN_PURGE_AWS_STS_URL: sts.url })
    expect(!result.ok && result.error).toContain('input role-to-assume: signs in with the job\'s GitHub OIDC token')
    expect(sts.requests).toHaveLength(0)
  })
})

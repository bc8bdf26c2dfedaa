import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_ROLE_ARN, startAwsStsEmulator, type AwsStsEmulator, type IssuedCredentials } from '../emulators/aws-sts.js'
import { startCloudFrontEmulator, type CloudFrontEmulator } from '../emulators/cloudfront.js'
import { startGitHubOidcEmulator, type GitHubOidcEmulator } from '../emulators/github-oidc.js'
import { auditSecrets, runAction, type ActionRun, type RunOptions } from './run-action.js'

const distribution = 'E2QWRUHAPOMQZL'
// What STS hands out; CloudFront accepts only these, so a request signed with anything else fails.
const temporary: IssuedCredentials = {
  accessKeyId: 'ASIATEMPORARY0000042',
  secretAccessKey: 'tEmPoRaRy/SeCrEt+KeY0123456789abcdefghij',
  sessionToken: 'IQoJb3JpZ2luX2VjTEMPORARYSESSIONTOKENfromSTS0123456789',
}
// Long-lived keys also in the environment: role-to-assume must win over them.
const staleEnv = { AWS_ACCESS_KEY_ID: 'AKIASTALEKEY00000000', AWS_SECRET_ACCESS_KEY: 'stale/secret/key/that/must/not/sign', AWS_SESSION_TOKEN: 'stale-session-token' }

let oidc: GitHubOidcEmulator
let sts: AwsStsEmulator
let cf: CloudFrontEmulator
beforeEach(async () => {
  oidc = await startGitHubOidcEmulator()
  sts = await startAwsStsEmulator({ credentials: temporary })
  cf = await startCloudFrontEmulator({ distributions: [distribution], credentials: temporary })
})
afterEach(async () => {
  await Promise.all([oidc.close(), sts.close(), cf.close()])
})

async function run(inputs: Record<string, string>, options: RunOptions & { oidc?: boolean } = {}): Promise<ActionRun> {
  const env = { ...staleEnv, ...(options.oidc === false ? {} : oidc.env()), CDN_PURGE_AWS_STS_URL: sts.url, CDN_PURGE_TIME_SCALE: '1000', ...options.env }
  const action = await runAction(
    { provider: 'cloudfront', distribution, 'role-to-assume': DEFAULT_ROLE_ARN, 'api-url': cf.url, ...inputs },
    { ...options, env, secrets: [temporary.accessKeyId, temporary.secretAccessKey, temporary.sessionToken, oidc.requestToken, staleEnv.AWS_SECRET_ACCESS_KEY, ...(options.secrets ?? [])] },
  )
  auditSecrets(action, oidc.minted.map((each) => each.token))
  return action
}

describe('CloudFront end to end: role-to-assume', () => {
  it('assumes the role with the OIDC token and signs with its credentials, not the AWS_* variables', async () => {
    const action = await run({ paths: '/index.html' })
    expect(action.exitCode).toBe(0)
    expect(oidc.minted.map((each) => each.audience)).toEqual(['sts.amazonaws.com'])
    expect(sts.assumed).toMatchObject([{ roleArn: DEFAULT_ROLE_ARN, roleSessionName: 'cdn-purge-42', subject: 'repo:acme/site:ref:refs/heads/main' }])
    expect(Object.fromEntries(new URLSearchParams(sts.requests[0]?.rawBody))).toEqual({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: DEFAULT_ROLE_ARN,
      RoleSessionName: 'cdn-purge-42',
      WebIdentityToken: oidc.minted[0]?.token,
    })
    const create = cf.requests.find((request) => request.method === 'POST')
    expect(create?.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${temporary.accessKeyId}/`))
    expect(create?.headers['x-amz-security-token']).toBe(temporary.sessionToken)
    expect(cf.invalidations).toHaveLength(1)
    for (const secret of [temporary.accessKeyId, temporary.secretAccessKey, temporary.sessionToken, oidc.minted[0]?.token ?? '']) {
      expect(action.stdout).toContain(`::add-mask::${secret}`)
    }
  })

  it('wait: true signs GetInvalidation with the same temporary credentials', async () => {
    const action = await run({ paths: '/a.css', wait: 'true' })
    expect(action.exitCode).toBe(0)
    const get = cf.requests.find((request) => request.method === 'GET')
    expect(get?.headers.authorization).toMatch(new RegExp(`Credential=${temporary.accessKeyId}/`))
    expect(sts.requests).toHaveLength(1)
  })

  it("fails in STS's words, with the trust policy hint and the token's subject, and invalidates nothing", async () => {
    oidc.subject = 'repo:acme/site:ref:refs/heads/feature'
    const action = await run({ paths: '/a.css' })
    expect(action.exitCode).toBe(1)
    const errors = action.errors.join('\n')
    expect(errors).toContain(`AWS STS refused to let this job assume ${DEFAULT_ROLE_ARN}: HTTP 403, AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity`)
    expect(errors).toContain('"token.actions.githubusercontent.com:sub" condition that matches: this job\'s token has sub "repo:acme/site:ref:refs/heads/feature"')
    expect(cf.requests).toHaveLength(0)
  })

  it('retries STS when it says the identity provider was unreachable', async () => {
    sts.faults.push({ error: 'IDPCommunicationError', message: 'Could not connect to the identity provider' }, { status: 503 })
    const action = await run({ paths: '/a.css' })
    expect(action.exitCode).toBe(0)
    expect(sts.requests).toHaveLength(3)
  })

  it('without id-token: write, is an input error that names the permission, and nothing is sent', async () => {
    const action = await run({ paths: '/a.css' }, { oidc: false })
    expect(action.exitCode).toBe(1)
    expect(action.errors.join('\n')).toContain("input role-to-assume: signs in with the job's GitHub OIDC token, but the runner gave no ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN: add `permissions: id-token: write`")
    expect([oidc.requests.length, sts.requests.length, cf.requests.length]).toEqual([0, 0, 0])
  })

  it('refuses a role that is not an IAM role ARN before sending anything', async () => {
    const action = await run({ paths: '/a.css', 'role-to-assume': 'cdn-purge' })
    expect(action.exitCode).toBe(1)
    expect(action.errors.join('\n')).toContain('input role-to-assume: expected an IAM role ARN such as arn:aws:iam::123456789012:role/cdn-purge, got "cdn-purge"')
    expect([oidc.requests.length, sts.requests.length, cf.requests.length]).toEqual([0, 0, 0])
  })

  it('a dry-run exchanges no token at all', async () => {
    const action = await run({ paths: '/a.css', 'dry-run': 'true' })
    expect(action.exitCode).toBe(0)
    expect([oidc.requests.length, sts.requests.length, cf.requests.length]).toEqual([0, 0, 0])
  })

  it('needs no AWS_* variables with role-to-assume', async () => {
    const action = await run({ paths: '/a.css' }, { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' } })
    expect(action.exitCode).toBe(0)
    expect(cf.invalidations).toHaveLength(1)
  })
})

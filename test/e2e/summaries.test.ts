import { describe, it } from 'vitest'
import { startAkamaiEmulator, DEFAULT_CREDENTIALS as EDGEGRID } from '../emulators/akamai.js'
import { startBunnyEmulator } from '../emulators/bunny.js'
import { startCloudflareEmulator } from '../emulators/cloudflare.js'
import { DEFAULT_CREDENTIALS as AWS, startCloudFrontEmulator } from '../emulators/cloudfront.js'
import { startCloudimageEmulator } from '../emulators/cloudimage.js'
import { startEdgioEmulator } from '../emulators/edgio.js'
import { startFastlyEmulator } from '../emulators/fastly.js'
import { startJsdelivrEmulator } from '../emulators/jsdelivr.js'
import { DEFAULT_TOKEN as DIGITALOCEAN_TOKEN, startDigitalOceanEmulator } from '../emulators/digitalocean.js'
import { runAction, type ActionRun } from './run-action.js'

/**
 * The whole job summary a user sees, one run per provider, compared in full: a heading, a line,
 * a cell or an escape that changes shows here. Only what differs from run to run is replaced:
 * the duration, the emulator's port, and the ids the emulator made up (by the ids the run
 * reported in its `ids` output, so their places in the table are still checked).
 */

function normalised(run: ActionRun): string {
  let text = run.summary.replace(/ requests in \d+(\.\d)? s$/m, ' requests in {duration}').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:{port}')
  const ids = JSON.parse(run.outputs.ids ?? '[]') as string[]
  ids.forEach((id, index) => (text = text.replaceAll(id, `{id ${index + 1}}`)))
  return text.replace(/supportId edcp-[A-Za-z0-9_-]+/g, 'supportId {support id}')
}

describe.concurrent('the job summary, whole', () => {
  it('Cloudflare: URLs the zone refuses, tags it purges', async ({ expect }) => {
    const token = 'cf-test-token-0123456789'
    const cf = await startCloudflareEmulator({ token, zones: [{ id: 'a'.repeat(32), name: 'example.com' }] })
    try {
      const run = await runAction({ provider: 'cloudflare', token, zone: 'a'.repeat(32), paths: 'https://example.net/a.css\nhttps://example.net/<b>.js', keys: 'release-1, <b>&co', 'api-url': cf.url })
      expect(run.exitCode).toBe(1)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: Cloudflare

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</td><td>files</td><td>2</td><td>failed</td><td></td><td>1</td><td>HTTP 400, Cloudflare error 1082: You can only purge files for this zone: 'https://example.net/a.css' is not in zone example.com</td></tr><tr><td>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</td><td>tags</td><td>2</td><td>purged</td><td>{id 1}</td><td>1</td><td></td></tr></table>

        **Totals:** 2 purged, 2 failed, 2 requests in {duration}

        <details><summary>Purged items (2)</summary>

        <ul><li>tags: release-1</li><li>tags: &lt;b&gt;&amp;co</li></ul>

        </details>
        "
      `)
    } finally {
      await cf.close()
    }
  })

  it('Edgio: paths and surrogate keys', async ({ expect }) => {
    const token = 'edgio-deploy-token-0123456789'
    const edgio = await startEdgioEmulator({ token, team: 'acme', site: 'shop', environment: 'production' })
    try {
      const run = await runAction({ provider: 'edgio', token, team: 'acme', site: 'shop', environment: 'production', paths: '/a.css\n/b/*', keys: 'product-1', 'api-url': edgio.url })
      expect(run.exitCode).toBe(0)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: Edgio

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>acme/shop/production</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>acme/shop/production</td><td>paths</td><td>2</td><td>purged</td><td></td><td>1</td><td></td></tr><tr><td>acme/shop/production</td><td>surrogateKeys</td><td>1</td><td>purged</td><td></td><td>1</td><td></td></tr></table>

        **Totals:** 3 purged, 0 failed, 2 requests in {duration}

        <details><summary>Purged items (3)</summary>

        <ul><li>paths: /a.css</li><li>paths: /b/*</li><li>surrogateKeys: product-1</li></ul>

        </details>
        "
      `)
    } finally {
      await edgio.close()
    }
  })

  it('Cloudimage: URLs in two batches', async ({ expect }) => {
    const token = 'cloudimage-api-key-0123456789'
    const api = await startCloudimageEmulator({ apiKey: token })
    try {
      const run = await runAction({ provider: 'cloudimage', token, paths: '/sample.li/birds.jpg\n/sample.li/boat.jpg\n/sample.li/avatars/*', 'batch-size': '2', 'api-url': api.url })
      expect(run.exitCode).toBe(0)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: Cloudimage

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>127.0.0.1:{port}</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>127.0.0.1:{port}</td><td>urls</td><td>2</td><td>purged</td><td>{id 1}</td><td>1</td><td></td></tr><tr><td>127.0.0.1:{port}</td><td>urls</td><td>1</td><td>purged</td><td>{id 2}</td><td>1</td><td></td></tr></table>

        **Totals:** 3 purged, 0 failed, 2 requests in {duration}

        <details><summary>Purged items (3)</summary>

        <ul><li>urls: /sample.li/birds.jpg</li><li>urls: /sample.li/boat.jpg</li><li>urls: /sample.li/avatars/*</li></ul>

        </details>
        "
      `)
    } finally {
      await api.close()
    }
  })

  it('Fastly: URLs and surrogate keys on a service, soft', async ({ expect }) => {
    const token = 'fastly-test-token-0123456789abcdef'
    const fastly = await startFastlyEmulator({ tokens: [{ token, scopes: ['global'] }], services: ['SU1Z0isxPaozGVKXdv0eY'] })
    try {
      const run = await runAction({ provider: 'fastly', token, service: 'SU1Z0isxPaozGVKXdv0eY', paths: 'https://www.example.com/a.css\nhttps://www.example.com/b.css', keys: 'release-1, product-2', soft: 'true', 'api-url': fastly.url })
      expect(run.exitCode).toBe(0)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: Fastly

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>www.example.com</code>, <code>service SU1Z0isxPaozGVKXdv0eY</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>www.example.com</td><td>urls</td><td>1</td><td>purged</td><td>{id 1}</td><td>1</td><td></td></tr><tr><td>www.example.com</td><td>urls</td><td>1</td><td>purged</td><td>{id 2}</td><td>1</td><td></td></tr><tr><td>service SU1Z0isxPaozGVKXdv0eY</td><td>keys</td><td>2</td><td>purged</td><td>{id 3} and 1 more</td><td>1</td><td></td></tr></table>

        **Totals:** 4 purged, 0 failed, 3 requests in {duration}

        <details><summary>Purged items (4)</summary>

        <ul><li>urls: https://www.example.com/a.css</li><li>urls: https://www.example.com/b.css</li><li>keys: release-1</li><li>keys: product-2</li></ul>

        </details>
        "
      `)
    } finally {
      await fastly.close()
    }
  })

  it('Bunny: URLs, a prefix and a tag on a pull zone', async ({ expect }) => {
    const token = 'bunny-account-key-0123456789abcdef'
    const bunny = await startBunnyEmulator({ accessKey: token })
    try {
      const run = await runAction({ provider: 'bunny', token, 'pull-zone': '12345', paths: 'https://cdn.example.com/a.css\nhttps://cdn.example.com/img/*', keys: 'release-1', 'api-url': bunny.url })
      expect(run.exitCode).toBe(0)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: Bunny

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>cdn.example.com</code>, <code>pull zone 12345</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>cdn.example.com</td><td>urls</td><td>1</td><td>purged</td><td></td><td>1</td><td></td></tr><tr><td>cdn.example.com</td><td>prefixes</td><td>1</td><td>purged</td><td></td><td>1</td><td></td></tr><tr><td>pull zone 12345</td><td>tags</td><td>1</td><td>purged</td><td></td><td>1</td><td></td></tr></table>

        **Totals:** 3 purged, 0 failed, 3 requests in {duration}

        <details><summary>Purged items (3)</summary>

        <ul><li>urls: https://cdn.example.com/a.css</li><li>prefixes: https://cdn.example.com/img/*</li><li>tags: release-1</li></ul>

        </details>
        "
      `)
    } finally {
      await bunny.close()
    }
  })

  it('CloudFront: paths in one invalidation, waited for', async ({ expect }) => {
    const cf = await startCloudFrontEmulator({ distributions: ['E2QWRUHAPOMQZL'] })
    try {
      const run = await runAction(
        { provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', paths: '/a.css\n/img/*', wait: 'true', 'api-url': cf.url },
        { env: { CDN_PURGE_TIME_SCALE: '10', AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_SESSION_TOKEN: AWS.sessionToken ?? '' }, secrets: [AWS.secretAccessKey, AWS.sessionToken ?? ''] },
      )
      expect(run.exitCode).toBe(0)
      expect(normalised(run).replace(/Completed after \d+(\.\d)? s/, 'Completed after {duration}')).toMatchInlineSnapshot(`
        "## CDN purge: CloudFront

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>E2QWRUHAPOMQZL</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>E2QWRUHAPOMQZL</td><td>paths</td><td>2</td><td>purged</td><td>{id 1}</td><td>1</td><td>Completed after {duration}</td></tr></table>

        **Totals:** 2 purged, 0 failed, 1 requests in {duration}

        <details><summary>Purged items (2)</summary>

        <ul><li>paths: /a.css</li><li>paths: /img/*</li></ul>

        </details>
        "
      `)
    } finally {
      await cf.close()
    }
  })

  it('Akamai: URLs and CP codes on staging', async ({ expect }) => {
    const akamai = await startAkamaiEmulator()
    try {
      const host = new URL(akamai.url).host
      const edgerc = `[default]\nclient_secret = ${EDGEGRID.clientSecret}\nhost = ${host}\naccess_token = ${EDGEGRID.accessToken}\nclient_token = ${EDGEGRID.clientToken}\n`
      const run = await runAction(
        { provider: 'akamai', token: edgerc, network: 'staging', paths: 'https://www.example.com/a.css', 'cp-codes': '12345', 'api-url': akamai.url },
        { secrets: [EDGEGRID.clientSecret, EDGEGRID.accessToken, EDGEGRID.clientToken] },
      )
      expect(run.exitCode).toBe(0)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: Akamai

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>staging</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>staging</td><td>urls</td><td>1</td><td>purged</td><td>{id 1}</td><td>1</td><td>supportId {support id}</td></tr><tr><td>staging</td><td>cp-codes</td><td>1</td><td>purged</td><td>{id 2}</td><td>1</td><td>supportId {support id}</td></tr></table>

        **Totals:** 2 purged, 0 failed, 2 requests in {duration}

        <details><summary>Purged items (2)</summary>

        <ul><li>urls: https://www.example.com/a.css</li><li>cp-codes: 12345</li></ul>

        </details>
        "
      `)
    } finally {
      await akamai.close()
    }
  })

  it('jsDelivr: a purge with a throttled path, split off the purged ones', async ({ expect }) => {
    const jsdelivr = await startJsdelivrEmulator({ pendingPolls: 0, recentlyPurged: ['/gh/acme/site@main/old.js'] })
    try {
      const run = await runAction({ provider: 'jsdelivr', paths: 'https://cdn.jsdelivr.net/gh/acme/site@main/app.js\n/gh/acme/site@main/old.js', 'api-url': jsdelivr.url })
      expect(run.exitCode).toBe(1)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: jsDelivr

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>cdn.jsdelivr.net</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>cdn.jsdelivr.net</td><td>paths</td><td>1</td><td>purged</td><td>{id 1}</td><td>1</td><td></td></tr><tr><td>cdn.jsdelivr.net</td><td>paths</td><td>1</td><td>failed</td><td>{id 1}</td><td>1</td><td>throttled: jsDelivr purged these paths a short while ago and refuses to purge them again so soon; purge them again later</td></tr></table>

        **Totals:** 1 purged, 1 failed, 1 requests in {duration}

        <details><summary>Purged items (1)</summary>

        <ul><li>paths: https://cdn.jsdelivr.net/gh/acme/site@main/app.js</li></ul>

        </details>
        "
      `)
    } finally {
      await jsdelivr.close()
    }
  })

  it('DigitalOcean: files on an endpoint found by its custom domain', async ({ expect }) => {
    const digitalocean = await startDigitalOceanEmulator()
    try {
      const run = await runAction({ provider: 'digitalocean', token: DIGITALOCEAN_TOKEN, endpoint: 'static.example.com', paths: '/index.html\ncss/*', 'api-url': digitalocean.url })
      expect(run.exitCode).toBe(0)
      expect(normalised(run)).toMatchInlineSnapshot(`
        "## CDN purge: DigitalOcean

        After push of <code>main</code> at <code>0123456</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

        **Targets:** <code>static.example.com (19f06b6a-3ace-4315-b086-499a0e521b76)</code>

        <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>static.example.com (19f06b6a-3ace-4315-b086-499a0e521b76)</td><td>files</td><td>2</td><td>purged</td><td></td><td>1</td><td></td></tr></table>

        **Totals:** 2 purged, 0 failed, 1 requests in {duration}

        <details><summary>Purged items (2)</summary>

        <ul><li>files: index.html</li><li>files: css/*</li></ul>

        </details>
        "
      `)
    } finally {
      await digitalocean.close()
    }
  })
})

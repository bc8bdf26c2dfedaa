import type { ProviderDescription } from './description.js'
import type { ProviderName } from './names.js'
import type { Provider } from './provider.js'
import { description as cloudflare } from './cloudflare/description.js'
import { description as edgio } from './edgio/description.js'
import { description as cloudimage } from './cloudimage/description.js'
import { description as fastly } from './fastly/description.js'
import { description as bunny } from './bunny/description.js'
import { description as cloudfront } from './cloudfront/description.js'
import { description as akamai } from './akamai/description.js'
import { description as cloudCdn } from './cloud-cdn/description.js'
import { description as frontDoor } from './front-door/description.js'
import { description as jsdelivr } from './jsdelivr/description.js'
import { description as digitalocean } from './digitalocean/description.js'

export { providerNames, type ProviderName } from './names.js'
export type { ApiContext, ApiRequest, Auth, Batch, BatchResult, BatchStatus, Item, Outcome, Provider, SignInContext, Target } from './provider.js'

/** name -> description: data, loaded in every run (the inputs are checked against it). */
export const descriptions: Record<ProviderName, ProviderDescription> = { cloudflare, edgio, cloudimage, fastly, bunny, cloudfront, akamai, 'cloud-cdn': cloudCdn, 'front-door': frontDoor, jsdelivr, digitalocean }

// Each provider's behaviour loads only when chosen, so a run pays for one CDN's code. The
// behaviour gets its description here rather than importing it: a chunk that imported the
// description (and so zod) would keep the bundler from inlining zod into the main chunk, which
// measurably slows every start.
const behaviours: Record<ProviderName, () => Promise<new (description: ProviderDescription) => Provider>> = {
  cloudflare: async () => (await import('./cloudflare/provider.js')).Cloudflare,
  edgio: async () => (await import('./edgio/provider.js')).Edgio,
  cloudimage: async () => (await import('./cloudimage/provider.js')).Cloudimage,
  fastly: async () => (await import('./fastly/provider.js')).Fastly,
  bunny: async () => (await import('./bunny/provider.js')).Bunny,
  cloudfront: async () => (await import('./cloudfront/provider.js')).Cloudfront,
  akamai: async () => (await import('./akamai/provider.js')).Akamai,
  'cloud-cdn': async () => (await import('./cloud-cdn/provider.js')).CloudCdn,
  'front-door': async () => (await import('./front-door/provider.js')).FrontDoor,
  jsdelivr: async () => (await import('./jsdelivr/provider.js')).Jsdelivr,
  digitalocean: async () => (await import('./digitalocean/provider.js')).DigitalOcean,
}

export async function loadProvider(name: ProviderName): Promise<Provider> {
  const Behaviour = await behaviours[name]()
  return new Behaviour(descriptions[name])
}

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
import { description as jsdelivr } from './jsdelivr/description.js'
import { description as digitalocean } from './digitalocean/description.js'

export { providerNames, type ProviderName } from './names.js'
export type { ApiContext, ApiRequest, Auth, Batch, BatchResult, BatchStatus, Item, Outcome, Provider, SignInContext, Target } from './provider.js'

/** name -> description: data, loaded in every run (the inputs are checked against it). */
export const descriptions: Record<ProviderName, ProviderDescription> = { cloudflare, edgio, cloudimage, fastly, bunny, cloudfront, akamai, jsdelivr, digitalocean }

// Each provider's behaviour loads only when chosen, so a run pays for one CDN's code.
const loaders: Record<ProviderName, () => Promise<Provider>> = {
  cloudflare: async () => (await import('./cloudflare/provider.js')).cloudflare,
  edgio: async () => (await import('./edgio/provider.js')).edgio,
  cloudimage: async () => (await import('./cloudimage/provider.js')).cloudimage,
  fastly: async () => (await import('./fastly/provider.js')).fastly,
  bunny: async () => (await import('./bunny/provider.js')).bunny,
  cloudfront: async () => (await import('./cloudfront/provider.js')).cloudfront,
  akamai: async () => (await import('./akamai/provider.js')).akamai,
  jsdelivr: async () => (await import('./jsdelivr/provider.js')).jsdelivr,
  digitalocean: async () => (await import('./digitalocean/provider.js')).digitalocean,
}

export function loadProvider(name: ProviderName): Promise<Provider> {
  return loaders[name]()
}

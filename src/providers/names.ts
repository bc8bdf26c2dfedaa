/**
 * The providers, by the name the `provider` input takes. Imports nothing, so that the inputs and
 * the providers can both name them without importing each other. A new CDN adds its name here.
 */
export const providerNames = ['cloudflare', 'edgio', 'cloudimage', 'fastly', 'bunny', 'cloudfront', 'akamai', 'cloud-cdn', 'front-door', 'jsdelivr', 'digitalocean'] as const
export type ProviderName = (typeof providerNames)[number]

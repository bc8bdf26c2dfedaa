import { descriptions } from '../../src/providers/index.js'
import { Akamai } from '../../src/providers/akamai/provider.js'
import { Bunny } from '../../src/providers/bunny/provider.js'
import { CloudCdn } from '../../src/providers/cloud-cdn/provider.js'
import { Cloudflare } from '../../src/providers/cloudflare/provider.js'
import { Cloudfront } from '../../src/providers/cloudfront/provider.js'
import { Cloudimage } from '../../src/providers/cloudimage/provider.js'
import { Edgio } from '../../src/providers/edgio/provider.js'
import { Fastly } from '../../src/providers/fastly/provider.js'
import type { Provider } from '../../src/providers/provider.js'

/** Each provider as the registry makes it (behaviour plus description), for the unit tests. */
export const cloudflare: Provider = new Cloudflare(descriptions.cloudflare)
export const edgio: Provider = new Edgio(descriptions.edgio)
export const cloudimage: Provider = new Cloudimage(descriptions.cloudimage)
export const fastly: Provider = new Fastly(descriptions.fastly)
export const bunny: Provider = new Bunny(descriptions.bunny)
export const cloudfront: Provider = new Cloudfront(descriptions.cloudfront)
export const akamai: Provider = new Akamai(descriptions.akamai)
export const cloudCdn: Provider = new CloudCdn(descriptions['cloud-cdn'])

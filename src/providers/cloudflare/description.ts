import * as z from 'zod/mini'
import { httpUrl, listOrEmpty, optional, purgeHeaderLines, text } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'

export const description = {
  name: 'cloudflare',
  title: 'Cloudflare',
  inputs: {
    zones: { input: 'zone', schema: listOrEmpty, required: true },
    hosts: { input: 'hosts', schema: listOrEmpty, purges: true },
    prefixes: { input: 'prefixes', schema: listOrEmpty, purges: true },
    baseUrl: { input: 'base-url', schema: optional(httpUrl) },
    purgeHeaders: { input: 'purge-headers', schema: z.prefault(purgeHeaderLines, '') },
    email: { input: 'email', schema: optional(text) },
  },
  token: 'required',
  defaultApiUrl: 'https://api.cloudflare.com/client/v4',
  batchSizes: {
    files: { default: 30, max: 500 },
    tags: { default: 100, max: 100 },
    hosts: { default: 100, max: 100 },
    prefixes: { default: 100, max: 100 },
  },
  concurrency: 4,
  can: { urls: true, prefixes: true, tags: true, everything: true, soft: false, wait: false },
  cacheStatus: 'cloudflare',
} satisfies ProviderDescription

export type CloudflareOptions = OptionsOf<typeof description>

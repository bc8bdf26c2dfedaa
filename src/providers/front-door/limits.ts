/** Azure documents 100 URLs in a single purge call. */
export const maxPathsPerRequest = 100
export const defaultApiUrl = 'https://management.azure.com'

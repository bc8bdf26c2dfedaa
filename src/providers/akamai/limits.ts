/** The most a Fast Purge request body may hold; batches are cut by it. */
export const maxBodyBytes = 50_000

/** In progress at once per distribution: 3,000 paths (and independently 15 wildcard paths). */
export const maxPaths = 3_000

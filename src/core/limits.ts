/** The provider's documented upload limit: 10 MiB. Widget, proxy and sandbox all default to it. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

/** How many uploads one widget runs at once. */
export const MAX_CONCURRENT_UPLOADS = 3

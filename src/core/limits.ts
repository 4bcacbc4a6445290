/** The provider's documented upload limit: 10 MiB. Widget, proxy and sandbox all default to it. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

/** How many uploads one widget runs at once. */
export const MAX_CONCURRENT_UPLOADS = 3

/**
 * The most a photo may weigh for the photo step to decode and shrink it on a phone (a 108 MP
 * camera writes 25-35 MB); a photo over `maxFileSize` but within this is shrunk, then held
 * against `maxFileSize`. Past it, refused at once.
 */
export const PHOTO_MAX_BYTES = 40 * 1000 * 1000

/** The most pixels the photo step decodes (about 480 MB of memory decoded): 120 megapixels. */
export const PHOTO_MAX_PIXELS = 120 * 1000 * 1000

// Types of scripts/lib/large-photo.mjs, for the e2e specs that use it.

/** A large phone JPEG (EXIF with GPS and `orientation`), made once per recipe in `dir`; its path. */
export declare function largePhonePhoto(
  dir: string,
  photo: { width: number; height: number; orientation?: number },
): string

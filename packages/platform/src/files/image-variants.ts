import sharp from 'sharp';

/** The widths an uploaded image is also kept in, so a phone loads a small copy and a wide screen a larger one. */
export const variantWidths: readonly number[] = [480, 960, 1600];

/** Images with more pixels than this (about 8,000 × 5,000) are kept as uploaded, without copies. */
const maxInputPixels = 40_000_000;

/** A smaller copy of an uploaded image: WebP, the same shape as the image as it is shown. */
export interface ImageVariant {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An image's size as shown (its EXIF orientation applied) and its smaller copies, narrowest first. */
export interface ResizedImage {
  readonly width: number;
  readonly height: number;
  readonly variants: readonly ImageVariant[];
}

/**
 * Measures an uploaded image and makes a WebP copy at each of `variantWidths` narrower than it, turned the
 * way its EXIF orientation says and without its metadata (camera, place). Null when the bytes cannot be
 * decoded or the image is too large to decode safely: the image is then kept and shown as uploaded. Runs on
 * libvips' own threads, so the event loop is free meanwhile.
 */
export async function resizeImage(data: Uint8Array): Promise<ResizedImage | null> {
  const options = { limitInputPixels: maxInputPixels, failOn: 'error' as const, animated: false };
  try {
    const meta = await sharp(data, options).metadata();
    const { width, height } = meta.autoOrient;
    if (!(width > 0 && height > 0)) return null;
    const variants: ImageVariant[] = [];
    for (const target of variantWidths.filter((w) => w < width)) {
      const out = await sharp(data, { ...options, autoOrient: true }).resize({ width: target }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
      variants.push({ width: out.info.width, height: out.info.height, data: new Uint8Array(out.data) });
    }
    return { width, height, variants };
  } catch {
    return null;
  }
}

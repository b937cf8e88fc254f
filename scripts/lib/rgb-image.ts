/**
 * Decoding and pure pixel operations on RGB images in Node (training, conversion).
 * The app crops and resizes with OffscreenCanvas (bilinear); the bilinear resize here
 * samples the same way so the trunk sees comparable pixels in both places.
 */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** Interleaved 8-bit RGB, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

function fromRgba(width: number, height: number, rgba: ArrayLike<number>): RgbImage {
  const data = new Uint8ClampedArray(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = rgba[i * 4] ?? 0;
    data[i * 3 + 1] = rgba[i * 4 + 1] ?? 0;
    data[i * 3 + 2] = rgba[i * 4 + 2] ?? 0;
  }
  return { width, height, data };
}

/** Decodes a PNG or JPEG file; throws a readable error for anything else. */
export function readImageFile(file: string): RgbImage {
  const bytes = readFileSync(file);
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  try {
    if (isPng) {
      const png = PNG.sync.read(bytes);
      return fromRgba(png.width, png.height, png.data);
    }
    if (isJpeg) {
      const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      return fromRgba(decoded.width, decoded.height, decoded.data);
    }
  } catch (error) {
    throw new Error(`Could not decode ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  throw new Error(`${file} is neither a PNG nor a JPEG image.`);
}

export function encodePng(image: RgbImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  for (let i = 0; i < image.width * image.height; i++) {
    png.data[i * 4] = image.data[i * 3] ?? 0;
    png.data[i * 4 + 1] = image.data[i * 3 + 1] ?? 0;
    png.data[i * 4 + 2] = image.data[i * 3 + 2] ?? 0;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Bilinear sample of channel c at continuous pixel coordinates, edges clamped. */
function sample(image: RgbImage, x: number, y: number, c: number): number {
  const cx = Math.min(Math.max(x, 0), image.width - 1);
  const cy = Math.min(Math.max(y, 0), image.height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, image.width - 1);
  const y1 = Math.min(y0 + 1, image.height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const at = (xx: number, yy: number): number => image.data[(yy * image.width + xx) * 3 + c] ?? 0;
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

export interface AffineCrop {
  /** Centre of the crop in source pixels. */
  centerX: number;
  centerY: number;
  /** Side of the square crop in source pixels (before any scaling). */
  side: number;
  /** Rotation of the crop, radians, counter-clockwise. */
  rotationRad: number;
  flipHorizontal: boolean;
  /** Multiplies every channel value (1 = unchanged). */
  brightness: number;
}

/** Cuts a (possibly rotated, flipped, brightened) square out of `image` and resizes it to `sizePx`. */
export function cropSquare(image: RgbImage, crop: AffineCrop, sizePx: number): RgbImage {
  const data = new Uint8ClampedArray(sizePx * sizePx * 3);
  const step = crop.side / sizePx;
  const cos = Math.cos(crop.rotationRad);
  const sin = Math.sin(crop.rotationRad);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      const u = ((crop.flipHorizontal ? sizePx - 1 - x : x) + 0.5 - sizePx / 2) * step;
      const v = (y + 0.5 - sizePx / 2) * step;
      const sx = crop.centerX + u * cos - v * sin - 0.5;
      const sy = crop.centerY + u * sin + v * cos - 0.5;
      for (let c = 0; c < 3; c++) data[(y * sizePx + x) * 3 + c] = sample(image, sx, sy, c) * crop.brightness;
    }
  }
  return { width: sizePx, height: sizePx, data };
}

/** The plain square crop (no augmentation) whose top-left corner is (x, y). */
export function plainCrop(x: number, y: number, side: number): AffineCrop {
  return { centerX: x + side / 2, centerY: y + side / 2, side, rotationRad: 0, flipHorizontal: false, brightness: 1 };
}

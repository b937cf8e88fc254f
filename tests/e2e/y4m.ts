/**
 * Writes the short uncompressed Y4M videos Chromium plays as a fake camera
 * (--use-file-for-fake-video-capture), generated from images at test time so no video
 * is committed.
 */
import { writeFileSync } from 'node:fs';
import type { RgbImage } from '../../scripts/lib/rgb-image.ts';

/** BT.601 studio-swing RGB → Y′CbCr, as Chromium expects for 4:2:0 Y4M. */
function toYuv(r: number, g: number, b: number): [number, number, number] {
  return [16 + 0.257 * r + 0.504 * g + 0.098 * b, 128 - 0.148 * r - 0.291 * g + 0.439 * b, 128 + 0.439 * r - 0.368 * g - 0.071 * b];
}

/** One 4:2:0 frame (Y plane, then U and V at half resolution). */
export function yuv420Frame(image: RgbImage): Uint8Array {
  const { width, height } = image;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('Y4M 4:2:0 frames need an even width and height.');
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array((width / 2) * (height / 2));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 3;
      const [yy, cb, cr] = toYuv(image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0);
      y[row * width + col] = Math.round(yy);
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (width / 2) + col / 2;
        u[c] = Math.round(cb);
        v[c] = Math.round(cr);
      }
    }
  }
  const frame = new Uint8Array(y.length + u.length + v.length);
  frame.set(y, 0);
  frame.set(u, y.length);
  frame.set(v, y.length + u.length);
  return frame;
}

/** Writes `frames` copies of `image` as a Y4M file at `fps` frames per second. */
export function writeStillY4m(file: string, image: RgbImage, frames: number, fps: number): void {
  const header = new TextEncoder().encode(`YUV4MPEG2 W${image.width} H${image.height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = new TextEncoder().encode('FRAME\n');
  const body = yuv420Frame(image);
  const out = new Uint8Array(header.length + frames * (frameHeader.length + body.length));
  let at = 0;
  out.set(header, at);
  at += header.length;
  for (let f = 0; f < frames; f++) {
    out.set(frameHeader, at);
    at += frameHeader.length;
    out.set(body, at);
    at += body.length;
  }
  writeFileSync(file, out);
}

/** A width×height RGB canvas of one colour. */
export function solidImage(width: number, height: number, rgb: readonly [number, number, number]): RgbImage {
  const data = new Uint8ClampedArray(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, data };
}

/** `image` pasted unscaled at (left, top) on a width×height solid background; what falls outside is cut. */
export function pasteOnto(
  image: RgbImage,
  width: number,
  height: number,
  left: number,
  top: number,
  background: readonly [number, number, number],
): RgbImage {
  const out = solidImage(width, height, background);
  for (let y = 0; y < image.height; y++) {
    const dy = top + y;
    if (dy < 0 || dy >= height) continue;
    for (let x = 0; x < image.width; x++) {
      const dx = left + x;
      if (dx < 0 || dx >= width) continue;
      const s = (y * image.width + x) * 3;
      out.data.set(image.data.subarray(s, s + 3), (dy * width + dx) * 3);
    }
  }
  return out;
}

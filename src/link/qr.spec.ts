import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeSdpCode } from './sdp-code.ts';
import { configureQrReader, qrSvg, qrVersion, readQr, type QrPixels } from './qr.ts';

const require = createRequire(import.meta.url);
const sdp = readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/sdp/mdns-audio-data-answer.sdp'), 'utf8');
/** Share of modules flipped in the damaged-code test: 1% reads, 2% did not in this generator's layout. */
const FLIP_RATE = 0.01;
const CODE = encodeSdpCode(sdp, 'answer', 'BbSF');

/** Renders `text` as a QR code the way a screen would show it: `scale` pixels per module, white quiet zone. */
function render(text: string, scale = 4, margin = 4, look: { dark?: number; light?: number; flip?: (x: number, y: number, size: number) => boolean } = {}): QrPixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const dark = Array.from({ length: n * n }, (_, i) => {
    const x = i % n;
    const y = Math.floor(i / n);
    const on = Boolean(modules.get(y, x));
    return look.flip?.(x, y, n) ? !on : on;
  });
  const size = (n + margin * 2) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - margin;
      const my = Math.floor(y / scale) - margin;
      const isDark = mx >= 0 && my >= 0 && mx < n && my < n && dark[my * n + mx] === true;
      data.fill(isDark ? (look.dark ?? 0) : (look.light ?? 255), (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { width: size, height: size, data };
}

describe('QR codes for pairing', () => {
  beforeAll(() => {
    // In Node the wasm is read from disk; the app's own asset URL is checked by the browser test.
    const wasmPath = path.join(path.dirname(require.resolve('zxing-wasm/reader')), '../../reader/zxing_reader.wasm');
    const wasm = readFileSync(wasmPath);
    configureQrReader({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) });
  });

  it('a pairing code uses a small QR version (alphanumeric mode)', () => {
    expect(qrVersion(CODE)).toBeLessThanOrEqual(8);
    // Byte mode would need a bigger code for the same text: the base32 alphabet is what keeps it small.
    expect(qrVersion(CODE)).toBeLessThan(QRCode.create([{ data: new TextEncoder().encode(CODE), mode: 'byte' }], { errorCorrectionLevel: 'M' }).version);
  });

  it('reads back exactly the code it wrote', async () => {
    expect(await readQr(render(CODE), { preferNative: false })).toBe(CODE);
  });

  it('reads a dim, low-contrast code with damaged modules (error correction at work)', async () => {
    let seed = 3;
    const flip = (x: number, y: number, size: number): boolean => {
      const inFinder = (x < 9 && y < 9) || (x >= size - 9 && y < 9) || (x < 9 && y >= size - 9);
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return !inFinder && seed / 2 ** 31 < FLIP_RATE;
    };
    const pixels = render(CODE, 4, 4, { dark: 70, light: 160, flip });
    expect(await readQr(pixels, { preferNative: false })).toBe(CODE);
  });

  it('finds nothing in a blank frame, without throwing', async () => {
    const blank = { width: 200, height: 200, data: new Uint8ClampedArray(200 * 200 * 4).fill(128) };
    expect(await readQr(blank, { preferNative: false })).toBeNull();
  });

  it('writes an SVG', async () => {
    const svg = await qrSvg(CODE);
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
  });
});

/**
 * Writing and reading the pairing QR codes, entirely on the device.
 *
 * Writing: `qrcode`, medium error correction (a code on a phone screen, read by another phone's
 * camera at arm's length, survives glare and a little blur). The codes of src/link/sdp-code.ts are
 * base32 text, so `qrcode` chooses its alphanumeric mode on its own.
 *
 * Reading: the browser's BarcodeDetector where it exists (Android Chrome, Safari), else zxing-wasm.
 * zxing-wasm would fetch its wasm from a CDN by default; here it is served from the app's own
 * origin under zxing/ (scripts/build/vite-plugin-zxing-wasm.ts; precached by the service worker with the
 * other wasm), so no request leaves the origin.
 */

import QRCode from 'qrcode';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

/** Medium error correction: recovers about 15% of damaged modules. */
export const QR_ERROR_CORRECTION = 'M';
/** Quiet zone around the code, in modules; the standard asks for 4. */
const QR_MARGIN_MODULES = 4;

const READER_OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 };

/**
 * The Emscripten module overrides this file uses. Declared here because zxing-wasm types them
 * with @types/emscripten's globals, which the app's tsconfig does not load.
 */
export interface QrReaderOverrides {
  locateFile?: (file: string) => string;
  wasmBinary?: ArrayBuffer;
}

/** Where scripts/build/vite-plugin-zxing-wasm.ts puts the reader's wasm, relative to the app's page. */
const ZXING_WASM_PATH = 'zxing/zxing_reader.wasm';

/**
 * Points zxing-wasm at a wasm file (the app's own asset by default). Tests in Node pass the
 * binary itself. Must run before the first read, which is why it runs on import too.
 */
export function configureQrReader(overrides: QrReaderOverrides = { locateFile: (file) => (file.endsWith('.wasm') ? new URL(ZXING_WASM_PATH, document.baseURI).href : file) }): void {
  prepareZXingModule({ overrides, fireImmediately: false });
}

configureQrReader();

/** The QR version (1–40) a code needs at medium error correction; the pairing codes need 7 or 8. */
export function qrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION }).version;
}

/** An SVG document of the QR code, black on white, sized by the container (viewBox only). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_MARGIN_MODULES });
}

/** A PNG data URL of the QR code, `widthPx` wide (img-src allows data: in our CSP). */
export async function qrDataUrl(text: string, widthPx = 512): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_MARGIN_MODULES, width: widthPx });
}

/** Draws the QR code on `canvas`. */
export async function drawQr(canvas: HTMLCanvasElement, text: string, widthPx = 512): Promise<void> {
  await QRCode.toCanvas(canvas, text, { errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_MARGIN_MODULES, width: widthPx });
}

/** Pixels the readers accept: an ImageData, or anything shaped like one (Node tests). */
export interface QrPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let nativeDetector: Promise<BarcodeDetectorLike | null> | null = null;

/** The browser's own QR reader, or null where there is none (desktop Chromium on Linux, Firefox, Node). */
function barcodeDetector(): Promise<BarcodeDetectorLike | null> {
  nativeDetector ??= (async () => {
    const candidate = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (candidate === undefined) return null;
    try {
      const formats = await candidate.getSupportedFormats();
      return formats.includes('qr_code') ? new candidate({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return nativeDetector;
}

/**
 * The text of the QR code in `pixels` (a video frame drawn to a canvas), or null when none is
 * readable. Throws only when no reader could be loaded at all, with a message for the screen.
 */
export async function readQr(pixels: QrPixels, options: { preferNative?: boolean } = {}): Promise<string | null> {
  if (options.preferNative !== false) {
    const detector = await barcodeDetector();
    if (detector !== null && typeof ImageData !== 'undefined' && pixels instanceof ImageData) {
      try {
        const found = await detector.detect(pixels);
        const text = found[0]?.rawValue;
        if (text !== undefined && text !== '') return text;
        return null;
      } catch {
        // Some implementations refuse some frames; zxing gets its chance below.
      }
    }
  }
  let results;
  try {
    results = await readBarcodes({ width: pixels.width, height: pixels.height, data: pixels.data, colorSpace: 'srgb' } as ImageData, READER_OPTIONS);
  } catch (error) {
    throw new Error(`The QR code reader could not start: ${error instanceof Error ? error.message : String(error)}. Paste the code as text instead.`, { cause: error });
  }
  const result = results.find((r) => r.isValid && r.text !== '');
  return result?.text ?? null;
}

/** Reads a QR code from the current frame of a playing `video`, drawn on `canvas` (reused between frames). */
export async function readQrFromVideo(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('This browser cannot read camera frames (no 2D canvas). Paste the code as text instead.');
  context.drawImage(video, 0, 0);
  return readQr(context.getImageData(0, 0, canvas.width, canvas.height));
}

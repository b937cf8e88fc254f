/**
 * Test-only driver for src/link/ in a real browser (tests/e2e/link.spec.ts): the page shows its
 * pairing code as a QR on a canvas, and reads the other page's QR from a screenshot through the
 * same reader the app uses. Not part of the app build.
 */
import { BabyLink, ParentLink, type PeerLinkEvent } from '../../../src/link/peer-link.ts';
import { drawQr, readQr } from '../../../src/link/qr.ts';
import { decodeSdpCode, encodeMinimalSdp } from '../../../src/link/sdp-code.ts';

interface LoggedEvent {
  at: number;
  type: PeerLinkEvent['type'];
  detail: string;
}

const events: LoggedEvent[] = [];
let link: BabyLink | ParentLink | null = null;
let baby: BabyLink | null = null;
let parent: ParentLink | null = null;

function watch(l: BabyLink | ParentLink): void {
  l.subscribe((event) => {
    let detail = '';
    if (event.type === 'state') detail = `${event.state}${event.reason === null ? '' : `: ${event.reason}`}`;
    if (event.type === 'message') detail = event.message.type;
    if (event.type === 'dropped') detail = event.reason;
    if (event.type === 'health') detail = `${event.status.state} ${event.status.alarm}${event.ring ? ' ring' : ''}`;
    if (event.type === 'listen-in') {
      detail = `${event.live ? 'live' : 'off'} ${event.stream === null ? 'no-stream' : 'stream'}`;
      // Played as the parent unit would, so the browser decodes (and measures) the audio.
      if (event.live && event.stream !== null && l === parent) {
        const audio = new Audio();
        audio.srcObject = event.stream;
        void audio.play().catch(() => undefined);
      }
    }
    events.push({ at: Date.now(), type: event.type, detail });
  });
}

async function showQr(code: string): Promise<void> {
  const canvas = document.querySelector<HTMLCanvasElement>('#qr');
  if (canvas === null) throw new Error('no canvas');
  await drawQr(canvas, code, 400);
}

/** Reads the QR in a PNG (a screenshot of the other page's canvas). */
async function scan(pngBase64: string): Promise<string> {
  const image = new Image();
  image.src = `data:image/png;base64,${pngBase64}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  context.drawImage(image, 0, 0);
  // zxing-wasm explicitly: headless Linux Chromium has no BarcodeDetector, and the wasm path is what we test.
  const text = await readQr(context.getImageData(0, 0, canvas.width, canvas.height), { preferNative: false });
  if (text === null) throw new Error('no QR code found in the screenshot');
  return text;
}

async function inboundAudio(): Promise<{ bytesReceived: number; totalAudioEnergy: number }> {
  const report = await (parent ?? baby)?.stats();
  let result = { bytesReceived: 0, totalAudioEnergy: 0 };
  report?.forEach((stat: { type?: string; kind?: string; bytesReceived?: number; totalAudioEnergy?: number }) => {
    if (stat.type === 'inbound-rtp' && stat.kind === 'audio') result = { bytesReceived: stat.bytesReceived ?? 0, totalAudioEnergy: stat.totalAudioEnergy ?? 0 };
  });
  return result;
}

const harness = {
  async startBaby(): Promise<{ code: string; sdp: string }> {
    // The baby unit has the microphone (which also lets the browser show real host addresses).
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    baby = await BabyLink.create({ appVersion: 'e2e', getListenInStream: () => Promise.resolve(microphone) });
    link = baby;
    watch(baby);
    await showQr(baby.offerCode);
    return { code: baby.offerCode, sdp: baby.localSdp ?? '' };
  },
  async answerFromQr(pngBase64: string): Promise<{ scanned: string; code: string; sdp: string }> {
    // The parent unit scanned with its camera, so it has a camera permission too.
    await navigator.mediaDevices.getUserMedia({ video: true }).then((s) => s.getTracks().forEach((t) => t.stop()));
    const scanned = await scan(pngBase64);
    parent = await ParentLink.answer(scanned, { appVersion: 'e2e' });
    link = parent;
    watch(parent);
    await showQr(parent.answerCode);
    return { scanned, code: parent.answerCode, sdp: parent.localSdp ?? '' };
  },
  async acceptFromQr(pngBase64: string): Promise<{ scanned: string; result: { ok: boolean; reason?: string } }> {
    const scanned = await scan(pngBase64);
    return { scanned, result: await harness.acceptCode(scanned) };
  },
  async acceptCode(code: string): Promise<{ ok: boolean; reason?: string }> {
    if (baby === null) throw new Error('not a baby unit');
    return baby.acceptAnswer(code);
  },
  /** `code` with its addresses replaced by a port nobody listens on: what an isolating network amounts to. */
  unreachable(code: string): string {
    const minimal = decodeSdpCode(code);
    return encodeMinimalSdp({ ...minimal, candidates: [{ address: '127.0.0.1', port: 9 }] });
  },
  reason(): string | null {
    return link?.reason ?? null;
  },
  status(): { state: string; connection: string; health: string; alarm: string; events: LoggedEvent[] } {
    return { state: link?.state ?? 'none', connection: link?.connectionState ?? 'none', health: link?.healthStatus.state ?? 'none', alarm: link?.healthStatus.alarm ?? 'none', events };
  },
  requestListenIn(live: boolean): boolean {
    return parent?.requestListenIn(live) !== null;
  },
  inboundAudio,
};

declare global {
  interface Window {
    linkHarness: typeof harness;
  }
}
window.linkHarness = harness;
document.body.dataset.ready = 'true';

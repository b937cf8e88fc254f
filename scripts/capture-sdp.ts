/**
 * Captures real SDP offers and answers from headless Chromium for the unit tests of
 * src/link/sdp-code.ts: `node --import tsx scripts/capture-sdp.ts [outDir]`
 * (default tests/fixtures/sdp). Run once; the files are committed as text fixtures.
 *
 * No ICE servers, so only host candidates; once as the browser ships (local addresses hidden
 * behind mDNS names) and once with real addresses, which a page gets after a camera or
 * microphone permission, as both units have.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './lib/chromium.ts';

interface Pair {
  offer: string;
  answer: string;
}

async function capture(extraArgs: string[], withAudio: boolean): Promise<Pair> {
  const browser = await chromium.launch(chromiumLaunchOptions(extraArgs));
  try {
    const page = await browser.newPage();
    // A string, not a function: tsx adds helpers to compiled functions that the page does not have.
    return await page.evaluate<Pair>(`(async () => {
      const gathered = (pc) => new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') resolve();
        pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
      });
      const baby = new RTCPeerConnection({ iceServers: [] });
      if (${String(withAudio)}) baby.addTransceiver('audio', { direction: 'sendonly' });
      baby.createDataChannel('link');
      await baby.setLocalDescription(await baby.createOffer());
      await gathered(baby);
      const offer = baby.localDescription.sdp;
      const parent = new RTCPeerConnection({ iceServers: [] });
      await parent.setRemoteDescription({ type: 'offer', sdp: offer });
      await parent.setLocalDescription(await parent.createAnswer());
      await gathered(parent);
      const answer = parent.localDescription.sdp;
      baby.close();
      parent.close();
      return { offer, answer };
    })()`);
  } finally {
    await browser.close();
  }
}

const outDir = process.argv[2] ?? path.resolve(import.meta.dirname, '../tests/fixtures/sdp');
mkdirSync(outDir, { recursive: true });
const variants: [string, string[], boolean][] = [
  ['mdns-data', [], false],
  ['mdns-audio-data', [], true],
  ['host-data', ['--disable-features=WebRtcHideLocalIpsWithMdns'], false],
  ['host-audio-data', ['--disable-features=WebRtcHideLocalIpsWithMdns'], true],
];
for (const [name, args, audio] of variants) {
  const { offer, answer } = await capture(args, audio);
  writeFileSync(path.join(outDir, `${name}-offer.sdp`), offer);
  writeFileSync(path.join(outDir, `${name}-answer.sdp`), answer);
  console.log(`${name}: offer ${offer.length} chars, answer ${answer.length} chars`);
}

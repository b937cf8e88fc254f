/**
 * `npm run serve:lan`: serves the production build (`npm run build` first) over https on the home
 * network, so that a phone on the same Wi-Fi gets the microphone and camera (browsers give them only
 * to secure pages). The certificate is made on this machine by @vitejs/plugin-basic-ssl and is not
 * trusted by phones: each phone says "not private" once and needs "proceed". Prints every LAN
 * address with a QR code of it for the phone's camera. Nothing here reaches outside the network.
 */
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import basicSsl from '@vitejs/plugin-basic-ssl';
import QRCode from 'qrcode';
import { preview } from 'vite';

const DEFAULT_PORT = 4443;

/** The machine's IPv4 addresses on its local networks (no loopback, no link-local). */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal && !address.address.startsWith('169.254.'))
    .map((address) => address.address);
}

const { values } = parseArgs({ options: { port: { type: 'string', default: String(DEFAULT_PORT) } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`--port must be a whole number from 1 to 65535 (got "${values.port}").`);
  process.exit(2);
}

const server = await preview({ plugins: [basicSsl()], preview: { host: true, port, strictPort: true } });
const addresses = lanAddresses();
if (addresses.length === 0) {
  console.log(`No home-network address found: is this machine on Wi-Fi? Serving on https://localhost:${port}/ only.`);
}
for (const address of addresses) {
  const url = `https://${address}:${port}/`;
  console.log(`\nOn a phone on the same Wi-Fi, open ${url}`);
  console.log(await QRCode.toString(url, { type: 'terminal', small: true }));
}
console.log('The certificate is made on this machine: the phone warns once ("not private"); choose Advanced → Proceed.');
server.printUrls();

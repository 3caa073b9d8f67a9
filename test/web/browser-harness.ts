// Shared by the offline page's browser tests: Debian's chromium driven by playwright-core (no
// browser download), behind a local proxy that records every request and refuses it, so no test
// ever sends traffic off the machine — the page's own or chromium's background calls to Google.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, or KOFUZEI_CHROMIUM. */
export const CHROMIUM = process.env.KOFUZEI_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium; .ci/run does) or set KOFUZEI_CHROMIUM`;

export interface RecordingProxy {
  readonly port: number;
  /** Every request that reached the proxy: "GET http://…" or "CONNECT host:443". */
  readonly log: string[];
  close(): Promise<void>;
}

/** An HTTP proxy on 127.0.0.1 that answers every request and CONNECT with 403 and logs it. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const log: string[] = [];
  const server: Server = createServer((request, response) => {
    log.push(`${request.method ?? '?'} ${request.url ?? '?'}`);
    response.writeHead(403, { connection: 'close' }).end();
  });
  server.on('connect', (request, socket) => {
    log.push(`CONNECT ${request.url ?? '?'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Chromium with every route out of the machine going to the recording proxy. */
export function launchChromium(proxy: RecordingProxy): Promise<Browser> {
  const refused = 'http://127.0.0.1:9';
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 120_000,
    args: [
      `--proxy-server=http://127.0.0.1:${proxy.port}`,
      // Loopback too: nothing bypasses the proxy.
      '--proxy-bypass-list=<-loopback>',
      `--component-updater=url-source=${refused}`,
      `--gaia-url=${refused}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--metrics-recording-only',
    ],
  });
}

/** A request the page itself made that left the file: anything but file:, data: and blob: URLs. */
export function isNetworkRequest(url: string): boolean {
  return !/^(file|data|blob):/.test(url);
}

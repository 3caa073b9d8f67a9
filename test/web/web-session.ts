// Shared by the offline page's browser tests: the page built, a work folder, the recording proxy and
// a browser behind it — and, after the tests, whatever of these was opened closed again, even when
// opening stopped part-way.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWebPage, WEB_PAGE } from '../../scripts/build-web.js';
import {
  isNetworkRequest,
  launchChromium,
  startRecordingProxy,
  type RecordingProxy,
} from './browser-harness.js';

/** Where the tests leave their screenshots of the page. */
export const SCREENSHOTS =
  process.env.KOFUZEI_SCREENSHOTS ?? join(tmpdir(), 'kofuzei-web-screenshots');

interface Closable {
  close(): Promise<void>;
}

export interface WebSession<B extends Closable> {
  readonly proxy: RecordingProxy;
  readonly browser: B;
  /** A temporary folder for the files a test writes; removed by closeOpened. */
  readonly work: string;
}

export interface ChromiumSession extends WebSession<Browser> {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Builds the page, makes a work folder, starts the recording proxy and the browser behind it. If a
 * step fails, what was opened is closed before the error goes on: afterAll then has nothing to close.
 */
export async function openBrowser<B extends Closable>(
  workPrefix: string,
  launch: (proxy: RecordingProxy) => Promise<B>,
): Promise<WebSession<B>> {
  const opened: { -readonly [K in keyof WebSession<B>]?: WebSession<B>[K] } = {};
  try {
    await buildWebPage();
    opened.work = mkdtempSync(join(tmpdir(), workPrefix));
    opened.proxy = await startRecordingProxy();
    opened.browser = await launch(opened.proxy);
    return { proxy: opened.proxy, browser: opened.browser, work: opened.work };
  } catch (error) {
    await closeSession(opened);
    throw error;
  }
}

/**
 * Chromium with the offline page open from file://, downloads accepted and a 1280×900 window; each
 * request of the page (or its worker) to anything but file:, data: and blob: is added to `requests`.
 */
export async function openChromiumPage(
  workPrefix: string,
  timeout: number,
  requests: string[],
): Promise<ChromiumSession> {
  const session = await openBrowser(workPrefix, launchChromium);
  try {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const context = await session.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    context.on('request', (request) => {
      if (isNetworkRequest(request.url())) requests.push(request.url());
    });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(pathToFileURL(WEB_PAGE).href);
    return { ...session, context, page };
  } catch (error) {
    await closeSession(session);
    throw error;
  }
}

/**
 * Closes what a session holds (none when opening failed). With `browserName`, logs the browser's own
 * background requests (not the page's): they went to the proxy and were refused.
 */
export async function closeSession(
  session: Partial<WebSession<Closable>> | undefined,
  browserName?: string,
): Promise<void> {
  await session?.browser?.close();
  await session?.proxy?.close();
  if (session?.work !== undefined) rmSync(session.work, { recursive: true, force: true });
  if (browserName === undefined) return;
  const log = session?.proxy?.log ?? [];
  console.log(
    `${browserName} background requests refused by the recording proxy: ${log.length}` +
      (log.length > 0 ? ` (${[...new Set(log)].join(', ')})` : ''),
  );
}

// The offline page in Firefox (the issue names it beside Edge and Chrome): Debian's firefox-esr,
// opened from file://, behind the recording proxy. The sample ledger, chosen as JSON and as the
// xlsx the template writes, must show the CLI's status and amount on every line, and no request
// may leave the machine.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_PAGE } from '../../scripts/build-web.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import { readJson, SAMPLE_LEDGER } from '../helpers/paths.js';
import { isNetworkRequest } from './browser-harness.js';
import { cliJsonReport, cliLines, type LineCells } from './cli-reference.js';
import { FIREFOX_MISSING, launchFirefox } from './firefox-harness.js';
import { closeSession, openBrowser, type WebSession } from './web-session.js';

const RESULT = '[data-testid=result]';

if (FIREFOX_MISSING !== null)
  describe('offline web page in Firefox', () => {
    it.skip(`skipped: ${FIREFOX_MISSING}`, () => undefined);
  });

describe.skipIf(FIREFOX_MISSING !== null)('offline web page in Firefox', () => {
  let session: WebSession<Browser>;
  let page: Page;
  const pageRequests: string[] = [];
  let runs = 0;

  beforeAll(async () => {
    session = await openBrowser('kofuzei-web-firefox-', launchFirefox);
    page = await session.browser.newPage();
    page.setDefaultTimeout(120_000);
    page.on('request', (request) => {
      if (isNetworkRequest(request.url())) pageRequests.push(request.url());
    });
    await page.goto(pathToFileURL(WEB_PAGE).href);
  }, 180_000);

  afterAll(() => closeSession(session, 'firefox'));

  /** Chooses the file, waits for its evaluation to end; the lines shown (id, status, amount). */
  async function shownFor(path: string): Promise<string[][]> {
    const input = await page.$('input[type=file][data-testid=ledger-input]');
    if (input === null) throw new Error('no ledger input on the page');
    await input.uploadFile(path);
    runs += 1;
    await page.waitForSelector(`${RESULT}[data-run="${String(runs)}"][data-state=done]`);
    return page.$$eval('tr[data-line-id]', (rows) =>
      rows.map((row) => {
        const data = (row as HTMLElement).dataset;
        return [data.lineId ?? '', data.status ?? '', data.amount ?? ''];
      }),
    );
  }

  async function cliLinesOf(path: string): Promise<LineCells> {
    const want = cliLines(await cliJsonReport(path));
    if ('refused' in want) throw new Error(`the CLI refused ${path}: ${want.refused}`);
    return want.lines;
  }

  it("shows the CLI's status and amount on every line of the sample ledger (JSON)", async () => {
    const shown = await shownFor(SAMPLE_LEDGER);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown).toEqual(await cliLinesOf(SAMPLE_LEDGER));
  });

  it("shows the CLI's status and amount on every line of the sample ledger as xlsx", async () => {
    const ledger = readJson(SAMPLE_LEDGER) as { entities: unknown[]; lines: unknown[] };
    const path = join(session.work, 'サンプル台帳.xlsx');
    writeFileSync(path, await writeTemplate(bundledRuleSet().glossary, ledger));
    const shown = await shownFor(path);
    expect(shown.length).toBe(ledger.lines.length);
    expect(shown).toEqual(await cliLinesOf(path));
  });

  it('made no network request, and Firefox itself reaches nothing but the refusing proxy', async () => {
    expect(pageRequests).toEqual([]);
    // The counting and the routing work: a page that does ask for a URL is seen asking, and its
    // request lands on the proxy (refused) rather than on the network.
    const probe = 'http://kofuzei-firefox-probe.invalid/';
    const other = await session.browser.newPage();
    const seen: string[] = [];
    other.on('request', (request) => {
      if (isNetworkRequest(request.url())) seen.push(request.url());
    });
    await other.goto(probe).catch(() => undefined);
    await other.close();
    expect(seen).toContain(probe);
    expect(session.proxy.log).toContain(`GET ${probe}`);
  });
});

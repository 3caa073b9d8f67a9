// The offline page (dist/web/kofuzei.html) in a real browser: Debian's chromium, opened from
// file://, behind a proxy that refuses and records everything. Every golden fixture and acceptance
// ledger, uploaded as xlsx and as Shift_JIS CSV, must show the CLI's status and amount per line;
// the downloads must be the CLI's; bad files must show a Japanese error and no result; a
// 10,000-line workbook must leave the page responsive; and the page must make no network request.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WEB_PAGE, WEB_PAGE_MAX_BYTES } from '../../scripts/build-web.js';
import { CODES } from '../../src/core/codes.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import { PREFECTURE, prefectureTalentLine } from '../helpers/ledger.js';
import { SAMPLE_LEDGER, readJson } from '../helpers/paths.js';
import { CHROMIUM_MISSING } from './browser-harness.js';
import { cliJsonReport, cliLines, cliWorkbook, type LineCells } from './cli-reference.js';
import { ledgerCases, writeShiftJisCase, writeXlsxCase } from './ledger-files.js';
import {
  closeSession,
  openChromiumPage,
  SCREENSHOTS,
  type ChromiumSession,
} from './web-session.js';

// The CLI reads rules/ from disk on every command; 266 in-process runs read it once (same folder,
// same files: the rule set is the one every run would load).
vi.mock('../../src/cli/cli-rule-set.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/cli/cli-rule-set.js')>();
  const loaded = new Map<string, ReturnType<typeof original.cliRuleSet>>();
  return {
    ...original,
    cliRuleSet: (rules: string | undefined) => {
      const key = rules ?? '';
      const cached = loaded.get(key) ?? original.cliRuleSet(rules);
      loaded.set(key, cached);
      return cached;
    },
  };
});

const RESULT = '[data-testid=result]';
const MIME: Readonly<Record<string, string>> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

type Shown = { readonly lines: LineCells } | { readonly error: string };

if (CHROMIUM_MISSING !== null)
  describe('offline web page', () => {
    it.skip(`skipped: ${CHROMIUM_MISSING}`, () => undefined);
  });

describe.skipIf(CHROMIUM_MISSING !== null)('offline web page in chromium', () => {
  let session: ChromiumSession;
  let page: Page;
  /** Requests the page (or its worker) made to anything but file:, data: and blob: URLs. */
  const pageRequests: string[] = [];
  let runs = 0;

  beforeAll(async () => {
    session = await openChromiumPage('kofuzei-web-', 120_000, pageRequests);
    page = session.page;
  });

  afterAll(() => closeSession(session, 'chromium'));

  /** Waits for the evaluation the last action started to end, done or error. */
  async function settled(): Promise<'done' | 'error'> {
    runs += 1;
    const done = page.locator(
      `${RESULT}[data-run="${runs}"]:is([data-state=done],[data-state=error])`,
    );
    await done.waitFor({ timeout: 120_000 });
    return (await page.getAttribute(RESULT, 'data-state')) as 'done' | 'error';
  }

  async function upload(name: string, bytes: Uint8Array): Promise<'done' | 'error'> {
    const extension = name.slice(name.lastIndexOf('.'));
    await page.setInputFiles('input[type=file][data-testid=ledger-input]', {
      name,
      mimeType: MIME[extension] ?? 'application/octet-stream',
      buffer: Buffer.from(bytes),
    });
    return settled();
  }

  async function shown(): Promise<Shown> {
    if ((await page.getAttribute(RESULT, 'data-state')) === 'error')
      return { error: await page.locator('#error').innerText() };
    const lines = await page.$$eval('tr[data-line-id]', (rows) =>
      rows.map(
        (row) =>
          [
            (row as HTMLElement).dataset.lineId ?? '',
            (row as HTMLElement).dataset.status ?? '',
            (row as HTMLElement).dataset.amount ?? '',
          ] as const,
      ),
    );
    return { lines };
  }

  it('is one file under 3 MB whose CSP allows no connection, and says data is not sent', async () => {
    expect(readFileSync(WEB_PAGE).length).toBeLessThanOrEqual(WEB_PAGE_MAX_BYTES);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(await page.locator('[data-testid=privacy]').innerText()).toContain(
      '台帳のデータはどこにも送信されません',
    );
    expect(await page.getAttribute(RESULT, 'data-state')).toBe('idle');
    await page.screenshot({ path: join(SCREENSHOTS, 'web-empty.png'), fullPage: true });
    // The CSP itself stops a connection: a fetch from the page (in a context whose requests are not
    // counted above) fails, and the proxy never sees it.
    const other = await session.browser.newPage();
    await other.goto(pathToFileURL(WEB_PAGE).href);
    const outcome = await other.evaluate(async () => {
      try {
        await fetch('http://kofuzei-fetch-probe.invalid/');
        return 'sent';
      } catch {
        return 'blocked';
      }
    });
    await other.close();
    expect(outcome).toBe('blocked');
    expect(session.proxy.log.filter((entry) => entry.includes('kofuzei-fetch-probe'))).toEqual([]);
  });

  it("shows the CLI's status and amount on every line of every fixture and acceptance ledger, as xlsx and as Shift_JIS CSV", async () => {
    const cases = ledgerCases();
    expect(cases.length).toBeGreaterThan(100);
    const mismatches: string[] = [];
    const skipped: string[] = [];
    let compared = 0;
    for (const ledgerCase of cases) {
      for (const written of [
        await writeXlsxCase(ledgerCase, session.work),
        writeShiftJisCase(ledgerCase, session.work),
      ]) {
        if ('skipped' in written) {
          skipped.push(`${ledgerCase.name}: ${written.skipped}`);
          continue;
        }
        // The CLI (in this process) and the page (in chromium) work at the same time.
        const cli = cliJsonReport(written.path);
        const state = await upload(
          written.path.slice(session.work.length + 1),
          readFileSync(written.path),
        );
        const want = cliLines(await cli);
        const got = await shown();
        compared += 1;
        if ('refused' in want) {
          if (state !== 'error' || !('error' in got) || !got.error.includes(want.refused))
            mismatches.push(
              `${written.path}: the CLI refused it (${want.refused}), the page did not`,
            );
        } else if (JSON.stringify(got) !== JSON.stringify(want))
          mismatches.push(
            `${written.path}: page ${JSON.stringify(got)} ≠ CLI ${JSON.stringify(want)}`,
          );
      }
    }
    console.log(
      `offline page: ${compared} ledger files compared with the CLI, ${skipped.length} not writable as a file`,
    );
    expect(mismatches).toEqual([]);
    // A ledger the template cannot write (a value no cell holds) is the exception, not the rule.
    expect(skipped.length).toBeLessThan(cases.length / 4);
  }, 600_000);

  it("downloads the CLI's 判定結果.xlsx (明細 and 集計 values) and 明細 CSV", async () => {
    const ledger = readJson(SAMPLE_LEDGER) as { entities: unknown[]; lines: unknown[] };
    const path = join(session.work, 'sample.xlsx');
    writeFileSync(path, await writeTemplate(bundledRuleSet().glossary, ledger));
    expect(await upload('sample.xlsx', readFileSync(path))).toBe('done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-xlsx]'),
    ]);
    expect(download.suggestedFilename()).toBe('判定結果.xlsx');
    const pageBook = new ExcelJS.Workbook();
    await pageBook.xlsx.readFile(await download.path());
    const cliBook = new ExcelJS.Workbook();
    await cliBook.xlsx.load(Buffer.from(await cliWorkbook(path)) as unknown as ArrayBuffer);
    const values = (book: ExcelJS.Workbook, name: string): unknown => {
      const sheet = book.getWorksheet(name);
      expect(sheet, name).toBeDefined();
      return JSON.parse(JSON.stringify(sheet?.getSheetValues() ?? []));
    };
    for (const name of ['明細', '集計', '前提', 'エラー'])
      expect(values(pageBook, name), name).toEqual(values(cliBook, name));
    expect((values(pageBook, '明細') as unknown[]).length).toBeGreaterThan(10);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-csv-utf8]'),
    ]);
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('明細ID');
    const [sjis] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-csv-sjis]'),
    ]);
    expect(new TextDecoder('shift_jis').decode(readFileSync(await sjis.path()))).toBe(
      bytes.subarray(3).toString('utf8'),
    );
  });

  it('tries the sample, filters by status, and shows a line’s reasons with the cited sentences', async () => {
    await page.click('[data-testid=try-sample]');
    expect(await settled()).toBe('done');
    const report = cliLines(await cliJsonReport(SAMPLE_LEDGER));
    expect(await shown()).toEqual(report);
    const eligible = await page.locator('tr[data-line-id][data-status=eligible]').count();
    await page.check('[data-testid=filter-eligible]');
    expect(await page.locator('tr[data-line-id]:visible').count()).toBe(eligible);
    await page.check('[data-testid=filter-all]');
    await page.locator('tr[data-status=eligible] button.detail').first().click();
    const dialog = page.locator('dialog#detail');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('blockquote').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'web-detail.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.locator('[data-testid=totals] tr[data-kind-total]').count()).toBeGreaterThan(
      0,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'web-result.png'), fullPage: true });
  });

  it('shows a bond line as 起債額 and two products, ≒ where the line holds an apportioned share', async () => {
    // Two lines of 1,000,001: 起債額 floor(0.9 × 1,000,001) = 900,000, then floor(0.9 × 2,000,002)
    // − 900,000 = 900,001 for D2, whose own product 900,000.9 is not its 起債額.
    const line = (id: string) => ({
      id,
      entity: '392081',
      fiscalYear: 2025,
      program: 'digital-katsuyo',
      costType: 'system',
      amount: '1000001',
      facts: { inDigitalPlan: true },
    });
    const ledger = {
      entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
      lines: [line('D1'), line('D2')],
    };
    expect(await upload('bonds.json', Buffer.from(JSON.stringify(ledger)))).toBe('done');
    expect(await page.locator('tr[data-line-id=D2] td').nth(8).innerText()).toBe('900,001円');
    await page.locator('tr[data-line-id=D2] button.detail').click();
    const dialog = page.locator('dialog#detail');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = await dialog.innerText();
    expect(text).toContain('1,000,001円 × 0.9 ≒ 900,001円（率は団体・年度・措置ごとの累計に掛けて');
    expect(text).toContain('900,001円 × 0.5 = 450,000円');
    await page.keyboard.press('Escape');
  });

  it('shows a line’s warnings in its detail, and names each warning’s line once in the list', async () => {
    // 「山田 太郎」 and 「山田太郎」: two persons with two caps (PERSON_ID_LOOK_ALIKE on both).
    const ledger = {
      entities: [PREFECTURE],
      lines: [
        prefectureTalentLine('Y1', '山田 太郎'),
        prefectureTalentLine('Y2', '山田太郎'),
        prefectureTalentLine('Y3', '山田花子'),
      ],
    };
    expect(await upload('look-alike.json', Buffer.from(JSON.stringify(ledger)))).toBe('done');
    const list = await page.locator('[data-testid=warnings]').innerText();
    expect(list).toContain('明細 Y1: 都道府県等における');
    expect(list).not.toContain('明細 Y1: 明細 Y1');
    await page.locator('tr[data-line-id=Y1] button.detail').click();
    const dialog = page.locator('dialog#detail');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const warned = await dialog.locator('[data-testid=detail-warnings]').innerText();
    expect(warned).toContain('の人物ID 「山田 太郎」と「山田太郎」 は');
    expect(warned).toContain('PERSON_ID_LOOK_ALIKE');
    await page.screenshot({ path: join(SCREENSHOTS, 'web-detail-warning.png') });
    await page.keyboard.press('Escape');
    await page.locator('tr[data-line-id=Y3] button.detail').click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('[data-testid=detail-warnings]').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('shows a Japanese error and no result for files it cannot read', async () => {
    // A good result first: a bad file must not leave it on screen.
    await page.click('[data-testid=try-sample]');
    expect(await settled()).toBe('done');
    const bad: readonly (readonly [string, Uint8Array, string])[] = [
      ['台帳.txt', new TextEncoder().encode('a,b\n'), 'LEDGER_FORMAT_UNSUPPORTED'],
      [
        '壊れた台帳.xlsx',
        new TextEncoder().encode('これは xlsx ではありません'),
        'LEDGER_UNUSABLE',
      ],
      [
        '台帳.json',
        new TextEncoder().encode('{"entities": [], "lines": [\n  {"id": 1,}\n]}'),
        'LEDGER_UNREADABLE',
      ],
      ['空.csv', new Uint8Array(), 'LEDGER_UNUSABLE'],
    ];
    for (const [name, bytes, code] of bad) {
      expect(await upload(name, bytes), name).toBe('error');
      const text = await page.locator('#error').innerText();
      expect(text, name).toContain((CODES as Record<string, { ja: string }>)[code]?.ja ?? code);
      expect(text, name).toContain(code);
      expect(await page.locator('tr[data-line-id]').count(), name).toBe(0);
      expect(await page.locator('#output').isVisible(), name).toBe(false);
      expect(await page.locator('[data-testid=download-xlsx]').isDisabled(), name).toBe(true);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'web-error.png'), fullPage: true });
    // A line error is located by sheet row and column header, in Japanese.
    const csv =
      '団体コード,団体名,団体区分,明細ID,年度,事業,経費区分,金額\n392081,宿毛市,市,A1,2025,cio-aide,compensation,十万円\n';
    expect(await upload('行エラー.csv', new TextEncoder().encode(csv))).toBe('done');
    expect(await page.locator('[data-testid=input-errors]').innerText()).toMatch(
      /2行目・列「金額」/,
    );
  });

  it('evaluates a 10,000-line workbook in the worker while the page keeps answering clicks', async () => {
    const sample = readJson(SAMPLE_LEDGER) as {
      entities: unknown[];
      lines: Record<string, unknown>[];
    };
    const lines = Array.from({ length: 10_000 }, (_, index) => ({
      ...sample.lines[index % sample.lines.length],
      id: `L${String(index + 1).padStart(5, '0')}`,
    }));
    const bytes = await writeTemplate(bundledRuleSet().glossary, {
      entities: sample.entities,
      lines,
    });
    await page.evaluate(() => {
      const target = document.querySelector('[data-testid=privacy]');
      target?.addEventListener('click', () => {
        (window as unknown as { clicked: string }).clicked =
          document.querySelector('[data-testid=result]')?.getAttribute('data-state') ?? '';
      });
    });
    await page.setInputFiles('input[type=file][data-testid=ledger-input]', {
      name: '1万行.xlsx',
      mimeType: MIME['.xlsx'] ?? '',
      buffer: Buffer.from(bytes),
    });
    await page.locator(`${RESULT}[data-state=working]`).waitFor();
    await page.click('[data-testid=privacy]', { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { clicked?: string }).clicked)).toBe(
      'working',
    );
    expect(await settled()).toBe('done');
    expect(await page.locator('tr[data-line-id]').count()).toBe(10_000);
  }, 300_000);

  it('downloads the results of the ledger on screen, not of one chosen before it still finishing', async () => {
    // A 2,000-line workbook chosen, then at once the 24-line sample: the page shows the sample.
    // The workbook's evaluation went on in the worker and, ending last, used to become what
    // 判定結果.xlsx was written from: 2,000 lines of another ledger under the sample on screen.
    const sample = readJson(SAMPLE_LEDGER) as {
      entities: unknown[];
      lines: Record<string, unknown>[];
    };
    const lines = Array.from({ length: 2_000 }, (_, index) => ({
      ...sample.lines[index % sample.lines.length],
      id: `A${String(index + 1).padStart(4, '0')}`,
    }));
    const big = await writeTemplate(bundledRuleSet().glossary, {
      entities: sample.entities,
      lines,
    });
    await page.setInputFiles('input[type=file][data-testid=ledger-input]', {
      name: 'A.xlsx',
      mimeType: MIME['.xlsx'] ?? '',
      buffer: Buffer.from(big),
    });
    runs += 1;
    await page.locator(`${RESULT}[data-run="${runs}"][data-state=working]`).waitFor();
    expect(await upload('B.json', readFileSync(SAMPLE_LEDGER))).toBe('done');
    expect(await page.locator('tr[data-line-id]').count()).toBe(sample.lines.length);
    // Time for the workbook's evaluation to end in the worker (about a second here).
    await page.waitForTimeout(8_000);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-xlsx]'),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const ids = (book.getWorksheet('明細')?.getColumn(1).values ?? []).slice(2).map(String);
    expect(ids).toEqual(sample.lines.map((line) => String(line.id)));
  }, 120_000);

  it('made no network request: every request was a file:, data: or blob: URL', () => {
    expect(pageRequests).toEqual([]);
  });
});

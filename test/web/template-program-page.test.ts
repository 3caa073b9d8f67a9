// The offline page's 事業別の様式: the programs are chosen with check boxes (keyboard too) and the
// workbook saved must be the CLI's `kofuzei template --program …` (header row, drop-down lists and
// their validations); with nothing chosen the page says so in Japanese and saves nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateCommand } from '../../src/cli/template-command.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { CHROMIUM_MISSING } from './browser-harness.js';
import {
  closeSession,
  openChromiumPage,
  SCREENSHOTS,
  type ChromiumSession,
} from './web-session.js';

/** What a template workbook offers a clerk: headers, the lists sheet and the validations. */
async function templateShape(bytes: Uint8Array): Promise<unknown> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const [ledger, lists] = book.worksheets;
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));
  return {
    sheets: book.worksheets.map((sheet) => sheet.name),
    header: plain(ledger?.getRow(1).values),
    rows: plain(ledger?.getSheetValues()),
    lists: plain(lists?.getSheetValues()),
    validations: plain(
      (ledger as unknown as { dataValidations: { model: unknown } } | undefined)?.dataValidations
        .model,
    ),
  };
}

if (CHROMIUM_MISSING !== null)
  describe('offline web page: template per program', () => {
    it.skip(`skipped: ${CHROMIUM_MISSING}`, () => undefined);
  });

describe.skipIf(CHROMIUM_MISSING !== null)('offline web page: template per program', () => {
  let session: ChromiumSession;
  let page: Page;
  const pageRequests: string[] = [];

  beforeAll(async () => {
    session = await openChromiumPage('kofuzei-web-template-', 60_000, pageRequests);
    page = session.page;
  });

  afterAll(() => closeSession(session));

  async function cliTemplate(programs: readonly string[]): Promise<Uint8Array> {
    const output = join(session.work, `cli-${programs.join('_')}.xlsx`);
    await templateCommand({ output, program: programs.join(',') });
    return new Uint8Array(readFileSync(output));
  }

  /** Opens the 事業別の様式 section (closed at first, so it does not push the result down). */
  async function open(): Promise<void> {
    if ((await page.getAttribute('[data-testid=template-programs]', 'open')) === null)
      await page.click('[data-testid=template-programs] > summary');
  }

  async function setChecked(programs: readonly string[]): Promise<void> {
    await open();
    for (const box of await page.locator('input[name=template-program]').all())
      await box.setChecked(programs.includes(await box.inputValue()));
  }

  it('offers every program of the glossary by its Japanese label with the id in brackets', async () => {
    const programs = bundledRuleSet().glossary.programs;
    const boxes = page.locator('input[type=checkbox][name=template-program]');
    expect(
      await boxes.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).value)),
    ).toEqual(Object.keys(programs));
    await open();
    const label = await page.locator('label:has(input[value=dx-leader])').innerText();
    expect(label.trim()).toBe(`${programs['dx-leader']?.label ?? '?'} [dx-leader]`);
  });

  it('with nothing chosen, says so in Japanese and saves nothing', async () => {
    await setChecked([]);
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await page.click('[data-testid=download-template-program]');
    await expect
      .poll(() => page.locator('[data-testid=template-program-note]').innerText())
      .toBe('事業を1つ以上選んでから保存してください。');
    // The worker answers a download in well under a second; give it two.
    await page.waitForTimeout(2_000);
    expect(downloads).toBe(0);
    page.removeAllListeners('download');
  });

  it("saves, chosen with the keyboard, the CLI's `kofuzei template --program cio-aide`", async () => {
    await setChecked([]);
    // Closed again, then opened, chosen and saved with the keyboard alone.
    await page.click('[data-testid=template-programs] > summary');
    expect(await page.locator('input[value=cio-aide]').isVisible()).toBe(false);
    await page.focus('[data-testid=template-programs] > summary');
    await page.keyboard.press('Enter');
    await page.focus('input[name=template-program][value=cio-aide]');
    await page.keyboard.press('Space');
    await page.focus('[data-testid=download-template-program]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toBe('支出台帳の様式_cio-aide.xlsx');
    expect(await page.locator('[data-testid=template-program-note]').innerText()).toBe('');
    const got = await templateShape(new Uint8Array(readFileSync(await download.path())));
    const want = await templateShape(await cliTemplate(['cio-aide']));
    expect(got).toEqual(want);
    // Not the full template: the columns are cio-aide's only.
    const full = (await templateShape(await cliTemplate([]))) as { header: unknown[] };
    expect((got as { header: unknown[] }).header.length).toBeLessThan(full.header.length);
  });

  it("saves the CLI's `kofuzei template --program dx-leader,kyoryokutai,shuraku-shienin`", async () => {
    const programs = ['dx-leader', 'kyoryokutai', 'shuraku-shienin'];
    await setChecked(programs);
    await page.screenshot({ path: join(SCREENSHOTS, 'web-template-program.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-template-program]'),
    ]);
    expect(download.suggestedFilename()).toBe(`支出台帳の様式_${programs.join('_')}.xlsx`);
    const got = await templateShape(new Uint8Array(readFileSync(await download.path())));
    const want = (await templateShape(await cliTemplate(programs))) as { header: unknown[] };
    expect(got).toEqual(want);
    const cioOnly = (await templateShape(await cliTemplate(['cio-aide']))) as {
      header: unknown[];
    };
    expect(want.header).not.toEqual(cioOnly.header);
  });

  it('made no network request', () => {
    expect(pageRequests).toEqual([]);
  });
});

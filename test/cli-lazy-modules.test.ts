import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNodeCli } from './helpers/run-node-cli.js';

/*
 * Issue 17, item 4: exceljs takes most of a second to load, so `kofuzei evaluate` of a JSON, JSON
 * Lines or CSV ledger written as JSON, a table or CSV must not load it; a workbook in or out does.
 */

const HOOK = ['--import', './test/helpers/report-loaded-packages.ts'];
const dir = mkdtempSync(join(tmpdir(), 'kofuzei-lazy-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function loaded(stderr: string): string[] {
  const line = stderr.split('\n').find((text) => text.startsWith('LOADED-PACKAGES '));
  if (line === undefined) throw new Error(`no LOADED-PACKAGES line in: ${stderr}`);
  return line.slice('LOADED-PACKAGES '.length).split(',');
}

/** `kofuzei evaluate samples/ledger.json --format FORMAT -o OUTPUT`: the packages it loaded. */
async function loadedEvaluating(format: string, output: string): Promise<string[]> {
  const result = await runNodeCli(
    ['evaluate', 'samples/ledger.json', '--format', format, '-o', output],
    { nodeArgs: HOOK },
  );
  expect(result.code, result.stderr).toBe(0);
  return loaded(result.stderr);
}

/** Writes `kofuzei template -o NAME ARGS…`, evaluates it as JSON: the packages that loaded. */
async function loadedReadingTemplate(name: string, args: readonly string[]): Promise<string[]> {
  const template = join(dir, name);
  expect((await runNodeCli(['template', '-o', template, ...args])).code).toBe(0);
  const read = await runNodeCli(['evaluate', template, '--format', 'json'], { nodeArgs: HOOK });
  // Without --ledger the template holds its example row, read and refused: exit 1.
  const example = !args.includes('--ledger');
  expect(read.code, read.stderr).toBe(example ? 1 : 0);
  if (example) expect(read.stderr).toContain('TEMPLATE_EXAMPLE_ROW');
  expect(read.stdout).toContain('"schemaVersion"');
  return loaded(read.stderr);
}

describe('the CLI loads exceljs only for workbooks', () => {
  it.each([['json'], ['table'], ['csv']])(
    'evaluate samples/ledger.json --format %s does not load it',
    async (format) => {
      const packages = await loadedEvaluating(format, join(dir, `out.${format}`));
      expect(packages).toContain('json-rules-engine');
      expect(packages).not.toContain('exceljs');
    },
    60_000,
  );

  it('evaluate of a JSON ledger loads neither iconv-lite nor cli-progress; a CSV one does load iconv-lite', async () => {
    // Cold start (issue 17): iconv-lite serves CSV only, cli-progress a bar on a terminal only.
    const json = await loadedEvaluating('json', join(dir, 'plain.json'));
    expect(json).not.toContain('iconv-lite');
    expect(json).not.toContain('cli-progress');
    expect(await loadedEvaluating('csv', join(dir, 'report.csv'))).toContain('iconv-lite');
    expect(
      await loadedReadingTemplate('ledger.csv', ['--ledger', 'samples/ledger.json']),
    ).toContain('iconv-lite');
  }, 120_000);

  it('evaluate --format xlsx loads it, and reads the workbook it wrote', async () => {
    expect(await loadedEvaluating('xlsx', join(dir, 'report.xlsx'))).toContain('exceljs');
    expect(await loadedReadingTemplate('template.xlsx', [])).toContain('exceljs');
  }, 120_000);
});

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

describe('the CLI loads exceljs only for workbooks', () => {
  it.each([['json'], ['table'], ['csv']])(
    'evaluate samples/ledger.json --format %s does not load it',
    async (format) => {
      const result = await runNodeCli(
        ['evaluate', 'samples/ledger.json', '--format', format, '-o', join(dir, `out.${format}`)],
        { nodeArgs: HOOK },
      );
      expect(result.code, result.stderr).toBe(0);
      const packages = loaded(result.stderr);
      expect(packages).toContain('json-rules-engine');
      expect(packages).not.toContain('exceljs');
    },
    60_000,
  );

  it('evaluate of a JSON ledger loads neither iconv-lite nor cli-progress; a CSV one does load iconv-lite', async () => {
    // Cold start (issue 17): iconv-lite serves CSV only, cli-progress a bar on a terminal only.
    const json = await runNodeCli(
      ['evaluate', 'samples/ledger.json', '--format', 'json', '-o', join(dir, 'plain.json')],
      { nodeArgs: HOOK },
    );
    expect(json.code, json.stderr).toBe(0);
    expect(loaded(json.stderr)).not.toContain('iconv-lite');
    expect(loaded(json.stderr)).not.toContain('cli-progress');
    const csv = join(dir, 'report.csv');
    const written = await runNodeCli(
      ['evaluate', 'samples/ledger.json', '--format', 'csv', '-o', csv],
      { nodeArgs: HOOK },
    );
    expect(written.code, written.stderr).toBe(0);
    expect(loaded(written.stderr)).toContain('iconv-lite');
    const template = join(dir, 'ledger.csv');
    expect(
      (await runNodeCli(['template', '-o', template, '--ledger', 'samples/ledger.json'])).code,
    ).toBe(0);
    const read = await runNodeCli(['evaluate', template, '--format', 'json'], { nodeArgs: HOOK });
    expect(read.code, read.stderr).toBe(0);
    expect(loaded(read.stderr)).toContain('iconv-lite');
    expect(read.stdout).toContain('"schemaVersion"');
  }, 120_000);

  it('evaluate --format xlsx loads it, and reads the workbook it wrote', async () => {
    const workbook = join(dir, 'report.xlsx');
    const written = await runNodeCli(
      ['evaluate', 'samples/ledger.json', '--format', 'xlsx', '-o', workbook],
      { nodeArgs: HOOK },
    );
    expect(written.code, written.stderr).toBe(0);
    expect(loaded(written.stderr)).toContain('exceljs');
    const template = join(dir, 'template.xlsx');
    expect((await runNodeCli(['template', '-o', template])).code).toBe(0);
    const read = await runNodeCli(['evaluate', template, '--format', 'json'], { nodeArgs: HOOK });
    expect(loaded(read.stderr)).toContain('exceljs');
    expect(read.stdout).toContain('"schemaVersion"');
  }, 120_000);
});

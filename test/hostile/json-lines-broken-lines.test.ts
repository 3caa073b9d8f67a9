import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * A JSON Lines ledger's broken lines: each is one invalid line at its place in the file, named in
 * Japanese with the file line and column — a line that is not JSON (RECORD_NOT_JSON: it was
 * reported as "not an object", with a hard-coded English "a line" and no file position), and a line
 * too long to read (RECORD_TOO_LONG: a 150 MB line aborted the capped process with V8's stack
 * trace).
 */

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-jsonl-lines-'));
const HEADER = JSON.stringify({ entities: [{ code: '392081', name: '宿毛市', kind: 'city' }] });
const LINE = (id: string, memo = '') =>
  JSON.stringify({
    id,
    entity: '392081',
    fiscalYear: 2025,
    program: 'cio-aide',
    costType: 'recruitment',
    amount: '500000',
    ...(memo === '' ? {} : { memo }),
  });

interface Reported {
  lines: { id: string; status: string }[];
  errors: { code: string; line: string; message: string }[];
}

async function evaluate(name: string, text: string): Promise<{ code: number; report: Reported }> {
  const path = join(TMP, name);
  writeFileSync(path, text);
  // To a file: a report echoing a memo of 1 MiB is more than a pipe's buffer here.
  const output = `${path}.report.json`;
  const result = await runCli(['evaluate', path, '--format', 'json', '-o', output]);
  return { code: result.code, report: JSON.parse(readFileSync(output, 'utf8')) as Reported };
}

describe('JSON Lines: broken lines', { timeout: 60_000 }, () => {
  it('a line cut short is one RECORD_NOT_JSON line, named by file line and column', async () => {
    const { code, report } = await evaluate(
      'cut.jsonl',
      [HEADER, '', LINE('A1'), '  {"id":"A2", "entity":"392081"', LINE('A3'), '[1,2]'].join('\n'),
    );
    expect(code).toBe(1);
    expect(report.lines.map((line) => [line.id, line.status])).toEqual([
      ['A1', 'eligible'],
      ['#2', 'invalid'],
      ['A3', 'eligible'],
      ['#4', 'invalid'],
    ]);
    const [cut, array] = report.errors;
    expect(report.errors).toHaveLength(2);
    expect(cut?.code).toBe('RECORD_NOT_JSON');
    // Line 4 of the file; the JSON broke at its end: after 2 spaces and 29 characters, column 32.
    expect(cut?.message).toContain('ファイルの 4 行 32 列目');
    expect(cut?.message).toContain('JSON として読めません');
    expect(cut?.message).not.toMatch(/a line/u);
    expect(array?.code).toBe('RECORD_NOT_OBJECT');
    expect(array?.message).toContain('ファイルの 6 行 1 列目');
    expect(array?.message).toContain('明細の項目の組');
  });

  it('a line over 1 MiB is one RECORD_TOO_LONG line and is not parsed; the next lines are read', async () => {
    const long = LINE('L2', 'x'.repeat(3 * 1024 * 1024));
    const { code, report } = await evaluate(
      'long.jsonl',
      [HEADER, LINE('L1'), long, LINE('L3')].join('\n'),
    );
    expect(code).toBe(1);
    expect(report.lines.map((line) => [line.id, line.status])).toEqual([
      ['L1', 'eligible'],
      ['#2', 'invalid'],
      ['L3', 'eligible'],
    ]);
    expect(report.errors.map((error) => error.code)).toEqual(['RECORD_TOO_LONG']);
    expect(report.errors[0]?.message).toContain('ファイルの 3 行 1 列目');
    expect(report.errors[0]?.message).toContain('上限の 1,048,576 バイトを超えています');
    // A line of exactly 1 MiB is read, with LF or CRLF (the CR is not counted).
    const exact = LINE('X1', 'z'.repeat(1024 * 1024 - (LINE('X1', 'z').length - 1)));
    expect(Buffer.byteLength(exact)).toBe(1024 * 1024);
    for (const newline of ['\n', '\r\n']) {
      const read = await evaluate('exact.jsonl', [HEADER, exact, ''].join(newline));
      expect(read.report.lines.map((line) => [line.id, line.status])).toEqual([['X1', 'eligible']]);
    }
    // A line just under the limit is read as any other.
    const near = LINE('N2', 'y'.repeat(1024 * 1024 - 200));
    const ok = await evaluate('near.jsonl', [HEADER, near].join('\n'));
    expect(ok.report.lines.map((line) => [line.id, line.status])).toEqual([['N2', 'eligible']]);
  });

  it('a line over 1 MiB of only whitespace is a RECORD_TOO_LONG line that says so', async () => {
    const { report } = await evaluate(
      'blank.jsonl',
      [HEADER, LINE('L1'), ' '.repeat(2 * 1024 * 1024), LINE('L3')].join('\n'),
    );
    expect(report.lines.map((line) => [line.id, line.status])).toEqual([
      ['L1', 'eligible'],
      ['#2', 'invalid'],
      ['L3', 'eligible'],
    ]);
    // Not 「行の始め: "…"」, which quotes nothing a clerk could find.
    expect(report.errors[0]?.message).toContain(
      '上限の 1,048,576 バイトを超えています。明細の1行がこれほど長いことはありません（1行に複数の明細を書いていないか、メモが長すぎないか確かめてください）。行の始めは空白だけです',
    );
  });
});

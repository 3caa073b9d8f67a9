import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalLines, terminalText } from '../../src/cli/terminal-text.js';
import { displayWidth } from '../../src/core/display-width.js';
import type { Report } from '../../src/schema/report.js';
import { withoutRuleSource } from '../helpers/cli.js';
import { REPO_ROOT, RULES_DIR } from '../helpers/paths.js';

/**
 * Ledger text on a terminal (issue 13): ids, codes, program and fact names carrying OSC 52
 * (clipboard), cursor moves, CR, C1 CSI and bidi overrides must reach the terminal as visible
 * escapes — checked on the raw bytes the CLI writes, not on decoded text.
 */

const LEDGER = 'test/hostile/ledgers/terminal-escapes.json';
const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-terminal-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

interface BytesResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

function runCliBytes(args: readonly string[]): Promise<BytesResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      {
        cwd: REPO_ROOT,
        encoding: 'buffer',
        timeout: 60_000,
        env: { ...process.env, FORCE_COLOR: '0' },
      },
      (error, stdout, stderr) => {
        if (error === null) resolvePromise({ code: 0, stdout, stderr });
        else if (typeof error.code === 'number')
          resolvePromise({ code: error.code, stdout, stderr });
        else reject(new Error(`the CLI did not exit normally: ${error.message}`, { cause: error }));
      },
    );
  });
}

/**
 * Byte offsets of what a terminal acts on or hides: C0 controls other than \n, DEL, C1 controls
 * in UTF-8 (C2 80–C2 9F), bidi overrides and isolates (E2 80 AA–AE, E2 81 A6–A9), zero-width
 * marks (E2 80 8B–8F).
 */
function unsafeBytes(bytes: Buffer): number[] {
  const found: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    const next = bytes[i + 1] ?? 0;
    const third = bytes[i + 2] ?? 0;
    if ((byte < 0x20 && byte !== 0x0a) || byte === 0x7f) found.push(i);
    else if (byte === 0xc2 && next >= 0x80 && next <= 0x9f) found.push(i);
    else if (byte === 0xe2 && next === 0x80 && third >= 0x8b && third <= 0x8f) found.push(i);
    else if (byte === 0xe2 && next === 0x80 && third >= 0xaa && third <= 0xae) found.push(i);
    else if (byte === 0xe2 && next === 0x81 && third >= 0xa6 && third <= 0xa9) found.push(i);
  }
  return found;
}

describe('terminalText', () => {
  it('escapes C0, DEL, C1, bidi and zero-width characters, and leaves other text alone', () => {
    expect(terminalText('a\u001b]52;c;eA==\u0007b')).toBe('a\\u001b]52;c;eA==\\u0007b');
    expect(terminalText('L\u001b[2A\r\n\t')).toBe('L\\u001b[2A\\r\\n\\t');
    expect(terminalText('\u007f\u0085\u009b\u202e\u2066\u200b\ufeff\u2028')).toBe(
      '\\u007f\\u0085\\u009b\\u202e\\u2066\\u200b\\ufeff\\u2028',
    );
    expect(terminalText('\u{e0041}')).toBe('\\udb40\\udc41');
    expect(terminalText('宿毛市 C:\\data ✓ 3,600,000円')).toBe('宿毛市 C:\\data ✓ 3,600,000円');
  });

  it('terminalLines keeps the newlines between lines and escapes the rest', () => {
    expect(terminalLines('a\u001b[2A\nb\r\u202e')).toBe('a\\u001b[2A\nb\\r\\u202e');
  });

  it('keeps a JSON line the same JSON value', () => {
    const value = { id: 'L1\u001b]52;c;eA==\u0007', name: '\u202e\u009b\u007f\u{e0041}x' };
    const line = terminalLines(JSON.stringify(value));
    expect(unsafeBytes(Buffer.from(line))).toEqual([]);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe('the CLI shows ledger text escaped on a terminal', () => {
  it('--format table: no raw control, C1 or bidi byte on stdout or stderr; escapes shown', async () => {
    const result = await runCliBytes(['evaluate', LEDGER, '--format', 'table']);
    expect(result.code).toBe(1); // its lines are invalid (control characters in ids)
    expect(unsafeBytes(result.stdout)).toEqual([]);
    expect(unsafeBytes(result.stderr)).toEqual([]);
    const stdout = result.stdout.toString('utf8');
    const stderr = result.stderr.toString('utf8');
    for (const shown of [
      'L1\\u001b]52;c;ZWNobyBwd25lZA==\\u0007',
      'L2\\u001b[2A\\r',
      'L3\\u202e3-L',
      'L4\\u2066\\u200b\\n',
      '39208\\u001b[2A',
    ])
      expect(stdout).toContain(shown);
    // Ids with control characters make their lines invalid (named), shown escaped.
    expect(stderr).toContain('（明細ID L2\\u001b[2A\\r、ファイルの 29 行 5 列目）の 明細ID（id）');
    expect(stderr).toContain('"100\\u009b2J"');
    // One message a line: a newline in an id cannot start a line of its own.
    const messages = withoutRuleSource(stderr)
      .split('\n')
      .filter((line) => line !== '');
    expect(messages).toHaveLength(7);
    for (const message of messages) expect(message).toMatch(/^test\/hostile\/ledgers\//u);
    // The table's columns are measured on what is shown: the year sits at the same column.
    const rows = stdout.split('\n').filter((line) => /^L\d/u.test(line));
    expect(rows).toHaveLength(4);
    // (Measured in display columns: the 団体 column shows the 団体名, whose characters are wide.)
    expect(
      new Set(rows.map((row) => displayWidth(row.slice(0, row.indexOf('  2025'))))),
    ).toHaveProperty('size', 1);
  }, 30_000);

  it('--format json: stdout is JSON.stringify (ESC escaped, values intact); stderr lines escaped', async () => {
    const result = await runCliBytes(['evaluate', LEDGER, '--format', 'json']);
    expect(result.code).toBe(1); // its lines are invalid (control characters in ids)
    // JSON escapes C0 (ESC is \u001b) but leaves C1 and bidi raw: the report is data, kept
    // byte-identical to the library's JSON.stringify; stderr, a terminal, is escaped.
    expect(result.stdout.includes(0x1b)).toBe(false);
    expect(result.stdout.includes(0x0d)).toBe(false);
    const report = JSON.parse(result.stdout.toString('utf8')) as Report;
    expect(report.lines.map((line) => line.id)).toEqual([
      'L1\u001b]52;c;ZWNobyBwd25lZA==\u0007',
      'L2\u001b[2A\r',
      'L3\u202e3-L',
      'L4\u2066\u200b\n',
    ]);
    expect(unsafeBytes(result.stderr)).toEqual([]);
    const lines = withoutRuleSource(result.stderr.toString('utf8'))
      .split('\n')
      .filter((line) => line !== '');
    expect(lines).toHaveLength(7);
    const messages = lines.map(
      (line) => (JSON.parse(line) as { error: { message: string } }).error.message,
    );
    expect(messages).toEqual(report.errors.map((error) => error.message));
  }, 30_000);

  it('--format csv is data, not terminal text: the values are written as they are', async () => {
    const result = await runCliBytes(['evaluate', LEDGER, '--format', 'csv']);
    expect(result.code).toBe(1); // its lines are invalid (control characters in ids)
    expect(result.stdout.toString('utf8')).toContain('L2\u001b[2A\r');
    expect(unsafeBytes(result.stderr)).toEqual([]);
  }, 30_000);

  const hostile = '\u001b]52;c;eA==\u0007\u202e\u009b2J';
  const rules = join(TMP, `rules${hostile}`);
  symlinkSync(RULES_DIR, rules);

  it('a refused file is named escaped (main.ts error printing)', async () => {
    const missing = join(TMP, `missing${hostile}.json`);
    const refused = await runCliBytes(['evaluate', missing, '--format', 'table']);
    expect(refused.code).toBe(2);
    expect(unsafeBytes(refused.stderr)).toEqual([]);
    expect(refused.stderr.toString('utf8')).toContain(
      'missing\\u001b]52;c;eA==\\u0007\\u202e\\u009b2J.json',
    );
  }, 30_000);

  it('kofuzei test names a fixture escaped', async () => {
    const fixture = join(TMP, `fixture${hostile}.json`);
    writeFileSync(fixture, '{');
    const tested = await runCliBytes(['test', fixture]);
    expect(tested.code).toBe(1);
    expect(unsafeBytes(tested.stdout)).toEqual([]);
    expect(tested.stdout.toString('utf8')).toContain('fixture\\u001b]52;c;eA==\\u0007');
  }, 30_000);

  it('kofuzei check-rules and diff name a rules folder escaped', async () => {
    const checked = await runCliBytes(['check-rules', rules]);
    expect(checked.code).toBe(0);
    expect(unsafeBytes(checked.stdout)).toEqual([]);
    expect(checked.stdout.toString('utf8')).toContain('rules\\u001b]52;c;eA==\\u0007');
    const diffed = await runCliBytes(['diff', LEDGER, '--base', rules, '--head', rules]);
    expect(diffed.code).toBe(0);
    expect(unsafeBytes(diffed.stdout)).toEqual([]);
    expect(diffed.stdout.toString('utf8')).toContain('rules\\u001b]52;c;eA==\\u0007');
  }, 60_000);
});

import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type Code, type CodeKind } from '../../src/core/codes.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * src/core/codes.ts is the one list of the codes kofuzei emits: every code written in src is in it
 * and every code in it is written somewhere in src (no dead codes), and the CLI, run on hostile
 * ledgers, emits no code outside it — refusals on stderr with the exit status the catalogue gives.
 */

const SRC = join(REPO_ROOT, 'src');
const CATALOGUE = join(SRC, 'core', 'codes.ts');

/** SCREAMING_SNAKE literals in src that are not kofuzei's codes: the system's, signals, names. */
const NOT_CODES = new Set([
  // JSZip's compression method (workbook-bytes.ts).
  'DEFLATE',
  'EACCES',
  'EISDIR',
  'ELOOP',
  'EMLINK',
  'ENOENT',
  'ENOTDIR',
  'EPERM',
  'EPIPE',
  'ERR_BUFFER_TOO_LARGE',
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGTERM',
  'TRUE',
  'FALSE',
  'NFKC',
  'KOFUZEI_STREAMING_HEAP',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && path !== CATALOGUE ? [path] : [];
  });
}

/** Every 'SCREAMING_SNAKE' (or 'WORD' of 4+ capitals) string literal, with where it is. */
function literalsInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})'/g,
    )) {
      const literal = match[1] ?? '';
      found.set(literal, [...(found.get(literal) ?? []), relative(REPO_ROOT, file)]);
    }
  }
  return found;
}

const isCode = (text: unknown): text is Code =>
  typeof text === 'string' && Object.hasOwn(CODES, text);

describe('the code catalogue (src/core/codes.ts)', () => {
  const literals = literalsInSource();

  it('lists every code written in src', () => {
    const unlisted = [...literals.keys()].filter(
      (literal) => !NOT_CODES.has(literal) && !isCode(literal),
    );
    expect(unlisted.map((literal) => `${literal} (${literals.get(literal)?.join(', ')})`)).toEqual(
      [],
    );
  });

  it('lists no code that src never writes (no dead codes)', () => {
    expect(Object.keys(CODES).filter((code) => !literals.has(code))).toEqual([]);
  });

  it('gives every code its meaning in Japanese and English, and every refusal its exit status', () => {
    for (const [code, entry] of Object.entries(CODES) as [Code, (typeof CODES)[Code]][]) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(entry.ja, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(entry.en, code).toMatch(/^[\x20-\x7e\u3000-\u9fff\uff00-\uffef]+$/);
      expect('exit' in entry, code).toBe(entry.kind === 'refusal');
    }
  });
});

interface Run {
  readonly file: string;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runBuiltCli(file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/cli.js', 'evaluate', file, '--format', 'json'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ file, status, stdout, stderr });
      },
    );
  });
}

/** Each code the run emitted, with the kind of place it appeared in. */
function emitted(run: Run): { code: unknown; kind: CodeKind }[] {
  const found: { code: unknown; kind: CodeKind }[] = [];
  for (const line of run.stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as {
      error?: { code?: unknown; field?: unknown };
      warning?: { code?: unknown };
    };
    // A line's error (it names a field) is an input error; an error without one refuses the file.
    if (event.error !== undefined && 'code' in event.error)
      found.push({ code: event.error.code, kind: 'field' in event.error ? 'input' : 'refusal' });
    if (event.warning !== undefined) found.push({ code: event.warning.code, kind: 'warning' });
  }
  if (run.stdout.trim() !== '') {
    const report = JSON.parse(run.stdout) as {
      warnings: { code: unknown }[];
      errors: { code: unknown }[];
      lines: { reasons: { code: unknown }[] }[];
    };
    for (const warning of report.warnings) found.push({ code: warning.code, kind: 'warning' });
    for (const error of report.errors) found.push({ code: error.code, kind: 'input' });
    for (const line of report.lines)
      for (const reason of line.reasons) found.push({ code: reason.code, kind: 'reason' });
  }
  return found;
}

describe('the CLI on hostile ledgers', () => {
  const files = [
    ...readdirSync(join(REPO_ROOT, 'test/hostile/ledgers')).map((name) =>
      join('test/hostile/ledgers', name),
    ),
    ...readdirSync(join(REPO_ROOT, 'test/hostile/xlsx'))
      .filter((name) => /\.(xlsx|csv|fods)$/.test(name))
      .map((name) => join('test/hostile/xlsx', name)),
    'test/hostile/ledgers/no-such-file.json',
    'test/hostile/ledgers',
    // Hostile files are mostly refused or invalid: the sample gives reasons as well.
    'samples/ledger.json',
  ];

  it('emits only catalogued codes, of the right kind, and exits as the catalogue says', async () => {
    const runs: Run[] = [];
    // A few at a time: the CLI's start-up dominates, and the machine may be shared.
    for (let index = 0; index < files.length; index += 4)
      runs.push(...(await Promise.all(files.slice(index, index + 4).map(runBuiltCli))));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const run of runs) {
      const codes = emitted(run);
      const refusals = codes.filter((found) => found.kind === 'refusal');
      for (const { code, kind } of codes) {
        if (!isCode(code)) problems.push(`${run.file}: ${String(code)} is not catalogued`);
        else if (CODES[code].kind !== kind)
          problems.push(`${run.file}: ${code} is a ${CODES[code].kind}, emitted as a ${kind}`);
        else seen.add(code);
      }
      const refusal = refusals[0]?.code;
      if (run.status === 0 && refusals.length > 0)
        problems.push(`${run.file}: exit 0 with a refusal`);
      // Exit 1 with a report: some line is invalid (docs/contract.md §5.3), no refusal.
      const report =
        run.status === 1 && run.stdout.trim() !== ''
          ? (JSON.parse(run.stdout) as { lines: { status: string }[] })
          : undefined;
      if (report !== undefined) {
        if (!report.lines.some((line) => line.status === 'invalid'))
          problems.push(`${run.file}: exit 1 with no invalid line`);
        if (refusals.length > 0) problems.push(`${run.file}: a report and a refusal`);
      } else if (run.status !== 0) {
        if (!isCode(refusal)) problems.push(`${run.file}: exit ${run.status} without a code`);
        else if ((CODES[refusal] as { exit?: number }).exit !== run.status)
          problems.push(`${run.file}: ${refusal} exited ${run.status}`);
      }
    }
    expect(problems).toEqual([]);
    // The corpus does exercise the catalogue: refusals, warnings and reasons all occur.
    expect([...seen].map((code) => CODES[code as Code].kind)).toEqual(
      expect.arrayContaining(['refusal', 'warning', 'reason', 'input']),
    );
  }, 300_000);
});

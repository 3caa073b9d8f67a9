import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { evaluateStream } from '../../src/evaluate/evaluate-stream.js';
import { readJsonLinesLedger } from '../../src/node/read-json-lines.js';
import { readLedgerFile } from '../../src/node/read-ledger-file.js';
import type { Report, ReportError } from '../../src/schema/report.js';
import { evaluateExitCode, withoutRuleSource } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Issue 13 (no silent yen), the JSON reader: number literals a double would change, keys written
 * twice, entities listed twice, entity columns contradicting each other across CSV rows, and ids
 * that only look alike. Each file goes through the library (readLedgerFile + evaluate) and the
 * built CLI (`node dist/cli.js evaluate FILE --format json`); both must say the same.
 */

const CORPUS = 'test/hostile/ledgers';
const STACK = /^\s+at /mu;

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(file: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['dist/cli.js', 'evaluate', file, '--format', 'json'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        if (error === null) resolve({ code: 0, stdout, stderr });
        else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
        else reject(new Error(`the CLI did not exit normally: ${error.message}`));
      },
    );
  });
}

const FILES = [
  'json-number-literals.json',
  'json-number-literals.jsonl',
  'duplicate-keys.json',
  'duplicate-keys-top.json',
  'duplicate-entities-identical.json',
  'duplicate-entities-conflicting.json',
  'lookalike-ids.json',
  'entity-row-conflict.csv',
];
const runs = new Map<string, CliRun>();

beforeAll(async () => {
  for (const file of FILES) runs.set(file, await cli(`${CORPUS}/${file}`));
}, 300_000);

function cliReport(file: string): Report {
  const run = runs.get(file);
  if (run === undefined) throw new Error(`${file} was not run`);
  expect(run.code, run.stderr.slice(0, 2000)).toBe(evaluateExitCode(run.stdout));
  expect(run.stderr).not.toMatch(STACK);
  return JSON.parse(run.stdout) as Report;
}

async function libraryReport(file: string): Promise<Report> {
  return evaluate(readLedgerFile(join(REPO_ROOT, CORPUS, file)));
}

function statuses(report: Report): Record<string, string> {
  return Object.fromEntries(report.lines.map((line) => [line.id, line.status]));
}

function errorOf(report: Report, line: string | null, field: string): ReportError {
  const found = report.errors.find((error) => error.line === line && error.field === field);
  if (found === undefined)
    throw new Error(`no error ${line}/${field}: ${JSON.stringify(report.errors)}`);
  return found;
}

const INTEGER_YEN = '整数の円';

describe('number literals are read from the JSON text, not from the rounded double', () => {
  const literals: Record<string, string> = {
    'rounded-huge': '99999999999999.999',
    'rounded-tiny': '1000.00000000000001',
    exponent: '5e5',
    'exponent-upper': '1E3',
    'one-point-zero': '1.0',
    'unsafe-integer': '9007199254740993',
  };

  it.each(['library', 'cli'])('json-number-literals.json (%s)', async (via) => {
    const report =
      via === 'cli'
        ? cliReport('json-number-literals.json')
        : await libraryReport('json-number-literals.json');
    const status = statuses(report);
    expect(status.ok).toBe('eligible');
    expect(status['ok-integer-literal']).toBe('eligible');
    // A decimal fact keeps the digits written (2.50); an exponent is refused as in a string.
    expect(status['fact-decimal']).toBe('eligible');
    for (const [id, text] of Object.entries(literals)) {
      expect(status[id], id).toBe('invalid');
      const error = errorOf(report, id, 'amount');
      expect(error.expected).toContain(INTEGER_YEN);
      expect(error.received).toBe(text);
      expect(report.lines.find((line) => line.id === id)?.claimed).toBeNull();
    }
    expect(errorOf(report, 'fiscal-year-fraction', 'fiscalYear').received).toBe('2025.0');
    expect(errorOf(report, 'fact-exponent', 'facts.experienceYears').received).toBe('1e1');
  });

  it('json-number-literals.jsonl: the same through the JSON Lines reader (cli and stream)', async () => {
    const expected = {
      ok: 'eligible',
      'rounded-huge': 'invalid',
      exponent: 'invalid',
      'one-point-zero': 'invalid',
      'dup-amount': 'invalid',
    };
    const report = cliReport('json-number-literals.jsonl');
    expect(statuses(report)).toEqual(expected);
    expect(errorOf(report, 'rounded-huge', 'amount').received).toBe('99999999999999.999');
    expect(errorOf(report, 'exponent', 'amount').received).toBe('5e5');
    expect(errorOf(report, 'dup-amount', 'amount').received).toContain('"9999"');
    const ledger = readJsonLinesLedger(join(REPO_ROOT, CORPUS, 'json-number-literals.jsonl'));
    const streamed: Record<string, string> = {};
    for await (const event of evaluateStream(ledger))
      if (event.type === 'line') streamed[event.line.id] = event.line.status;
    expect(streamed).toEqual(expected);
  });

  it('a caller passing numbers it parsed itself: a number that is not a safe integer is refused', async () => {
    const report = await evaluate({
      entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
      lines: [1e20, 1000.5, 2 ** 53 + 2, 5e5].map((amount, index) => ({
        id: `L${index}`,
        entity: '392081',
        fiscalYear: 2025,
        program: 'dx-leader',
        costType: 'license',
        amount,
      })),
    });
    // 5e5 parsed by the caller is the integer 500000: nothing in it says how it was written.
    expect(report.lines.map((line) => line.status)).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'eligible',
    ]);
  });
});

describe('a key written twice is never settled by taking the last', () => {
  it.each(['library', 'cli'])('duplicate-keys.json (%s)', async (via) => {
    const report =
      via === 'cli' ? cliReport('duplicate-keys.json') : await libraryReport('duplicate-keys.json');
    expect(statuses(report)).toEqual({
      ok: 'eligible',
      'dup-amount': 'invalid',
      'dup-fact': 'invalid',
      'dup-entity-key': 'invalid',
    });
    const amount = errorOf(report, 'dup-amount', 'amount');
    expect(amount.received).toContain('"1"');
    expect(amount.received).toContain('"9999"');
    // The report claims neither amount.
    expect(report.lines.find((line) => line.id === 'dup-amount')?.claimed).toBeNull();
    expect(errorOf(report, 'dup-fact', 'facts.experienceYears').received).toMatch(/1 と 10/u);
    // An entity with a key twice is invalid, and so is each line booked to it.
    expect(errorOf(report, null, 'entities[1].kind').received).toMatch(/"town" と "city"/u);
    expect(errorOf(report, 'dup-entity-key', 'entity')).toMatchObject({
      code: 'ENTITY_INVALID',
      expected: '誤りのない団体の団体コード',
    });
  });

  it('duplicate-keys-top.json: a top-level key twice refuses the file (exit 2), naming line and column', () => {
    const run = runs.get('duplicate-keys-top.json');
    expect(run?.code).toBe(2);
    expect(run?.stdout).toBe('');
    const error = JSON.parse(withoutRuleSource(run?.stderr ?? '').trim()) as {
      error: { code: string; message: string };
    };
    expect(error.error.code).toBe('LEDGER_DUPLICATE_KEY');
    expect(error.error.message).toContain('6 行 3 列');
    expect(error.error.message).toContain('"lines"');
    expect(() => readLedgerFile(join(REPO_ROOT, CORPUS, 'duplicate-keys-top.json'))).toThrow(
      /LEDGER_DUPLICATE_KEY|2度書かれています/u,
    );
  });

  it('a JSON Lines header with a key twice refuses the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kofuzei-json-'));
    const path = join(dir, 'header.jsonl');
    writeFileSync(path, '{"entities": [], "entities": []}\n');
    expect(() => readJsonLinesLedger(path)).toThrow(/"entities" が2度書かれています/u);
  });
});

describe('an entity listed twice', () => {
  it.each(['library', 'cli'])(
    'duplicate-entities-identical.json: merged with a warning (%s)',
    async (via) => {
      const report =
        via === 'cli'
          ? cliReport('duplicate-entities-identical.json')
          : await libraryReport('duplicate-entities-identical.json');
      expect(statuses(report)).toEqual({ city: 'eligible', town: 'eligible' });
      expect(report.errors).toEqual([]);
      expect(report.warnings).toMatchObject([{ code: 'DUPLICATE_ENTITY_MERGED', line: null }]);
      expect(report.warnings[0]?.message).toContain('392081');
    },
  );

  it.each(['library', 'cli'])(
    'duplicate-entities-conflicting.json: its lines invalid, each disagreement named (%s)',
    async (via) => {
      const report =
        via === 'cli'
          ? cliReport('duplicate-entities-conflicting.json')
          : await libraryReport('duplicate-entities-conflicting.json');
      expect(statuses(report)).toEqual({ city: 'invalid', town: 'eligible' });
      const name = errorOf(report, null, 'entities[2].name');
      expect(name.expected).toContain('"宿毛市"');
      expect(name.received).toBe('"宿毛市役所"');
      const kind = errorOf(report, null, 'entities[2].kind');
      expect(kind.expected).toContain('"city"');
      expect(kind.received).toBe('"town"');
    },
  );
});

describe('entity columns of a CSV row that contradict the row defining the entity', () => {
  it('entity-row-conflict.csv (Shift_JIS): that row invalid with row, column and both values; the rest evaluated', () => {
    const report = cliReport('entity-row-conflict.csv');
    expect(statuses(report)).toEqual({
      L1: 'eligible',
      L2: 'invalid',
      L3: 'eligible',
      L4: 'invalid',
    });
    const name = errorOf(report, 'L2', 'entities.name');
    expect(name.expected).toContain('行 2');
    expect(name.expected).toContain('"宿毛市"');
    expect(name.received).toBe('"宿毛?"（行 3、列「団体名」）');
    const kind = errorOf(report, 'L4', 'entities.kind');
    expect(kind.expected).toContain('"市"');
    expect(kind.received).toBe('"町"（行 5、列「団体区分」）');
    // stderr locates each error in the sheet.
    const located = withoutRuleSource(runs.get('entity-row-conflict.csv')?.stderr ?? '')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { row?: number; column?: string });
    expect(located.map(({ row, column }) => [row, column])).toEqual([
      [3, '団体名'],
      [5, '団体区分'],
    ]);
  });
});

describe('ids that only look alike', () => {
  it.each(['library', 'cli'])('lookalike-ids.json (%s)', async (via) => {
    const report =
      via === 'cli' ? cliReport('lookalike-ids.json') : await libraryReport('lookalike-ids.json');
    expect(statuses(report)).toEqual({
      C1: 'eligible',
      'C1\u200B': 'invalid',
      C2: 'invalid',
      Ｃ２: 'invalid',
      'bidi\u202E': 'invalid',
      'person-zwj': 'invalid',
      'claim-bom': 'invalid',
      'person-full-width': 'eligible',
      'person-half-width': 'eligible',
    });
    expect(errorOf(report, 'C1\u200B', 'id').received).toContain('U+200B（ゼロ幅スペース）');
    expect(errorOf(report, 'bidi\u202E', 'id').received).toContain('U+202E');
    expect(errorOf(report, 'person-zwj', 'person').received).toContain('U+200D（ゼロ幅接合子）');
    expect(errorOf(report, 'claim-bom', 'claim').received).toContain('U+FEFF');
    // Full- and half-width forms of one id are one id: both lines are duplicates.
    expect(errorOf(report, 'Ｃ２', 'id').received).toContain('"C2"');
    expect(errorOf(report, 'C2', 'id')).toMatchObject({
      code: 'DUPLICATE_ID',
      expected: 'ほかの明細と重ならない明細ID',
    });
    // A person written both ways is one person, said so.
    expect(report.warnings).toMatchObject([
      { code: 'PERSON_ID_NORMALIZED', line: 'person-full-width' },
    ]);
  });
});

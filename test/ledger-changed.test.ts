import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collectStream, evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { readCsvLinesLedger } from '../src/node/read-csv-lines.js';
import { readJsonLinesLedger } from '../src/node/read-json-lines.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import { ownStderr } from './helpers/cli.js';
import { REPO_ROOT, SAMPLE_LEDGER } from './helpers/paths.js';
import { runNodeCli } from './helpers/run-node-cli.js';

/**
 * A streamed ledger (.jsonl, .csv) is read once per evaluation pass; a file replaced, appended to
 * or edited between passes must stop the run (LEDGER_CHANGED_DURING_RUN, exit 2) and leave no
 * report, never report the new file's lines for the old run.
 */

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-changed-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

const sample = JSON.parse(readFileSync(SAMPLE_LEDGER, 'utf8')) as {
  entities: unknown[];
  lines: Record<string, unknown>[];
};
const extraLine = { ...sample.lines[0], id: 'ADDED-MEANWHILE' };

function jsonl(lines: readonly unknown[]): string {
  return [{ entities: sample.entities }, ...lines].map((item) => JSON.stringify(item)).join('\n');
}

const CSV_HEADER = 'id,entity,entityName,entityKind,fiscalYear,program,costType,amount';
const csvRow = (id: string): string => `${id},392081,宿毛市,city,2025,cio-aide,recruitment,100000`;
const CSV = `${CSV_HEADER}\n${['R1', 'R2', 'R3'].map(csvRow).join('\n')}\n`;

let files = 0;
function fileWith(extension: string, text: string): string {
  files += 1;
  const path = join(TMP, `ledger-${files}${extension}`);
  writeFileSync(path, text);
  return path;
}

async function drain(lines: unknown): Promise<number> {
  const read: unknown[] = [];
  for await (const line of (lines as () => AsyncIterable<unknown>)()) read.push(line);
  return read.length;
}

describe('a streamed ledger file changed between passes', () => {
  const open = {
    jsonl: (path: string) => readJsonLinesLedger(path),
    csv: (path: string) => readCsvLinesLedger(path, bundledRuleSet().glossary),
  };
  const texts = { jsonl: `${jsonl(sample.lines)}\n`, csv: CSV };

  it.for([
    ['jsonl', 'appended to'],
    ['csv', 'appended to'],
    ['jsonl', 'replaced by another file'],
    ['csv', 'replaced by another file'],
  ] as const)('%s %s: the next pass throws LEDGER_CHANGED_DURING_RUN', async ([kind, how]) => {
    const path = fileWith(`.${kind}`, texts[kind]);
    const ledger = await open[kind](path);
    expect(await drain(ledger.lines)).toBeGreaterThan(0);
    if (how === 'appended to')
      appendFileSync(path, kind === 'csv' ? `${csvRow('R4')}\n` : `${JSON.stringify(extraLine)}\n`);
    else {
      const other = join(TMP, `other-${files}.${kind}`);
      writeFileSync(other, texts[kind]);
      renameSync(other, path);
    }
    await expect(drain(ledger.lines)).rejects.toMatchObject({
      code: 'LEDGER_CHANGED_DURING_RUN',
      message: expect.stringContaining(path) as unknown,
    });
  });

  it.for(['jsonl', 'csv'] as const)(
    '%s edited in place, same size, mtime put back: the SHA-256 of the pass differs',
    async (kind) => {
      const path = fileWith(`.${kind}`, texts[kind]);
      const stamp = join(TMP, `stamp-${files}`);
      writeFileSync(stamp, '');
      execFileSync('touch', ['-r', path, stamp]);
      const ledger = await open[kind](path);
      await drain(ledger.lines);
      // One digit of an amount changed: 100000 → 900000 (or in the sample's first amount).
      const text = readFileSync(path, 'utf8');
      const at = text.indexOf('00000');
      writeFileSync(path, `${text.slice(0, at - 1)}9${text.slice(at)}`);
      execFileSync('touch', ['-m', '-r', stamp, path]);
      await expect(drain(ledger.lines)).rejects.toMatchObject({
        code: 'LEDGER_CHANGED_DURING_RUN',
        message: expect.stringContaining('SHA-256') as unknown,
      });
    },
  );

  it('an unchanged file reads the same on every pass, and evaluates as before', async () => {
    const path = fileWith('.jsonl', texts.jsonl);
    const ledger = readJsonLinesLedger(path);
    const report = await collectStream(evaluateStream(ledger));
    expect(report.lines.map((line) => line.id)).toEqual(sample.lines.map((line) => line.id));
    expect(await drain(ledger.lines)).toBe(sample.lines.length);
  });
});

describe.concurrent(
  'kofuzei evaluate on a ledger changed while it runs',
  { timeout: 90_000 },
  () => {
    const hook = pathToFileURL(join(REPO_ROOT, 'test/helpers/change-ledger-on-open.ts')).href;

    it.for([
      // The second open is the second pass: the first one has already read the file.
      ['jsonl', 'append', 2, `\n${JSON.stringify(extraLine)}\n`],
      ['jsonl', 'replace', 2, jsonl(sample.lines.slice(1))],
      ['jsonl', 'append', 3, `\n${JSON.stringify(extraLine)}\n`],
      ['csv', 'append', 2, `${csvRow('R4')}\n`],
      ['csv', 'replace', 3, `${CSV_HEADER}\n${csvRow('R1')}\n`],
    ] as const)(
      '%s, %s before open %i: exit 2, LEDGER_CHANGED_DURING_RUN, no report file',
      async ([kind, how, at, text], { expect }) => {
        const folder = mkdtempSync(join(TMP, 'run-'));
        const path = join(folder, `ledger.${kind}`);
        writeFileSync(path, kind === 'csv' ? CSV : `${jsonl(sample.lines)}\n`);
        const output = join(folder, 'report.json');
        const result = await runNodeCli(
          ['evaluate', path, '--format', 'json', '-o', output, '--quiet'],
          {
            nodeArgs: ['--import', hook],
            env: {
              KOFUZEI_TEST_CHANGE_LEDGER: path,
              KOFUZEI_TEST_CHANGE_AT: String(at),
              KOFUZEI_TEST_CHANGE_HOW: how,
              KOFUZEI_TEST_CHANGE_TEXT: text,
            },
          },
        );
        const stderr = ownStderr(result.stderr);
        expect(result.code, stderr).toBe(2);
        expect(stderr).toContain('LEDGER_CHANGED_DURING_RUN');
        expect(stderr).toContain(path);
        expect(stderr).not.toContain('    at ');
        // Neither the report nor a temporary file of it.
        expect(readdirSync(folder)).toEqual([`ledger.${kind}`]);
      },
    );

    it('an unchanged ledger with the hook loaded still evaluates (the hook alone changes nothing)', async ({
      expect,
    }) => {
      const folder = mkdtempSync(join(TMP, 'run-'));
      const path = join(folder, 'ledger.jsonl');
      writeFileSync(path, `${jsonl(sample.lines)}\n`);
      copyFileSync(path, join(folder, 'copy.jsonl'));
      const result = await runNodeCli(['evaluate', path, '--format', 'json', '--quiet'], {
        nodeArgs: ['--import', hook],
        env: { KOFUZEI_TEST_CHANGE_LEDGER: join(folder, 'copy.jsonl') },
      });
      expect(result.code, ownStderr(result.stderr)).toBe(0);
      const report = JSON.parse(result.stdout) as { lines: { id: string }[] };
      expect(report.lines.map((line) => line.id)).toEqual(sample.lines.map((line) => line.id));
    });
  },
);

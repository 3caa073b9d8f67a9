import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRuleDir } from '../../src/node/read-rule-dir.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import type { RuleSet, RuleSetInput } from '../../src/schema/rule-set.js';
import type { Measure } from '../../src/schema/measure.js';

/** Test helpers for the diff tooling: rule-set copies to change, a ledger, the CLI. */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RULES_DIR = join(ROOT, 'rules');

export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`test setup: no ${what}`);
  return value;
}

/** A fresh, mutable copy of the bundled rule files. */
export function bundledInput(): RuleSetInput {
  return structuredClone(readRuleDir(RULES_DIR));
}

/** The input with one measure changed in place (the measure JSON is typed as the schema says). */
export function changeMeasure(
  input: RuleSetInput,
  id: string,
  change: (measure: Measure) => void,
): RuleSetInput {
  const entry = must(
    input.measures.find((candidate) => candidate.file === `${id}.json`),
    `measure ${id}`,
  );
  change(entry.json as Measure);
  return input;
}

export function version(measure: Measure, id: string): Measure['versions'][number] {
  return must(
    measure.versions.find((candidate) => candidate.id === id),
    `version ${id}`,
  );
}

export function component(
  measure: Measure,
  versionId: string,
  componentId: string | null,
): Measure['versions'][number]['components'][number] {
  return must(
    version(measure, versionId).components.find(
      (candidate) => (candidate.id ?? null) === componentId,
    ),
    `component ${componentId ?? '(unnamed)'}`,
  );
}

/** cio-aide-tokko's FY2024–FY2025 募集経費 cap raised from ¥1,000,000 to `limit`. */
export function raiseRecruitmentCap(input: RuleSetInput, limit = '2000000'): RuleSetInput {
  return changeMeasure(input, 'cio-aide-tokko', (measure) => {
    const cap = must(component(measure, 'fy2024-2025', 'recruitment').caps?.[0], 'cap');
    cap.limit = limit;
  });
}

export function load(input: RuleSetInput): RuleSet {
  return loadRuleSet(input);
}

/** A rules folder in a new temporary directory, written from an input. */
export function writeRuleDir(
  input: RuleSetInput,
  dir = mkdtempSync(join(tmpdir(), 'kofuzei-rules-')),
): string {
  cpSync(RULES_DIR, dir, { recursive: true });
  for (const { file, json } of input.measures)
    writeFileSync(join(dir, file), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, 'glossary.json'), `${JSON.stringify(input.glossary, null, 2)}\n`);
  writeFileSync(join(dir, 'assumptions.json'), `${JSON.stringify(input.assumptions, null, 2)}\n`);
  return dir;
}

/**
 * 宿毛市's 募集経費 over the ¥1,000,000 cap in FY2025 (700k, 600k, 900k), one FY2023 line over its
 * own cap (the FY2023 version is not changed) and one 任用等経費 line that no cap touches.
 */
export const RECRUITMENT_LEDGER = {
  entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
  lines: [
    {
      id: 'R1',
      entity: '392081',
      fiscalYear: 2025,
      program: 'cio-aide',
      costType: 'recruitment',
      amount: '700000',
    },
    {
      id: 'R2',
      entity: '392081',
      fiscalYear: 2025,
      program: 'cio-aide',
      costType: 'recruitment',
      amount: '600000',
    },
    {
      id: 'R3',
      entity: '392081',
      fiscalYear: 2025,
      program: 'cio-aide',
      costType: 'recruitment',
      amount: '900000',
    },
    {
      id: 'R4',
      entity: '392081',
      fiscalYear: 2023,
      program: 'cio-aide',
      costType: 'recruitment',
      amount: '1500000',
    },
    {
      id: 'A1',
      entity: '392081',
      fiscalYear: 2025,
      program: 'cio-aide',
      costType: 'compensation',
      amount: '3000000',
      person: 'P1',
      facts: { advisoryDuties: true },
    },
  ],
};

export function tempDir(prefix = 'kofuzei-diff-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs `kofuzei ARGS` from the sources (cwd: the repository root). */
export function kofuzei(...args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const result = spawnSync(process.execPath, [TSX, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** git with a fixed identity, so commits work on any machine. */
export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync(
    'git',
    [
      '-c',
      'user.email=test@example.com',
      '-c',
      'user.name=kofuzei test',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

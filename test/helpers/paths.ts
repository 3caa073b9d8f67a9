import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test helpers: where the repository, its samples and the shared acceptance cases are. */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The public acceptance cases, beside the repository (absent in some checkouts). */
export const ACCEPTANCE_DIR = resolve(REPO_ROOT, '../shared/acceptance');
export const HAS_ACCEPTANCE = existsSync(ACCEPTANCE_DIR);

export const SAMPLE_LEDGER = join(REPO_ROOT, 'samples/ledger.json');
export const RULES_DIR = join(REPO_ROOT, 'rules');
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** The .json files under a folder, recursively, sorted by path. */
export function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFilesUnder(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

export interface NamedLedger {
  /** Path relative to the repository root, with forward slashes. */
  readonly name: string;
  readonly ledger: unknown;
  readonly policy: Record<string, unknown> | undefined;
}

function fixtureLedger(path: string): NamedLedger {
  const json = readJson(path) as { ledger: unknown; policy?: Record<string, unknown> };
  return {
    name: relative(REPO_ROOT, path).split('\\').join('/'),
    ledger: json.ledger,
    policy: json.policy,
  };
}

/** The ledgers of the shared acceptance cases (none when the folder is absent). */
export function acceptanceLedgers(): NamedLedger[] {
  return jsonFilesUnder(ACCEPTANCE_DIR).map(fixtureLedger);
}

/** The ledgers of the repository's golden fixtures. */
export function fixtureLedgers(): NamedLedger[] {
  return jsonFilesUnder(FIXTURES_DIR).map(fixtureLedger);
}

/** samples/ledger.json. */
export function sampleLedger(): NamedLedger {
  return { name: 'samples/ledger.json', ledger: readJson(SAMPLE_LEDGER), policy: undefined };
}

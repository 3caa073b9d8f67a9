import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledRuleSet as packageRuleSet } from '../src/cli/package-rule-set.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import { REPO_ROOT } from './helpers/paths.js';

/*
 * Issue 17, target 4 (cold start): node resolves, reads and links every module file on its own,
 * and zod, date-fns (by function), decimal.js, csv-parse/csv-stringify, commander and
 * json-rules-engine (with its dependencies) are hundreds of files; the built CLI (dist/cli.js,
 * tsup.config.ts) carries them in its own chunks instead. Here the built CLI evaluates the sample
 * with a hook that records every module node loads: none may come from node_modules (exceljs,
 * iconv-lite and cli-progress stay outside, loaded only when needed: test/cli-lazy-modules).
 */

const dir = mkdtempSync(join(tmpdir(), 'kofuzei-bundled-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Registers a load hook that appends `format url` of each ES module to $KOFUZEI_ES_MODULES, and
 * at exit `commonjs-cache path` for each CommonJS file in require's cache.
 */
const REGISTER = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const hooks = ${JSON.stringify(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  const result = await next(url, context);
  appendFileSync(process.env.KOFUZEI_ES_MODULES, result.format + ' ' + url + '\\n');
  return result;
}
`)};
register('data:text/javascript,' + encodeURIComponent(hooks));
process.on('exit', () => {
  for (const path of Object.keys(createRequire(import.meta.url).cache))
    appendFileSync(process.env.KOFUZEI_ES_MODULES, 'commonjs-cache ' + path + '\\n');
});
`;

function run(args: readonly string[], log: string): Promise<{ code: number; stderr: string }> {
  const hook = join(dir, 'register.mjs');
  writeFileSync(hook, REGISTER);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', pathToFileURL(hook).href, join(REPO_ROOT, 'dist', 'cli.js'), ...args],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, KOFUZEI_ES_MODULES: log },
      },
      (error, _stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stderr });
      },
    );
  });
}

/** The packages of node_modules of which node loaded a file (ES module or CommonJS). */
function loadedPackages(log: string): string[] {
  const names = new Set<string>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/u.exec(line);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

describe('the built CLI carries the dependencies every evaluation needs in its own chunks', () => {
  it('evaluate of the sample loads nothing from node_modules', async () => {
    const log = join(dir, 'evaluate.log');
    writeFileSync(log, '');
    const result = await run(
      ['evaluate', 'samples/ledger.json', '--format', 'json', '-o', join(dir, 'r.json'), '--quiet'],
      log,
    );
    expect(result.code, result.stderr).toBe(0);
    // The hook saw the CLI itself: the log is not empty for want of a working hook.
    expect(readFileSync(log, 'utf8')).toContain('/dist/cli.js');
    expect(loadedPackages(log)).toEqual([]);
  }, 60_000);

  it('evaluate of the sample compiles none of the rule files built into the library', async () => {
    // The CLI reads rules/ from disk (src/cli/package-rule-set.ts stands for the built-in set).
    const log = join(dir, 'rules.log');
    writeFileSync(log, '');
    const result = await run(
      ['evaluate', 'samples/ledger.json', '--format', 'json', '-o', join(dir, 'r.json'), '--quiet'],
      log,
    );
    expect(result.code, result.stderr).toBe(0);
    const loaded = readFileSync(log, 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((url) => url.startsWith('file:') && url.includes('/dist/'));
    expect(loaded.length).toBeGreaterThan(1);
    // Each measure file and the glossary name their JSON schema: a built-in rule file would show.
    const withRules = loaded.filter((url) =>
      readFileSync(new URL(url), 'utf8').includes('glossary.schema.json'),
    );
    expect(withRules).toEqual([]);
  }, 60_000);

  it('evaluate writing CSV loads iconv-lite (and its safer-buffer) only: CommonJS shows too', async () => {
    const log = join(dir, 'csv.log');
    writeFileSync(log, '');
    const result = await run(
      ['evaluate', 'samples/ledger.json', '--format', 'csv', '-o', join(dir, 'r.csv'), '--quiet'],
      log,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(loadedPackages(log)).toEqual(['iconv-lite', 'safer-buffer']);
  }, 60_000);
});

describe("the CLI's stand-in for the built-in rule set", () => {
  it('is the rule set of the package rules/, the same as the library bundles', () => {
    const fromDisk = packageRuleSet();
    expect(fromDisk.version).toBe(bundledRuleSet().version);
    expect(fromDisk).toEqual(bundledRuleSet());
    expect(packageRuleSet()).toBe(fromDisk);
  });
});

import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package (the test script builds before vitest): both module formats load and agree.
const require = createRequire(import.meta.url);
const fixture = JSON.parse(
  readFileSync(new URL('../samples/ledger.json', import.meta.url), 'utf8'),
) as unknown;

describe('the built package', () => {
  it('evaluates the same through its CommonJS and ES module builds', async () => {
    const cjs = require('../dist/index.cjs') as unknown as typeof import('../src/index.js');
    const esm = (await import('../dist/index.js')) as unknown as typeof import('../src/index.js');
    const [fromCjs, fromEsm] = await Promise.all([cjs.evaluate(fixture), esm.evaluate(fixture)]);
    expect(JSON.stringify(fromCjs)).toBe(JSON.stringify(fromEsm));
    expect(fromEsm.lines.length).toBeGreaterThan(0);
  });

  it('bundles the rules/ on disk: a stale dist/ (rules edited, not rebuilt) fails here', async () => {
    const esm = (await import('../dist/index.js')) as unknown as typeof import('../src/index.js');
    const node =
      (await import('../dist/node.js')) as unknown as typeof import('../src/node/index.js');
    const onDisk = node.loadRuleDir(fileURLToPath(new URL('../rules', import.meta.url)));
    expect(esm.bundledRuleSet().version).toBe(onDisk.version);
  });

  it('lists types first in every export condition', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as {
      exports: Record<string, Record<string, Record<string, string>> | string>;
    };
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      if (typeof conditions === 'string') continue;
      for (const target of Object.values(conditions)) {
        expect(Object.keys(target)[0], subpath).toBe('types');
      }
    }
  });

  it('keeps the core free of file, clock and environment access', () => {
    const read = (file: string): string =>
      readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
    // The ESM core and the chunks it imports, and the CommonJS core (one file).
    const esm = read('index.js');
    const chunks = [...esm.matchAll(/from "\.\/(chunk-[\w-]+\.js)"/g)].map((match) =>
      read(match[1] ?? ''),
    );
    for (const text of [esm, ...chunks, read('index.cjs')]) {
      expect(text).not.toMatch(/node:fs|require\("fs"\)|process\.env|Date\.now|new Date\(/);
    }
  });

  it('ships no source maps (they would point at src/, which the package does not ship)', () => {
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const maps = readdirSync(dist, { recursive: true }).filter((name) =>
      String(name).endsWith('.map'),
    );
    expect(maps).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as {
      files: string[];
    };
    expect(manifest.files).toContain('LICENSE');
    expect(readFileSync(new URL('../LICENSE', import.meta.url), 'utf8')).toMatch(/MIT License/);
  });

  it('resolves kofuzei and kofuzei/node types under node10 module resolution', () => {
    // A consumer on the old "moduleResolution": "node" reads no "exports"; typesVersions serves it.
    const root = fileURLToPath(new URL('..', import.meta.url));
    const consumer = mkdtempSync(join(tmpdir(), 'kofuzei-node10-'));
    try {
      mkdirSync(join(consumer, 'node_modules'));
      symlinkSync(root, join(consumer, 'node_modules', 'kofuzei'), 'dir');
      writeFileSync(
        join(consumer, 'consumer.ts'),
        [
          "import { evaluate, parseYen } from 'kofuzei';",
          "import { readLedgerFile } from 'kofuzei/node';",
          "export const run = async (): Promise<number> => (await evaluate(readLedgerFile('x.json'))).lines.length + Number(parseYen('1').ok);",
          '',
        ].join('\n'),
      );
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = [
        '--noEmit',
        '--strict',
        '--module',
        'commonjs',
        '--moduleResolution',
        'node10',
        '--ignoreDeprecations',
        '5.0',
      ];
      args.push(
        '--typeRoots',
        join(root, 'node_modules', '@types'),
        '--types',
        'node',
        '--skipLibCheck',
      );
      execFileSync(process.execPath, [tsc, ...args, join(consumer, 'consumer.ts')], {
        encoding: 'utf8',
      });
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  }, 120_000);
});

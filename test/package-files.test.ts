import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `npm publish` would ship, from `npm pack --dry-run --json` on the built package (the test
// script builds and writes the API docs to dist/api/ before vitest).

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface PackFile {
  readonly path: string;
}

function filesOnDisk(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length).split('\\').join('/'));
}

/** Every file path a manifest's exports and bin point at. */
function manifestTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/^\.\//, '')];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(manifestTargets);
}

function packedFiles(): string[] {
  // --ignore-scripts: no `prepare` rebuild (dist/ is already built, and rebuilding would race).
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [pack] = JSON.parse(output) as { files: PackFile[] }[];
  return (pack?.files ?? []).map((file) => file.path).sort();
}

describe('the npm package', () => {
  it('ships dist/ (without the API docs), rules/, samples/, LICENSE, README and nothing else', () => {
    // The API docs are for the web, not for node_modules: make sure there are some to leave out.
    const api = join(ROOT, 'dist', 'api');
    const madeApi = !existsSync(api);
    const probe = join(api, 'probe.html');
    const madeProbe = !existsSync(join(api, 'index.html'));
    if (madeProbe) {
      mkdirSync(api, { recursive: true });
      writeFileSync(probe, '<p>probe</p>\n');
    }
    try {
      const packed = packedFiles();
      const expected = [
        'LICENSE',
        'README.md',
        'package.json',
        ...filesOnDisk('dist').filter((file) => !file.startsWith('dist/api/')),
        ...filesOnDisk('rules'),
        ...filesOnDisk('samples'),
      ].sort();
      expect(packed).toEqual(expected);
      expect(packed.filter((file) => file.startsWith('dist/api/'))).toEqual([]);
      expect(packed.filter((file) => file.endsWith('.map'))).toEqual([]);
      expect(packed).toContain('rules/glossary.json');
      expect(packed.some((file) => file.startsWith('rules/sources/'))).toBe(true);
    } finally {
      if (madeApi) rmSync(api, { recursive: true, force: true });
      else if (madeProbe) rmSync(probe);
    }
  });

  it('ships every file the manifest exports or runs', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: unknown;
      bin: unknown;
      main: string;
      module: string;
      types: string;
    };
    const targets = [
      ...manifestTargets(manifest.exports),
      ...manifestTargets(manifest.bin),
      ...manifestTargets([manifest.main, manifest.module, manifest.types]),
    ];
    expect(targets).toContain('dist/node.d.ts');
    const packed = packedFiles();
    for (const target of targets) expect(packed, target).toContain(target);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The rules/ folder shipped in the package: found by walking up from this file to the package
 * root (dist/cli.js when installed, src/cli/ when run from source).
 */
export function bundledRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules', 'glossary.json')))
      return join(dir, 'rules');
    const parent = dirname(dir);
    if (parent === dir) return fileURLToPath(new URL('../rules', import.meta.url));
    dir = parent;
  }
}

/** The version in the package's package.json (beside rules/), for `kofuzei --version`. */
export function packageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(dirname(bundledRulesDir()), 'package.json'), 'utf8'),
  ) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KofuzeiError } from '../errors/kofuzei-error.js';

/** The .json files under the given files or folders (recursively), sorted, each once. */
export function collectJsonFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  const visit = (path: string): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new KofuzeiError('PATH_NOT_FOUND', `${path}: no such file or folder`);
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const child = join(path, name);
        if (name.endsWith('.json') || statSync(child).isDirectory()) visit(child);
      }
    } else files.add(path);
  };
  for (const path of paths) visit(path);
  return [...files].sort();
}

import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KofuzeiError } from '../core/kofuzei-error.js';

/**
 * The .json files (any case: .JSON) under the given files or folders (recursively), sorted, each once. A path given
 * on the command line may be a link (the user chose it); inside a folder, a link or a .json that
 * is not a regular file (a FIFO, a device) is refused naming it, so a folder cannot lead the run
 * to /dev/zero or to files outside it.
 */
export function collectJsonFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  const notRegular = (path: string, why: string): KofuzeiError =>
    new KofuzeiError('PATH_NOT_REGULAR', `${path}: ${why}。通常のファイルとフォルダだけを読みます`);
  const visit = (path: string, given: boolean): void => {
    let stats;
    try {
      stats = given ? statSync(path) : lstatSync(path);
    } catch {
      throw new KofuzeiError('PATH_NOT_FOUND', `${path}: ファイルもフォルダもありません`);
    }
    if (stats.isSymbolicLink()) throw notRegular(path, 'シンボリックリンクです');
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const child = join(path, name);
        const kind = lstatSync(child);
        // A link is refused whatever its name: a linked folder would otherwise vanish silently.
        if (name.toLowerCase().endsWith('.json') || kind.isDirectory() || kind.isSymbolicLink())
          visit(child, false);
      }
    } else if (stats.isFile()) files.add(path);
    else throw notRegular(path, '通常のファイルではありません（FIFO・デバイスなど）');
  };
  for (const path of paths) visit(path, true);
  return [...files].sort();
}

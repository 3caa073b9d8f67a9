import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { KofuzeiError } from '../core/kofuzei-error.js';

/** An input the command reads, and what to call it in a message (台帳, ポリシーファイル, …). */
export interface NamedInput {
  readonly path: string | undefined;
  readonly what: string;
}

/** The real path and the inode of a path; null when it does not exist (then nothing is read from it). */
function locate(path: string): { real: string; stats: Stats } | null {
  try {
    return { real: realpathSync(path), stats: statSync(path) };
  } catch {
    return null;
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether any file under a folder is the same file (a hard link) as the given one. */
function folderHolds(folder: string, file: Stats): boolean {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return false; // Unreadable: nothing in it is read either.
  }
  return entries.some((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return folderHolds(path, file);
    if (!entry.isFile()) return false;
    try {
      return sameFile(statSync(path), file);
    } catch {
      return false; // Gone meanwhile: not the output.
    }
  });
}

/**
 * Refuses (OUTPUT_IS_INPUT) an output path that is one of the command's inputs — the same path, a
 * symbolic link to it or a hard link (same device and inode) — or a file in an input folder:
 * writing the report would destroy the ledger it reports on, and a streamed ledger read again
 * after that would give an empty report.
 */
export function refuseOutputOverInput(output: string, inputs: readonly NamedInput[]): void {
  const existing = locate(output);
  // An output still to be created: where it would be, through any linked folder on the way.
  let real = existing?.real ?? null;
  if (real === null) {
    try {
      real = join(realpathSync(dirname(output)), basename(output));
    } catch {
      return; // Its folder does not exist: writing fails with its own message.
    }
  }
  for (const input of inputs) {
    if (input.path === undefined) continue;
    const found = locate(input.path);
    if (found === null) continue;
    const clash = found.stats.isDirectory()
      ? real === found.real ||
        real.startsWith(found.real.endsWith(sep) ? found.real : `${found.real}${sep}`) ||
        (existing !== null && existing.stats.isFile() && folderHolds(found.real, existing.stats))
      : real === found.real || (existing !== null && sameFile(existing.stats, found.stats));
    if (clash)
      throw new KofuzeiError(
        'OUTPUT_IS_INPUT',
        `-o ${output}: 入力の${input.what}（${input.path}）${found.stats.isDirectory() ? 'の中のファイル' : 'と同じファイル'}です。書き出すと入力が失われるため、別の出力先を指定してください。`,
      );
  }
}

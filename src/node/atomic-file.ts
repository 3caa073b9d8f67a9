import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { writeErrorReason } from './write-error-reason.js';

/** The refusal when an output file cannot be written: the file named, the old one left as it was. */
export function outputUnwritable(path: string, error: unknown): KofuzeiError {
  return new KofuzeiError(
    'OUTPUT_UNWRITABLE',
    `${path}: 書き込めませんでした（${writeErrorReason(error)}）。${path} は変更していません（既にあったファイルは元のまま、書きかけのファイルは残していません）。`,
  );
}

/** A path naming an open descriptor: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/…/fd/N. */
const DESCRIPTOR_PATH = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|\d+)\/fd\/\d+)$/u;

/** The refusal when a device or pipe written directly fails midway: what it took is gone. */
function partlyWritten(path: string, error: unknown): KofuzeiError {
  return new KofuzeiError(
    'OUTPUT_UNWRITABLE',
    `${path}: 書き込めませんでした（${writeErrorReason(error)}）。${path} はファイルではない出力先（デバイスやパイプ）のため直接書いており、途中までの内容が渡っている可能性があります。この出力は使わないでください。`,
  );
}

/** Temporary files not yet renamed or removed: removed if the process exits before (an error path). */
const LIVE = new Set<string>();
let cleanupRegistered = false;

function removeLiveTemps(): void {
  for (const temp of LIVE) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  }
}

/** The file a path names: the target of a symbolic link (written through, not replaced), or itself. */
function targetOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** How the temporary files process `pid` writes for `target` begin: `.NAME.PID.` (8 hex, `.tmp`). */
function tempPrefix(target: string, pid: number): string {
  return `.${basename(target)}.${pid}.`;
}

/**
 * Removes the temporary files process `pid` left for `path` when it was killed (by the heap cap,
 * or a signal) before it could remove them itself: a streamed report can be gigabytes. Only names
 * of the exact form AtomicFile gives are removed.
 */
export function removeTempsOf(path: string, pid: number): void {
  const target = targetOf(path);
  const folder = dirname(target);
  const prefix = tempPrefix(target, pid);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{8}\.tmp$/u.test(name.slice(prefix.length)))
      continue;
    try {
      unlinkSync(join(folder, name));
    } catch {
      // Already gone, or not ours to remove.
    }
  }
}

/**
 * A file written whole or not at all: bytes go to a temporary file in the same folder, which is
 * synced and renamed over the target only when everything was written (rename is atomic within a
 * file system). A full disk, a file-size limit or an error of the evaluation leaves the target as
 * it was and no temporary file behind. Writes are synchronous: the caller batches them (megabyte
 * chunks), and a write error is thrown where it happens, never as a stray 'error' event.
 *
 * A target that exists and is not a regular file — `/dev/null`, `/dev/stdout`, a named pipe — is
 * written directly: a rename would replace the device or pipe with a plain file (run as root,
 * `-o /dev/null` once left `/dev/null` a file that then filled `/dev`), and there is no old
 * content to keep.
 */
export class AtomicFile {
  /** The path the user gave (for messages). */
  readonly path: string;
  private readonly target: string;
  /** The temporary file, or null when the target is written directly (not a regular file). */
  private readonly temp: string | null;
  private fd: number | null;

  constructor(path: string) {
    this.path = path;
    this.target = targetOf(path);
    let mode: number | null = null;
    // /dev/stdout redirected to a file resolves to that file: replacing it would leave the
    // shell's descriptor on the old, unlinked one, and the output would be lost.
    let direct = DESCRIPTOR_PATH.test(resolve(path));
    try {
      const stats = statSync(this.target);
      mode = stats.mode & 0o7777;
      direct ||= !stats.isFile() && !stats.isDirectory();
    } catch {
      // A new file: the default mode under the umask.
    }
    if (direct) {
      this.temp = null;
      try {
        // Appending: a descriptor the shell opened (`>` or `>>`) is written where it stands.
        this.fd = openSync(path, 'a');
      } catch (error) {
        throw outputUnwritable(path, error);
      }
      return;
    }
    this.temp = join(
      dirname(this.target),
      `${tempPrefix(this.target, process.pid)}${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      this.fd = openSync(this.temp, 'wx');
    } catch (error) {
      throw outputUnwritable(path, error);
    }
    LIVE.add(this.temp);
    if (!cleanupRegistered) {
      cleanupRegistered = true;
      process.on('exit', removeLiveTemps);
    }
    if (mode !== null) {
      try {
        // Replacing a file keeps its permissions.
        fchmodSync(this.fd, mode);
      } catch {
        // Not the owner: the new file gets the default mode.
      }
    }
  }

  /** Appends bytes; on failure removes the temporary file and throws OUTPUT_UNWRITABLE. */
  write(chunk: string | Uint8Array): void {
    const fd = this.open();
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    try {
      for (let offset = 0; offset < bytes.length;)
        offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      this.abort();
      throw this.temp === null
        ? partlyWritten(this.path, error)
        : outputUnwritable(this.path, error);
    }
  }

  /** Syncs the temporary file to disk and renames it over the target. */
  commit(): void {
    const fd = this.open();
    if (this.temp === null) {
      // Written directly: a device or pipe has nothing to sync or rename.
      this.fd = null;
      try {
        closeSync(fd);
      } catch (error) {
        throw outputUnwritable(this.path, error);
      }
      return;
    }
    try {
      fsyncSync(fd);
      closeSync(fd);
      this.fd = null;
      renameSync(this.temp, this.target);
      LIVE.delete(this.temp);
    } catch (error) {
      this.abort();
      throw outputUnwritable(this.path, error);
    }
    syncFolder(dirname(this.target));
  }

  /** Closes and removes the temporary file; the target is untouched. Safe to call twice. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Closing failed: the descriptor is gone either way.
      }
      this.fd = null;
    }
    if (this.temp !== null && LIVE.delete(this.temp)) {
      try {
        unlinkSync(this.temp);
      } catch {
        // Already gone.
      }
    }
  }

  private open(): number {
    if (this.fd === null)
      throw new Error(`${this.path}: written after it was committed or aborted`);
    return this.fd;
  }
}

/** Makes a rename durable: best effort (not every file system lets a folder be synced). */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The rename itself is done; only its durability across a power cut is left to the system.
  }
}

/** Writes a file atomically from a body that writes it piece by piece (a streamed report). */
export async function writeAtomically<T>(
  path: string,
  body: (file: AtomicFile) => Promise<T>,
): Promise<T> {
  const file = new AtomicFile(path);
  let result: T;
  try {
    result = await body(file);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
  return result;
}

/** Writes a whole file atomically: the old content stays until the new is complete on disk. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const file = new AtomicFile(path);
  file.write(data);
  file.commit();
}

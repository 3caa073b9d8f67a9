import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ErrorCode } from '../core/codes.js';
import { KofuzeiError } from '../core/kofuzei-error.js';

export interface ReadRegularFileOptions {
  /** The error code a refusal carries (RULES_UNREADABLE, POLICY_UNREADABLE, …). */
  readonly code: ErrorCode;
  /** The most bytes the file may have. */
  readonly maxBytes: number;
  /** Refuse a symbolic link instead of following it (files found inside a rules directory). */
  readonly noFollow?: boolean;
  /** How messages name the file (default: `path`). */
  readonly shownAs?: string;
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MiB`;
}

/**
 * Reads a file that must be a regular file of at most `maxBytes`: a FIFO, a device (/dev/zero), a
 * folder or — with `noFollow` — a symbolic link is refused with an error naming the file, before
 * anything is read. The checks are made on the opened descriptor (O_NOFOLLOW, O_NONBLOCK, fstat),
 * so the file cannot be swapped between the check and the read, and opening a FIFO never blocks.
 */
export function readRegularFile(path: string, options: ReadRegularFileOptions): Buffer {
  const refuse = (why: string): KofuzeiError =>
    new KofuzeiError(options.code, `${options.shownAs ?? path}: ${why}`);
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY |
        constants.O_NONBLOCK |
        (options.noFollow === true ? constants.O_NOFOLLOW : 0),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK')
      throw refuse('シンボリックリンクです。通常のファイルだけを読みます');
    if (code === 'ENOENT') throw refuse('ファイルがありません');
    throw refuse(`読めません（${code ?? '原因不明のエラー'}）`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw refuse('フォルダです。通常のファイルだけを読みます');
    if (!stats.isFile())
      throw refuse(
        '通常のファイルではありません（FIFO・デバイスなど）。通常のファイルだけを読みます',
      );
    if (stats.size > options.maxBytes)
      throw refuse(
        `${mebibytes(stats.size)} あり、上限 ${mebibytes(options.maxBytes)} を超えています`,
      );
    // Read to the end, refusing past the limit: a file that grew after fstat is refused, not cut.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(stats.size - length, 0), 1 << 20) + 1);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      length += read;
      if (length > options.maxBytes)
        throw refuse(`上限 ${mebibytes(options.maxBytes)} を超えています`);
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

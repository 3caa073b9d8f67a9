import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, type BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { ledgerUnreadable } from '../core/ledger-file-refusals.js';

const CHUNK = 1 << 20;

/** What makes a file the same file: device, inode, size and modification time (nanoseconds). */
interface Identity {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
}

function identityOf(stats: BigIntStats): Identity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs };
}

function sameIdentity(a: Identity, b: Identity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** The refusal when a streamed ledger is not the file its first pass read. */
export function ledgerChanged(path: string, what: string): KofuzeiError {
  return new KofuzeiError(
    'LEDGER_CHANGED_DURING_RUN',
    `${path}: 評価の途中で台帳ファイルが変更されました（${what}）。台帳は複数回読み直すため、評価中は書き換え・置き換え・追記をしないでください。レポートは書き出していません。`,
  );
}

/**
 * A file read whole several times (a streamed ledger: one read per evaluation pass) that must stay
 * the file first opened: every read checks device, inode, size and mtime when it opens and when it
 * ends, and the SHA-256 of every complete read must equal the first complete read's. A file
 * replaced, appended to or edited while kofuzei runs is refused (LEDGER_CHANGED_DURING_RUN) instead
 * of judging one pass's lines with another pass's facts.
 */
export class VerifiedFile {
  readonly path: string;
  private readonly identity: Identity;
  private digest: string | null = null;

  constructor(path: string) {
    this.path = path;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw ledgerUnreadable(path, error);
    }
    try {
      this.identity = identityOf(fstatSync(fd, { bigint: true }));
    } finally {
      closeSync(fd);
    }
  }

  private check(stats: BigIntStats): void {
    const now = identityOf(stats);
    if (sameIdentity(now, this.identity)) return;
    const what =
      now.dev !== this.identity.dev || now.ino !== this.identity.ino
        ? '別のファイルに置き換えられました'
        : now.size !== this.identity.size
          ? `大きさが ${this.identity.size} バイトから ${now.size} バイトに変わりました`
          : '更新日時が変わりました';
    throw ledgerChanged(this.path, what);
  }

  /** One read of the whole file, in megabyte chunks; throws at its end when the file changed. */
  async *chunks(): AsyncGenerator<Buffer> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch {
      throw ledgerChanged(this.path, '開けなくなりました');
    }
    try {
      this.check(await handle.stat({ bigint: true }));
      const hash = createHash('sha256');
      let length = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, length);
        if (bytesRead === 0) break;
        const bytes = buffer.subarray(0, bytesRead);
        hash.update(bytes);
        length += bytesRead;
        yield bytes;
      }
      this.check(await handle.stat({ bigint: true }));
      if (BigInt(length) !== this.identity.size)
        throw ledgerChanged(
          this.path,
          `${this.identity.size} バイトのはずが ${length} バイト読めました`,
        );
      const digest = hash.digest('hex');
      if (this.digest === null) this.digest = digest;
      else if (digest !== this.digest)
        throw ledgerChanged(this.path, '内容（SHA-256）が変わりました');
    } finally {
      await handle.close();
    }
  }

  /** The same read as a byte stream (for parsers fed from a Readable). */
  stream(): Readable {
    return Readable.from(this.chunks(), { objectMode: false });
  }
}

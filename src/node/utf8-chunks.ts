import type { JsonPieces, SharedRendering } from '../report/report-line-json.js';

/** About a megabyte a write: a write per report line costs more than the line. */
const CHUNK = 1 << 20;

/** A UTF-8 character takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Report text as UTF-8 bytes in chunks of about a megabyte, for a sink that writes bytes. Text is
 * encoded straight into the chunk; a shared rendering (a measure's citations, kilobytes a line)
 * is copied from the bytes it was encoded to once (SharedRendering.utf8), not encoded again for
 * every line. The bytes are those of the text joined and encoded whole: pieces are whole JSON
 * tokens, never half of a surrogate pair.
 *
 * Pieces are taken synchronously; `release` hands the chunks filled so far to the sink, and gives
 * the sink's promise when it asks to wait (a pipe that is full), so a huge report never piles up.
 */
export class Utf8Chunks implements JsonPieces {
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private readonly filled: Uint8Array[] = [];

  constructor(private readonly sink: (bytes: Uint8Array) => Promise<void> | undefined) {}

  text(text: string): void {
    const most = text.length * MAX_BYTES_PER_UNIT;
    if (this.used + most > CHUNK) this.close();
    if (most > CHUNK) this.filled.push(Buffer.from(text, 'utf8'));
    else this.used += this.chunk.write(text, this.used, 'utf8');
  }

  shared(rendering: SharedRendering): void {
    const bytes = rendering.utf8();
    if (this.used + bytes.length > CHUNK) this.close();
    // The cached bytes are never changed, so a long rendering is handed on as it is.
    if (bytes.length > CHUNK) this.filled.push(bytes);
    else {
      this.chunk.set(bytes, this.used);
      this.used += bytes.length;
    }
  }

  /** Gives the sink the chunks filled so far; the sink's promise when it asks to wait. */
  release(): Promise<void> | undefined {
    if (this.filled.length === 0) return undefined;
    return this.drain(this.filled.splice(0));
  }

  /** Gives the sink everything written; resolves when it has taken it. */
  async end(): Promise<void> {
    this.close();
    await this.release();
  }

  private drain(chunks: readonly Uint8Array[]): Promise<void> | undefined {
    for (let index = 0; index < chunks.length; index += 1) {
      const waiting = this.sink(chunks[index] as Uint8Array);
      if (waiting !== undefined) return waiting.then(() => this.drain(chunks.slice(index + 1)));
    }
    return undefined;
  }

  /** Ends the current chunk: a new one is taken, as the sink may still be writing this one. */
  private close(): void {
    if (this.used === 0) return;
    this.filled.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
  }
}

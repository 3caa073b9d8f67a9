import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from '../../../src/node/utf8-chunks.js';
import { SharedRendering } from '../../../src/report/report-line-json.js';

/**
 * The CLI writes reports through Utf8Chunks: whatever the pieces, the bytes are those of the text
 * joined and encoded whole, in order, handed on in chunks of at most a megabyte (a piece longer
 * than that goes on its own), and a sink that asks to wait is waited for.
 */

const MB = 1 << 20;

type Piece = { kind: 'text'; text: string } | { kind: 'shared'; text: string };

/** Writes the pieces, releasing after each; the chunks the sink was given. */
async function written(
  pieces: readonly Piece[],
  waits: (index: number) => boolean = () => false,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const out = new Utf8Chunks((bytes) => {
    // A copy: the test must see what the sink got then, not what the buffer later holds.
    chunks.push(Uint8Array.from(bytes));
    return waits(chunks.length) ? new Promise((resolve) => setTimeout(resolve, 0)) : undefined;
  });
  // Renderings are shared objects: the same one written twice is the usual case.
  const renderings = new Map<string, SharedRendering>();
  for (const piece of pieces) {
    if (piece.kind === 'text') out.text(piece.text);
    else {
      let rendering = renderings.get(piece.text);
      if (rendering === undefined)
        renderings.set(piece.text, (rendering = new SharedRendering(piece.text)));
      out.shared(rendering);
    }
    await out.release();
  }
  await out.end();
  return chunks;
}

const joined = (chunks: readonly Uint8Array[]): Buffer => Buffer.concat(chunks);
const expected = (pieces: readonly Piece[]): Buffer =>
  Buffer.from(pieces.map((piece) => piece.text).join(''), 'utf8');

describe('Utf8Chunks', () => {
  it('gives the bytes of the joined text for any pieces (ASCII, kana, emoji, empty)', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('', '宿毛市', '"citations":[{"quote":"措置率0.7"}]', '🏯𠮷'),
    );
    const piece = fc.record({
      kind: fc.constantFrom('text', 'shared'),
      text,
    }) as fc.Arbitrary<Piece>;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), async (pieces) => {
        expect(joined(await written(pieces)).equals(expected(pieces))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('fills chunks to at most a megabyte, and hands a longer piece on by itself', async () => {
    // 3 bytes a character: 400,000 kana are 1.2 MB, more than a chunk.
    const long = 'あ'.repeat(400_000);
    const mid = 'x'.repeat(300_000);
    const pieces: Piece[] = [
      { kind: 'text', text: mid },
      { kind: 'shared', text: mid },
      { kind: 'text', text: mid },
      { kind: 'shared', text: long },
      { kind: 'text', text: long },
      { kind: 'text', text: 'end' },
    ];
    const chunks = await written(pieces);
    expect(joined(chunks).equals(expected(pieces))).toBe(true);
    expect(chunks.map((chunk) => chunk.length)).toEqual([
      600_000, 300_000, 1_200_000, 1_200_000, 3,
    ]);
    for (const chunk of chunks.slice(0, 2)) expect(chunk.length).toBeLessThanOrEqual(MB);
  });

  it('waits for a sink that asks to, keeping the order', async () => {
    const pieces: Piece[] = Array.from({ length: 40 }, (_, index) => ({
      kind: index % 2 === 0 ? 'text' : 'shared',
      // Every third piece is longer than a chunk: one release then hands on two chunks.
      text: `${String(index)}:${'漢'.repeat(index % 3 === 0 ? 400_000 : 100_000)}`,
    }));
    const chunks = await written(pieces, () => true);
    expect(joined(chunks).equals(expected(pieces))).toBe(true);
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('never changes a chunk once handed on (a stream may still be writing it)', async () => {
    const given: Uint8Array[] = [];
    const copies: Buffer[] = [];
    const out = new Utf8Chunks((bytes) => {
      given.push(bytes);
      copies.push(Buffer.from(bytes));
      return undefined;
    });
    for (let index = 0; index < 12; index += 1) {
      out.text(String(index).repeat(200_000));
      await out.release();
    }
    await out.end();
    expect(given.length).toBeGreaterThan(2);
    given.forEach((bytes, index) => {
      expect(Buffer.from(bytes).equals(copies[index] as Buffer)).toBe(true);
    });
  });
});

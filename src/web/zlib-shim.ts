// Stands in for node:zlib in the offline page's worker bundle (scripts/build-web.ts resolves
// node:zlib here): checkZipLimits inflates each xlsx part to count its bytes, and the browser has
// no synchronous inflate. pako (already bundled by jszip) inflates in chunks that are counted and
// dropped, stopping past maxOutputLength with Node's own error code, so a zip bomb is refused with
// the CLI's message and never held in memory.
import { Inflate } from 'pako';

const CHUNK = 64 * 1024;

/** Node's inflateRawSync as checkZipLimits uses it: only the inflated length is kept. */
export function inflateRawSync(
  data: Uint8Array,
  options: { readonly maxOutputLength?: number } = {},
): { readonly length: number } {
  const max = options.maxOutputLength ?? Number.POSITIVE_INFINITY;
  const inflater = new Inflate({ raw: true, chunkSize: CHUNK });
  let length = 0;
  inflater.onData = (chunk: Uint8Array) => {
    length += chunk.length;
    if (length > max)
      throw Object.assign(new RangeError('inflated output too large'), {
        code: 'ERR_BUFFER_TOO_LARGE',
      });
  };
  inflater.push(data, true);
  if (inflater.err !== 0) throw new Error(`inflate failed: ${inflater.msg}`);
  if (!inflater.ended) throw new Error('inflate failed: unexpected end of data');
  return { length };
}

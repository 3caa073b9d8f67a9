import { inflateRawSync } from 'node:zlib';
import { INPUT_LIMITS, mebibytes } from '../../core/input-limits.js';
import { KofuzeiError } from '../../core/kofuzei-error.js';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

function unusable(source: string, message: string): never {
  throw new KofuzeiError(
    'LEDGER_UNUSABLE',
    `${source}: not readable as an xlsx workbook: ${message}`,
  );
}

function tooLarge(source: string, message: string): never {
  throw new KofuzeiError('LEDGER_TOO_LARGE', `${source}: ${message}`);
}

/**
 * Guards exceljs against zip bombs: walks the workbook's central directory and inflates every part,
 * counting the bytes actually produced (never trusting the declared sizes), and refuses the file
 * once the parts together exceed INPUT_LIMITS.xlsxUncompressedBytes or there are more than
 * INPUT_LIMITS.xlsxEntries parts. Overlapping entries (one compressed stream listed many times)
 * count once per listing, as an unzipper would inflate them.
 */
export function checkZipLimits(bytes: Uint8Array, source: string): void {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let at = data.length - 22; at >= 0 && at >= data.length - 22 - 0xffff; at -= 1) {
    if (data.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) unusable(source, 'no zip end-of-central-directory record');
  const entries = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff)
    tooLarge(source, 'a ZIP64 workbook; kofuzei reads workbooks up to 4 GiB in the ZIP format');
  if (entries > INPUT_LIMITS.xlsxEntries)
    tooLarge(source, `more than ${INPUT_LIMITS.xlsxEntries} parts in the workbook`);
  let total = 0;
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_FILE_HEADER)
      unusable(source, `zip central directory entry ${index + 1} is damaged`);
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL_FILE_HEADER)
      unusable(source, `zip entry ${name} is damaged`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const compressed = data.subarray(start, start + compressedSize);
    const budget = INPUT_LIMITS.xlsxUncompressedBytes - total;
    let size: number;
    if (method === 0) size = compressed.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(compressed, { maxOutputLength: Math.max(budget, 1) }).length;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') size = budget + 1;
        else unusable(source, `zip entry ${name} does not inflate`);
      }
    } else unusable(source, `zip entry ${name} uses compression method ${method}`);
    total += size;
    if (total > INPUT_LIMITS.xlsxUncompressedBytes)
      tooLarge(
        source,
        `the workbook inflates to more than ${mebibytes(INPUT_LIMITS.xlsxUncompressedBytes)} (at part ${name}); a zip bomb, or a ledger too large for xlsx (use JSON Lines)`,
      );
  }
}

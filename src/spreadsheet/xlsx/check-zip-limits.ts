import { inflateRawSync } from 'node:zlib';
import { INPUT_LIMITS, mebibytes } from '../../core/input-limits.js';
import { KofuzeiError } from '../../core/kofuzei-error.js';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

function unusable(source: string, message: string): never {
  throw new KofuzeiError(
    'LEDGER_UNUSABLE',
    `${source}: xlsx のブックとして読めません（ファイルが壊れているか、xlsx ではありません）: ${message}`,
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
  if (end < 0)
    unusable(source, 'ZIP の終端レコードがありません（no zip end-of-central-directory record）');
  const entries = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff)
    tooLarge(
      source,
      'ZIP64 形式のブックです。kofuzei が読むブックは 4 GiB までの ZIP 形式です（JSON Lines で書き出してください）',
    );
  if (entries > INPUT_LIMITS.xlsxEntries)
    tooLarge(source, `ブックの部品が ${INPUT_LIMITS.xlsxEntries} 個を超えています`);
  let total = 0;
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_FILE_HEADER)
      unusable(source, `ZIP の目録の ${index + 1} 番目の項目が壊れています`);
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL_FILE_HEADER)
      unusable(source, `ZIP の部品 ${name} が壊れています`);
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
        else unusable(source, `ZIP の部品 ${name} を展開できません`);
      }
    } else unusable(source, `ZIP の部品 ${name} は対応していない圧縮方式 ${method} です`);
    total += size;
    if (total > INPUT_LIMITS.xlsxUncompressedBytes)
      tooLarge(
        source,
        `ブックを展開すると ${mebibytes(INPUT_LIMITS.xlsxUncompressedBytes)} を超えます（部品 ${name} の時点）。ZIP 爆弾か、xlsx には大きすぎる台帳です（JSON Lines で書き出してください）`,
      );
  }
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnparsedJsonLine } from '../../../src/ledger/unparsed-json-line.js';
import { describe, expect, it } from 'vitest';
import { readJsonLinesLedger } from '../../../src/node/read-json-lines.js';
import { REPO_ROOT } from '../../helpers/paths.js';

/**
 * The JSON Lines reader cuts lines at newline bytes across its megabyte reads and decodes each line
 * on its own (so no kept id holds a megabyte of text alive): a character split between two reads, a
 * line over several reads, CRLF and a last line without a newline all read as JSON.parse reads them.
 */

const MIB = 1 << 20;

async function readAll(text: string): Promise<unknown[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kofuzei-jsonl-'));
  const path = join(dir, 'ledger.jsonl');
  writeFileSync(path, text);
  const ledger = readJsonLinesLedger(path);
  const lines: unknown[] = [];
  const source = ledger.lines as () => AsyncIterable<unknown>;
  for await (const line of source()) lines.push(line);
  return lines;
}

const line = (id: string, memo: string): string =>
  JSON.stringify({ id, entity: '392081', amount: '1000', memo });

describe('readJsonLinesLedger across its reads', () => {
  it('reads a 3-byte character split by the first megabyte boundary', async () => {
    const header = '\uFEFF{"entities":[]}\n';
    // Pad L1's memo so that 宿 (3 bytes in UTF-8) starts 1 byte before the 1 MiB boundary.
    const memoStart = Buffer.byteLength(header) + Buffer.byteLength(line('L1', '')) - '"}'.length;
    const l1 = line('L1', `${'a'.repeat(MIB - 1 - memoStart)}宿毛市`);
    expect(Buffer.from(`${header}${l1}`).indexOf('宿')).toBe(MIB - 1);
    const l2 = line('L2', '須崎市の委託');
    const lines = await readAll(`${header}${l1}\r\n${l2}\n`);
    expect(lines).toEqual([JSON.parse(l1), JSON.parse(l2)]);
  });

  it('reads a line across two reads, and a last line without a newline', async () => {
    const header = '{"entities":[]}\n';
    // Starts 1,000 bytes before the end of the first read and runs well into the second.
    const first = line('L0', 'a'.repeat(MIB - header.length - 1000 - 20));
    const across = line('L1', '高知'.repeat(MIB / 8));
    expect(Buffer.byteLength(across)).toBeLessThan(MIB);
    const last = line('L3', '最後');
    const lines = await readAll(`${header}${first}\n${across}\n\n${line('L2', 'x')}\n${last}`);
    expect(lines).toEqual([
      JSON.parse(first),
      JSON.parse(across),
      JSON.parse(line('L2', 'x')),
      JSON.parse(last),
    ]);
  });

  it('gives a line over 1 MiB, across three reads, as one unread line and reads on', async () => {
    const long = line('L1', '高知'.repeat(MIB / 2 + 1000));
    expect(Buffer.byteLength(long)).toBeGreaterThan(3 * MIB);
    const lines = await readAll(`{"entities":[]}\n${long}\n${line('L2', 'x')}`);
    expect(lines).toHaveLength(2);
    const [unread, next] = lines;
    expect(unread).toBeInstanceOf(UnparsedJsonLine);
    expect((unread as UnparsedJsonLine).code).toBe('RECORD_TOO_LONG');
    expect((unread as UnparsedJsonLine).problem).toContain(
      `${Buffer.byteLength(long).toLocaleString('en-US')} バイト`,
    );
    expect(next).toEqual(JSON.parse(line('L2', 'x')));
  });

  it('reads a newline exactly at a megabyte boundary', async () => {
    const header = '{"entities":[]}\n';
    const empty = line('L1', '');
    const l1 = line('L1', 'b'.repeat(MIB - header.length - empty.length - 1));
    expect(header.length + l1.length + 1).toBe(MIB);
    const lines = await readAll(`${header}${l1}\n${line('L2', '土佐')}\n`);
    expect(lines).toEqual([JSON.parse(l1), JSON.parse(line('L2', '土佐'))]);
  });

  // Decoding a whole chunk and splitting it handed out slices of one megabyte string: an id kept
  // from a line kept its chunk alive (two megabytes as two-byte text), and a streamed ledger of a
  // few hundred MB outgrew the 320 MiB heap cap. On the old reader this ledger's 150 kept ids held
  // about 29 MB; decoded line by line they hold a few kilobytes.
  it('keeps no chunk alive through a kept id', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kofuzei-jsonl-'));
    const path = join(dir, 'ledger.jsonl');
    const rows = ['{"entities":[]}'];
    for (let index = 0; index < 150_000; index += 1)
      rows.push(
        line(`LONG-LINE-ID-${String(index).padStart(9, '0')}`, '宿毛市の委託業務に係る経費の明細'),
      );
    writeFileSync(path, rows.join('\n'));
    const script = join(REPO_ROOT, 'test/helpers/json-lines-kept-heap.ts');
    const output = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', script, path],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    const measured = JSON.parse(output) as { lines: number; kept: number; heldBytes: number };
    expect(measured.lines).toBe(150_000);
    expect(measured.kept).toBe(150);
    expect(measured.heldBytes).toBeLessThan(4 * MIB);
  });
});

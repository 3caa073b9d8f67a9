// The offline page's worker pieces that run without a browser: the pako stand-in for node:zlib
// (checkZipLimits' zip-bomb guard) and the ledger reader's refusals.
import { deflateRawSync, inflateRawSync as nodeInflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { readLedgerBytes } from '../../src/web/read-ledger-bytes.js';
import { inflateRawSync } from '../../src/web/zlib-shim.js';
import { formatYen } from '../../src/web/format-yen.js';

const glossary = bundledRuleSet().glossary;

async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  try {
    await readLedgerBytes(name, bytes, glossary);
  } catch (error) {
    if (error instanceof KofuzeiError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('zlib stand-in (pako)', () => {
  const data = deflateRawSync(Buffer.alloc(1_000_000, 'a'));

  it('counts the inflated bytes as node:zlib does', () => {
    expect(inflateRawSync(data, { maxOutputLength: 2_000_000 }).length).toBe(
      nodeInflate(data).length,
    );
  });

  it("stops past maxOutputLength with Node's error code (a zip bomb is refused, never held)", () => {
    expect(() => inflateRawSync(data, { maxOutputLength: 100_000 })).toThrow(
      expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }) as Error,
    );
  });

  it('refuses damaged data', () => {
    expect(() => inflateRawSync(new Uint8Array([0xff, 0xff, 0xff]))).toThrow();
  });
});

describe('readLedgerBytes', () => {
  it('refuses a file of another kind, naming it in Japanese', async () => {
    expect(await refusal('台帳.txt', new Uint8Array([1]))).toBe('LEDGER_FORMAT_UNSUPPORTED');
    expect(await refusal('台帳', new Uint8Array([1]))).toBe('LEDGER_FORMAT_UNSUPPORTED');
  });

  it('reads JSON with the strict reader: duplicate top-level keys and invalid JSON are refused', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(await refusal('a.json', text('{"lines": [], "lines": [], "entities": []}'))).toBe(
      'LEDGER_DUPLICATE_KEY',
    );
    expect(await refusal('a.json', text('{"lines": ['))).toBe('LEDGER_UNREADABLE');
    expect(await refusal('a.json', text('[]'))).toBe('LEDGER_UNUSABLE');
    const ledger = await readLedgerBytes(
      'a.json',
      text('\uFEFF{"entities": [], "lines": [{"id": "1"}]}'),
      glossary,
    );
    expect(ledger.lines).toHaveLength(1);
  });

  it('reads a Shift_JIS CSV and locates its lines by sheet row', async () => {
    const ledger = await readLedgerBytes(
      'a.csv',
      new Uint8Array(
        Buffer.from(
          'id,entity,fiscalYear,program,costType,amount\r\n\r\nA1,392081,2025,cio-aide,compensation,100\r\n',
        ),
      ),
      glossary,
    );
    expect(ledger.lines).toHaveLength(1);
    // The line's row is the sheet row (header = 1, the empty row 2 counted), as the report shows.
    const report = await evaluate(ledger);
    expect(report.lines[0]?.row).toBe(3);
  });
});

describe('formatYen', () => {
  it('groups the digits of the exact yen string, sign kept, no float on the way', () => {
    expect(formatYen('-1234567')).toBe('-1,234,567円');
    expect(formatYen('12345678901234567890')).toBe('12,345,678,901,234,567,890円');
    expect(formatYen('0')).toBe('0円');
    expect(formatYen(null)).toBe('');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../../src/core/kofuzei-error.js';
import { evaluate } from '../../../src/index.js';
import { readPolicyFile } from '../../../src/node/read-policy-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kofuzei-policy-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let count = 0;

function policyFile(text: string): string {
  count += 1;
  const path = join(dir, `policy-${count}.json`);
  writeFileSync(path, text);
  return path;
}

function refusal(path: string): KofuzeiError {
  try {
    readPolicyFile(path);
  } catch (error) {
    if (error instanceof KofuzeiError) return error;
    throw error;
  }
  throw new Error(`${path} was read`);
}

const RATE = 'kyoryokutai-tokko.activity.rate';

describe('readPolicyFile', () => {
  it('reads a policy with string values', () => {
    const path = policyFile(`{"roundingUnit": "1000", "values": {"${RATE}": "0.8"}}`);
    expect(readPolicyFile(path)).toEqual({ roundingUnit: '1000', values: { [RATE]: '0.8' } });
  });

  it('refuses a key written twice, naming it', () => {
    const path = policyFile(`{"values": {"${RATE}": "0.5", "${RATE}": "1"}}`);
    const error = refusal(path);
    expect(error.code).toBe('POLICY_INVALID');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`values["${RATE}"]`);
    expect(error.message).toContain('2回以上');
  });

  it('refuses a duplicate spelled with an escape, and at the top level', () => {
    expect(refusal(policyFile('{"values": {"a": "1", "\\u0061": "2"}}')).message).toContain(
      'values["a"]',
    );
    expect(refusal(policyFile('{"roundingUnit": "1", "roundingUnit": "1000"}')).message).toContain(
      'roundingUnit',
    );
  });

  it.each([['0.70000000000000001'], ['1e0'], ['0.7'], ['1000']])(
    'refuses the number literal %s, quoting its text (never the double)',
    (literal) => {
      const error = refusal(policyFile(`{"values": {"${RATE}": ${literal}}}`));
      expect(error.code).toBe('POLICY_INVALID');
      expect(error.message).toContain(`values["${RATE}"]: 数値 ${literal} `);
    },
  );

  it('keeps keys apart from look-alike text inside strings', () => {
    const path = policyFile(`{"values": {"${RATE}": "0.5"}, "headcountSelection": "rank"}`);
    expect(readPolicyFile(path)).toMatchObject({ headcountSelection: 'rank' });
  });

  it('refuses a FIFO and a device without blocking', () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo).code).toBe('POLICY_UNREADABLE');
    const zero = join(dir, 'zero.json');
    symlinkSync('/dev/zero', zero);
    expect(refusal(zero).message).toContain('FIFO・デバイス');
  });

  it('refuses text that is not JSON, naming the file', () => {
    const path = policyFile('{"values": ');
    expect(refusal(path)).toMatchObject({ code: 'POLICY_UNREADABLE' });
    expect(refusal(path).message).toContain(path);
    // Where and what, in Japanese (JSON.parse's own message is English and gives an offset only).
    expect(refusal(path).message).toContain('JSON として読めません（1 行 12 列: ');
    expect(refusal(policyFile('{\n  "values": {}\n  "x": 1\n}')).message).toContain(
      'JSON として読めません（3 行 3 列: オブジェクトの中で「,」か「}」が必要です（"\\"" があります））',
    );
  });

  it('passes "__proto__" through to evaluate, which refuses it', async () => {
    const path = policyFile('{"values": {"__proto__": "0.5"}}');
    const ledger = { entities: [], lines: [] };
    await expect(evaluate(ledger, { policy: readPolicyFile(path) })).rejects.toMatchObject({
      code: 'POLICY_INVALID',
      message: expect.stringContaining('values["__proto__"]') as unknown,
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ownStderr, runCli } from './helpers/cli.js';

// `--policy FILE` through the CLI: what JSON.parse would decide silently is refused (exit 2).

const dir = mkdtempSync(join(tmpdir(), 'kofuzei-policy-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const RATE = 'kyoryokutai-tokko.activity.rate';

function policy(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe.concurrent('kofuzei evaluate --policy', { timeout: 120_000 }, () => {
  it.each([
    ['a key written twice', `{"values": {"${RATE}": "0.5", "${RATE}": "1"}}`, '2回以上'],
    [
      'a number literal',
      `{"values": {"${RATE}": 0.70000000000000001}}`,
      '数値 0.70000000000000001',
    ],
    ['a rate above 1', `{"values": {"${RATE}": "1.5"}}`, '0より大きく1以下'],
    ['a "__proto__" key', '{"values": {"__proto__": "0.5"}}', 'values[\\"__proto__\\"]'],
  ])('refuses %s with exit 2, naming it', async (what, text, expected) => {
    const path = policy(`${what.replace(/\W+/gu, '-')}.json`, text);
    const result = await runCli([
      'evaluate',
      'samples/ledger.json',
      '--policy',
      path,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const stderr = ownStderr(result.stderr);
    expect(stderr).toContain('"code":"POLICY_INVALID"');
    expect(stderr).toContain(expected);
  });
});

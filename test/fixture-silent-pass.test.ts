import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { cioLine, CITY, ledgerOf } from './helpers/ledger.js';

/**
 * `kofuzei test` must not pass a fixture that checks nothing, or one whose ledger the product reads
 * otherwise than the fixture says: each of these passed before (a CI job went green).
 */

const LEDGER = JSON.stringify(ledgerOf([cioLine('L1', { amount: '3600000' })], [CITY]));
const EXPECT_L1 = '{"lines":[{"id":"L1","status":"eligible","amount":"2520000"}]}';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kofuzei-fixtures-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function test(...paths: string[]) {
  const result = await runCli(['test', ...paths]);
  return { ...result, lines: result.stdout.trim().split('\n') };
}

describe('kofuzei test: no silent pass', () => {
  it('passes the fixture as written, so the cases below fail for what they change', async () => {
    const dir = folder({
      'ok.json': `{"description":"ok","ledger":${LEDGER},"expected":${EXPECT_L1}}`,
    });
    const result = await test(dir);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toBe('1 passed, 0 failed');
  });

  it('reads the ledger as evaluate does: a 3600000.0 amount and a key written twice make the line invalid', async () => {
    const float = LEDGER.replace('"amount":"3600000"', '"amount":3600000.0');
    const twice = LEDGER.replace('"amount":"3600000"', '"amount":"1","amount":"3600000"');
    const dir = folder({
      'float.json': `{"description":"float","ledger":${float},"expected":${EXPECT_L1}}`,
      'twice.json': `{"description":"twice","ledger":${twice},"expected":${EXPECT_L1}}`,
    });
    const result = await test(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'float.json › 明細 L1 › status: 期待 "eligible"、結果 "invalid"',
    );
    expect(result.stdout).toContain(
      'twice.json › 明細 L1 › status: 期待 "eligible"、結果 "invalid"',
    );
    expect(result.lines.at(-1)).toBe('0 passed, 2 failed');
  });

  it('fails a fixture whose expected values a typo, a duplicate or __proto__ would hide', async () => {
    const dir = folder({
      'lines.json': `{"description":"x","ledger":${LEDGER},"expected":{"Lines":[{"id":"L1","amount":"999"}]}}`,
      'policy.json': `{"description":"x","ledger":${LEDGER},"polcy":{"roundingUnit":"1000"},"expected":${EXPECT_L1}}`,
      'empty.json': `{"description":"x","ledger":${LEDGER},"expected":{}}`,
      'proto.json': `{"description":"x","ledger":${LEDGER},"expected":{"lines":[{"id":"L1","__proto__":{"amount":"999"}}]}}`,
      'dup.json': `{"description":"x","ledger":${LEDGER},"expected":{"lines":[{"id":"L1","amount":"999","amount":"2520000"}]}}`,
      'string.json': `{"description":"x","ledger":"nope","expected":${EXPECT_L1}}`,
      'shape.json': `{"description":"x","ledger":{"entities":[],"lines":{}},"expected":${EXPECT_L1}}`,
    });
    const result = await test(dir);
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toBe('0 passed, 7 failed');
    const said = (name: string) =>
      result.lines
        .filter((line) => line.startsWith(`${dir}/${name}`) || line.includes(`${name} ›`))
        .join('\n');
    expect(said('lines.json')).toContain('認識されていないキー: "Lines"');
    expect(said('policy.json')).toContain('キー "polcy" は事例にありません');
    expect(said('empty.json')).toContain(
      '期待する値（expected の lines・totals・warnings）が1つもありません',
    );
    expect(said('proto.json')).toContain('__proto__: 期待 {"amount":"999"}');
    expect(said('dup.json')).toContain('キー "amount" が2度書かれています');
    expect(said('string.json')).toContain(
      'ledger: 無効な入力: オブジェクト（{…}）が期待されましたが、文字列が入力されました',
    );
    expect(said('shape.json')).toContain('ledger が台帳の形ではありません');
  });

  it('compares a "__proto__" field as the report has it (it has none), at any level', async () => {
    const dir = folder({
      'empty-proto.json': `{"description":"x","ledger":${LEDGER},"expected":{"lines":[{"id":"L1","__proto__":{}}]}}`,
      'root-proto.json': `{"description":"x","__proto__":{},"ledger":${LEDGER},"expected":${EXPECT_L1}}`,
    });
    const result = await test(dir);
    expect(result.lines.at(-1)).toBe('0 passed, 2 failed');
    expect(result.stdout).toContain('明細 L1 › __proto__: 期待 {}、結果 なし');
    expect(result.stdout).toContain('キー "__proto__" は事例にありません');
  });

  it('reads numbers outside the ledger as plain numbers, as a policy file is read', async () => {
    const dir = folder({
      'count.json': `{"description":"x","ledger":${LEDGER},"expected":{"totals":[{"entity":"392081","fiscalYear":2025.0,"measure":"cio-aide-tokko","component":"appointment","lines":1.0}]}}`,
      'policy.json': `{"description":"x","ledger":${LEDGER},"policy":{"roundingUnit":1000},"expected":${EXPECT_L1}}`,
    });
    const result = await test(dir);
    expect(result.stdout).not.toContain('JsonNumber');
    expect(result.stdout).toContain('policy.json › (fixture): 方針（policy）が不正です');
    expect(result.lines.at(-1)).toBe('1 passed, 1 failed');
  });

  it('allows "$schema" and "$comment" beside the fixture keys', async () => {
    const dir = folder({
      'ok.json': `{"$schema":"x","$comment":"y","description":"ok","ledger":${LEDGER},"expected":${EXPECT_L1}}`,
    });
    expect((await test(dir)).lines.at(-1)).toBe('1 passed, 0 failed');
  });

  it('refuses a path with no fixture (exit 2), and reads .JSON as .json', async () => {
    const empty = folder({});
    const none = await test(empty);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('.json の事例が見つかりません');
    const upper = folder({
      'OK.JSON': `{"description":"ok","ledger":${LEDGER},"expected":${EXPECT_L1}}`,
    });
    mkdirSync(join(upper, 'sub'));
    expect((await test(upper)).lines.at(-1)).toBe('1 passed, 0 failed');
  });
});

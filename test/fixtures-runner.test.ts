import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixture } from '../src/index.js';
import { matchValue } from '../src/fixtures/match-value.js';
import { cioLine, CODES, dxLeaderLine, ledgerOf, prefectureSalaryLine } from './helpers/ledger.js';
import { ACCEPTANCE_DIR, HAS_ACCEPTANCE, jsonFilesUnder, readJson } from './helpers/paths.js';

/** runFixture (docs/contract.md §4): matched by id, listed fields only, money as strings, arrays sorted. */

const LEDGER = ledgerOf([
  cioLine('L1', { amount: '1000000' }),
  dxLeaderLine('D1', '1000'),
  prefectureSalaryLine('U1', {}),
]);

function fixture(expected: unknown, extra: Record<string, unknown> = {}) {
  return { description: 'a test fixture', ledger: LEDGER, expected, ...extra };
}

describe('runFixture', () => {
  it('passes when every listed field matches, ignoring unlisted fields', async () => {
    const result = await runFixture(
      'ok.json',
      fixture({
        lines: [
          { id: 'L1', status: 'eligible', amount: '700000' },
          { id: 'D1', measure: 'dx-leader-training-tokko' },
        ],
      }),
    );
    expect(result).toMatchObject({ name: 'ok.json', passed: true, mismatches: [] });
    expect(result.report?.lines).toHaveLength(3);
  });

  it('reports a mismatch as `fixture › 明細 id › field: 期待 X、結果 Y`', async () => {
    const result = await runFixture(
      'wrong.json',
      fixture({ lines: [{ id: 'L1', amount: '1', status: 'eligible', base: 1000000 }] }),
    );
    expect(result.passed).toBe(false);
    expect(result.mismatches).toEqual([
      'wrong.json › 明細 L1 › amount: 期待 "1"、結果 "700000"',
      // Money is compared as exact strings: the number 1000000 is not "1000000".
      'wrong.json › 明細 L1 › base: 期待 1000000、結果 "1000000"',
    ]);
  });

  it('fails only the fixture whose policy values name no rule element', async () => {
    const result = await runFixture('values.json', {
      description: 'bad values key',
      ledger: ledgerOf([cioLine('L1', { amount: '1000000' })]),
      policy: { values: { 'no.such.key': '1' } },
      expected: { lines: [] },
    });
    expect(result.passed).toBe(false);
    expect(result.mismatches[0]).toContain(
      'values.json › (fixture): ポリシーが不正です: values["no.such.key"]: このルールセットにないキーです',
    );
  });

  it('checks listed warnings by code and line (an extension of docs/contract.md §4)', async () => {
    const ledger = ledgerOf([cioLine('L1', { amount: '1000000' })]);
    const pass = await runFixture('w.json', {
      description: 'warnings',
      ledger,
      expected: { lines: [{ id: 'L1' }], warnings: [] },
    });
    expect(pass.passed).toBe(true);
    const fail = await runFixture('w.json', {
      description: 'warnings',
      ledger,
      expected: { warnings: [{ code: 'RULE_CAUTION', line: 'L1', contains: '要望中' }] },
    });
    expect(fail.mismatches).toEqual([
      'w.json › 警告 RULE_CAUTION（明細 L1） › (warning): 期待 あり（"要望中" を含む）、結果 []',
    ]);
  });

  it('reports an expected line the report lacks', async () => {
    const result = await runFixture(
      'gone.json',
      fixture({ lines: [{ id: 'NOPE', status: 'eligible' }] }),
    );
    expect(result.passed).toBe(false);
    expect(result.mismatches).toEqual([
      'gone.json › 明細 NOPE › (line): 期待 あり、結果 なし（報告にこの明細がありません）',
    ]);
  });

  it('reports a field the report line does not have as "nothing"', async () => {
    const result = await runFixture('field.json', fixture({ lines: [{ id: 'L1', bond: '1' }] }));
    expect(result.mismatches).toEqual(['field.json › 明細 L1 › bond: 期待 "1"、結果 なし']);
  });

  it('matches a total with the component omitted to the total whose component is null', async () => {
    const passing = await runFixture(
      'totals.json',
      fixture({
        totals: [
          {
            entity: CODES.city,
            fiscalYear: 2025,
            measure: 'dx-leader-training-tokko',
            amount: '700',
          },
          {
            entity: CODES.city,
            fiscalYear: 2025,
            measure: 'cio-aide-tokko',
            component: 'appointment',
            amount: '700000',
          },
        ],
      }),
    );
    expect(passing.mismatches).toEqual([]);
    // Omitting the component of a measure that has components names no total.
    const failing = await runFixture(
      'totals.json',
      fixture({
        totals: [
          { entity: CODES.city, fiscalYear: 2025, measure: 'cio-aide-tokko', amount: '700000' },
          {
            entity: CODES.city,
            fiscalYear: 2025,
            measure: 'dx-leader-training-tokko',
            amount: '1',
          },
        ],
      }),
    );
    expect(failing.mismatches).toEqual([
      `totals.json › 合計 ${CODES.city}/2025/cio-aide-tokko › (total): 期待 あり、結果 なし（報告にこの合計がありません）`,
      `totals.json › 合計 ${CODES.city}/2025/dx-leader-training-tokko › amount: 期待 "1"、結果 "700"`,
    ]);
  });

  it('compares arrays as sorted arrays: order-insensitive, length-sensitive', async () => {
    const report = (await runFixture('probe.json', fixture({}))).report;
    const missing = report?.lines.find((line) => line.id === 'U1')?.missingFacts ?? [];
    expect(missing.length).toBeGreaterThan(1);

    const reordered = await runFixture(
      'arrays.json',
      fixture({ lines: [{ id: 'U1', missingFacts: [...missing].reverse() }] }),
    );
    expect(reordered.mismatches).toEqual([]);

    const shorter = await runFixture(
      'arrays.json',
      fixture({ lines: [{ id: 'U1', missingFacts: missing.slice(1) }] }),
    );
    expect(shorter.passed).toBe(false);
    const longer = await runFixture(
      'arrays.json',
      fixture({ lines: [{ id: 'U1', missingFacts: [...missing, missing[0]] }] }),
    );
    expect(longer.passed).toBe(false);
    expect(longer.mismatches[0]).toMatch(/^arrays\.json › 明細 U1 › missingFacts: 期待 \[/);
  });

  it('matches objects inside arrays on the keys they list, in any order', async () => {
    const report = (await runFixture('probe.json', fixture({}))).report;
    const reasons = report?.lines.find((line) => line.id === 'U1')?.reasons ?? [];
    expect(reasons.length).toBeGreaterThan(1);
    const listed = reasons.map((reason) => ({ code: reason.code, measure: reason.measure }));
    const result = await runFixture(
      'objects.json',
      fixture({ lines: [{ id: 'U1', reasons: [...listed].reverse() }] }),
    );
    expect(result.mismatches).toEqual([]);
    const wrong = await runFixture(
      'objects.json',
      fixture({ lines: [{ id: 'U1', reasons: listed.map(() => ({ code: 'NO_MEASURE' })) }] }),
    );
    expect(wrong.passed).toBe(false);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object without expected', { description: 'x', ledger: LEDGER }],
    [
      'an expected line without id',
      { description: 'x', ledger: LEDGER, expected: { lines: [{ amount: '1' }] } },
    ],
    [
      'a total without measure',
      {
        description: 'x',
        ledger: LEDGER,
        expected: { totals: [{ entity: CODES.city, fiscalYear: 2025 }] },
      },
    ],
  ])('fails cleanly on %s, which is not a fixture', async (_what, json) => {
    const result = await runFixture('bad.json', json);
    expect(result.passed).toBe(false);
    expect(result.report).toBeNull();
    expect(result.mismatches).toHaveLength(1);
    expect(result.mismatches[0]).toMatch(
      /^bad\.json › \(fixture\): フィクスチャの形ではありません: /u,
    );
    expect(result.mismatches[0]).not.toContain('\n');
  });

  it('says in Japanese where a fixture or its policy is not what it must be', async () => {
    const shape = await runFixture('bad.json', { description: 1, ledger: {}, expected: {} });
    expect(shape.mismatches).toEqual([
      'bad.json › (fixture): フィクスチャの形ではありません: description: 無効な入力: 文字列が期待されましたが、数値が入力されました',
    ]);
    const policy = await runFixture('p.json', fixture({ lines: [] }, { policy: { nope: '1' } }));
    expect(policy.mismatches).toEqual([
      'p.json › (fixture): 方針（policy）が不正です: (全体): 認識されていないキー: "nope"',
    ]);
  });

  it('fails cleanly, without throwing, on a fixture whose policy is invalid', async () => {
    const run = runFixture(
      'policy.json',
      fixture({ lines: [] }, { policy: { roundingUnit: '0' } }),
    );
    await expect(run).resolves.toMatchObject({ name: 'policy.json', passed: false });
    const result = await run.catch(() => null);
    expect(result?.mismatches).toHaveLength(1);
    expect(result?.mismatches[0]).toMatch(/^policy\.json › \(fixture\): .*roundingUnit/);
  });

  it('applies the fixture’s policy', async () => {
    const result = await runFixture(
      'policy.json',
      fixture({ lines: [{ id: 'D1', amount: '0' }] }, { policy: { roundingUnit: '1000' } }),
    );
    expect(result.mismatches).toEqual([]);
  });
});

describe('matchValue', () => {
  it.each([
    [[1, 2, 3], [3, 1, 2], true],
    [[1, 1, 2], [1, 2, 2], false],
    [[1, 2], [1, 2, 3], false],
    [[1, 2, 3], [1, 2], false],
    [[], [], true],
    [[{ code: 'A' }], [{ code: 'A', text: 'x' }], true],
    [[{ code: 'A' }, { code: 'B' }], [{ code: 'B' }, { code: 'A' }], true],
    [{ a: '1' }, { a: '1', b: 2 }, true],
    [{ a: '1' }, { a: 1 }, false],
    ['700000', '700000', true],
    ['700000', 700000, false],
    [null, null, true],
    [null, undefined, false],
  ])('matchValue(%j, %j) is %s', (expected, actual, result) => {
    expect(matchValue(expected, actual)).toBe(result);
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('the shared acceptance cases', () => {
  const files = jsonFilesUnder(ACCEPTANCE_DIR);

  it('are there', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [basename(file), file] as const))('%s passes', async (name, file) => {
    const result = await runFixture(name, readJson(file));
    expect(result.mismatches).toEqual([]);
    expect(result.passed).toBe(true);
  });
});

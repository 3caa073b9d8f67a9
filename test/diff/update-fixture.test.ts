import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { formatJsonValue } from '../../src/fixtures/format-json-value.js';
import { jsonValueSpans, spanAt } from '../../src/fixtures/json-value-spans.js';
import { updateFixture } from '../../src/fixtures/update-fixture.js';
import { collectJsonFiles } from '../../src/node/collect-json-files.js';
import {
  bundledInput,
  changeMeasure,
  component,
  load,
  must,
  raiseRecruitmentCap,
  ROOT,
} from './helpers.js';

const FIXTURE = `${ROOT}fixtures/cio-aide-tokko/06-recruitment-cap-running-clamp.json`;
const ORIGINAL = readFileSync(FIXTURE, 'utf8');

async function isPrettier(text: string): Promise<boolean> {
  const options = await prettier.resolveConfig(FIXTURE);
  return prettier.check(text, { ...options, parser: 'json' });
}

describe('updateFixture', () => {
  it('rewrites a wrong expected amount to the right value and leaves every other byte alone', async () => {
    const wrong = ORIGINAL.replace('"amount": "210000"', '"amount": "999"');
    expect(wrong).not.toBe(ORIGINAL);
    const result = await updateFixture('06', wrong);
    expect(result.text).toBe(ORIGINAL);
    expect(result.updated).toEqual(['明細 R2 › amount: "999" → "210000"']);
    expect(result.problems).toEqual([]);
  });

  it('leaves a passing fixture untouched', async () => {
    const result = await updateFixture('06', ORIGINAL);
    expect(result).toEqual({ text: ORIGINAL, updated: [], problems: [] });
  });

  it('follows a rule change, keeping the fields each entry lists (caps without labels)', async () => {
    const rules = load(raiseRecruitmentCap(bundledInput()));
    const result = await updateFixture('06', ORIGINAL, rules);
    expect(result.problems).toEqual([]);
    const json = JSON.parse(result.text) as {
      expected: { lines: Record<string, unknown>[]; totals: Record<string, unknown>[] };
    };
    const before = JSON.parse(ORIGINAL) as typeof json;
    // Same entries, same keys in the same order.
    expect(json.expected.lines.map((line) => Object.keys(line))).toEqual(
      before.expected.lines.map((line) => Object.keys(line)),
    );
    expect(json.expected.lines[1]).toMatchObject({ id: 'R2', base: '600000', amount: '420000' });
    expect(json.expected.lines[1]?.caps).toEqual([
      {
        id: 'recruitment-cap',
        scope: 'entity',
        limit: '2000000',
        counted: '600000',
        headroom: '700000',
        binding: false,
      },
    ]);
    expect(json.expected.totals[0]).toMatchObject({ base: '1100000', amount: '770000' });
    // R5 is FY2023, whose cap did not change.
    expect(json.expected.lines[4]).toEqual(before.expected.lines[4]);
    expect(await isPrettier(result.text)).toBe(true);
  });

  // An entry rewritten on several lines used to get LF in a fixture saved with CRLF.
  it('keeps CRLF line ends in the entries it rewrites', async () => {
    const rules = load(raiseRecruitmentCap(bundledInput()));
    const lf = await updateFixture('06', ORIGINAL, rules);
    const crlf = await updateFixture('06', ORIGINAL.replace(/\n/gu, '\r\n'), rules);
    expect(crlf.problems).toEqual([]);
    expect(crlf.text.replace(/\r\n/gu, '')).not.toContain('\n');
    expect(crlf.text).toBe(lf.text.replace(/\n/gu, '\r\n'));
  });

  it('never adds or removes an entry: what cannot be updated is reported', async () => {
    const fixture = JSON.parse(ORIGINAL) as { expected: { lines: { id: string }[] } };
    fixture.expected.lines.push({ id: 'NOT-IN-LEDGER' });
    const text = `${JSON.stringify(fixture, null, 2)}\n`;
    const result = await updateFixture('06', text);
    expect(result.text).toBe(text);
    expect(result.problems).toEqual([
      '06 › 明細 NOT-IN-LEDGER › (line): 期待 あり、結果 なし（報告にこの明細がありません）',
    ]);
  });
  it('leaves every fixture prettier-clean after a sweeping rule change', async () => {
    const input = changeMeasure(
      raiseRecruitmentCap(bundledInput()),
      'cio-aide-tokko',
      (measure) => {
        const appointment = component(measure, 'fy2024-2025', 'appointment');
        must(appointment.headcount).limit = 1;
      },
    );
    changeMeasure(input, 'digital-katsuyo-bond', (measure) => {
      const amount = component(measure, 'fy2025-2029', null).amount;
      if (amount.method === 'bond') amount.allocationRate.value = '0.75';
    });
    const glossary = input.glossary as { facts: Record<string, { default?: unknown }> };
    must(glossary.facts.planningOnly).default = true;
    const rules = load(input);
    let rewritten = 0;
    for (const file of collectJsonFiles([`${ROOT}fixtures`])) {
      const text = readFileSync(file, 'utf8');
      const result = await updateFixture(relative(ROOT, file), text, rules);
      if (result.text !== text) rewritten += 1;
      expect(await isPrettier(result.text), file).toBe(true);
    }
    expect(rewritten).toBeGreaterThan(10);
  });
});

describe('the JSON text helpers', () => {
  it('locate values by path', () => {
    const text = '{ "a": [1, { "b": "x\\"y" }], "c": null }';
    const span = spanAt(jsonValueSpans(text), ['a', 1, 'b']);
    expect(span === null ? null : text.slice(span.start, span.end)).toBe('"x\\"y"');
    expect(spanAt(jsonValueSpans(text), ['a', 5])).toBeNull();
  });

  it('format values as prettier does: short arrays inline, objects expanded', () => {
    expect(formatJsonValue(['a', 'b'], '    ', 20, 1)).toBe('["a", "b"]');
    expect(formatJsonValue({ code: 'X' }, '  ', 10, 0)).toBe('{\n    "code": "X"\n  }');
    const long = Array.from({ length: 12 }, (_, i) => `fact${i}`);
    expect(formatJsonValue(long, '', 20, 0).split('\n')).toHaveLength(14);
  });
});

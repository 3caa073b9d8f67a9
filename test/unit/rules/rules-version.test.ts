import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/rules/canonical-json.js';
import { loadRuleSet } from '../../../src/rules/load-rule-set.js';
import { rulesVersion } from '../../../src/rules/rules-version.js';
import type { Measure } from '../../../src/schema/measure.js';
import { bundledMeasure, must, readBundledInput, reverseKeys } from './rule-files.js';

function load(mutate: (measures: Measure[]) => void = () => undefined): string {
  const input = readBundledInput();
  const measures = input.measures.map(({ file }) => bundledMeasure(file.replace(/\.json$/, '')));
  mutate(measures);
  return loadRuleSet({
    ...input,
    measures: measures.map((json) => ({ file: `${json.id}.json`, json })),
  }).version;
}

describe('rulesVersion', () => {
  it('is the sha256 of the canonical JSON of glossary, assumptions and measures', () => {
    const ruleSet = loadRuleSet(readBundledInput());
    const { glossary, assumptions, measures } = ruleSet;
    const expected = createHash('sha256')
      .update(canonicalJson({ glossary, assumptions, measures }), 'utf8')
      .digest('hex');
    expect(rulesVersion(glossary, assumptions, measures)).toBe(expected);
    expect(ruleSet.version).toBe(expected);
  });

  it('is stable for equal rule sets', () => {
    expect(load()).toBe(load());
  });

  it('does not depend on the key order of the rule files', () => {
    const input = readBundledInput();
    const reordered = loadRuleSet({
      glossary: reverseKeys(input.glossary),
      assumptions: reverseKeys(input.assumptions),
      measures: input.measures.map(({ file, json }) => ({ file, json: reverseKeys(json) })),
    });
    expect(reordered.version).toBe(load());
  });

  it('does not depend on the editor-only $schema key', () => {
    const input = readBundledInput();
    const withoutSchema = input.measures.map(({ file, json }) => {
      const copy = { ...(json as Record<string, unknown>) };
      delete copy.$schema;
      return { file, json: copy };
    });
    expect(loadRuleSet({ ...input, measures: withoutSchema }).version).toBe(load());
  });

  it('changes when one cap limit changes', () => {
    const changed = load((measures) => {
      const cio = must(measures.find((measure) => measure.id === 'cio-aide-tokko'));
      const cap = must(cio.versions[1]?.components[1]?.caps?.[0], 'cap');
      expect(cap.limit).toBe('1000000');
      cap.limit = '1000001';
    });
    expect(changed).not.toBe(load());
  });

  it('changes when the order of the measures changes (ties go to the first)', () => {
    expect(load((measures) => measures.reverse())).not.toBe(load());
  });

  it('changes when an assumption text changes', () => {
    const input = readBundledInput();
    const assumptions = structuredClone(input.assumptions) as {
      assumptions: Record<string, { text: string }>;
    };
    must(assumptions.assumptions['A-11']).text += '。';
    expect(loadRuleSet({ ...input, assumptions }).version).not.toBe(load());
  });

  it('does not depend on the source documents', () => {
    const input = readBundledInput();
    const withoutSources = {
      glossary: input.glossary,
      assumptions: input.assumptions,
      measures: input.measures,
    };
    expect(loadRuleSet(withoutSources).version).toBe(loadRuleSet(input).version);
  });
});

import { describe, expect, it } from 'vitest';
import { BUNDLED_MEASURE_FILES, bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import { loadRuleSet } from '../../../src/rules/load-rule-set.js';
import { measureFileNames, readBundledInput } from './rule-files.js';

describe('bundledRuleSet', () => {
  it('loads', () => {
    expect(bundledRuleSet().measures.length).toBeGreaterThan(0);
  });

  it('bundles exactly the measure files present in rules/, in file-name order', () => {
    expect(BUNDLED_MEASURE_FILES.map((entry) => entry.file)).toEqual(measureFileNames());
    expect(bundledRuleSet().measures.map((measure) => `${measure.id}.json`)).toEqual(
      measureFileNames(),
    );
  });

  it('bundles the same content as the files on disk', () => {
    const onDisk = readBundledInput();
    expect(BUNDLED_MEASURE_FILES.map(({ file, json }) => ({ file, json }))).toEqual(
      onDisk.measures,
    );
    expect(bundledRuleSet().version).toBe(loadRuleSet(onDisk).version);
  });

  it('validates once and returns the same rule set afterwards', () => {
    expect(bundledRuleSet()).toBe(bundledRuleSet());
  });
});

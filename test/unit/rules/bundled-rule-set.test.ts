import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MEASURE_FILES, bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import { loadRuleSet } from '../../../src/rules/load-rule-set.js';
import { REPO_ROOT } from '../../helpers/paths.js';
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

describe('fixtures per measure', () => {
  it('every bundled measure has golden fixtures in fixtures/<measure-id>/', () => {
    const missing = bundledRuleSet()
      .measures.map((measure) => measure.id)
      .filter((id) => {
        const dir = join(REPO_ROOT, 'fixtures', id);
        return !existsSync(dir) || !readdirSync(dir).some((name) => name.endsWith('.json'));
      });
    expect(missing).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledRuleSet, writeCompiledRules } from '../src/cli/compiled-rules.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { readRuleDir } from '../src/node/read-rule-dir.js';
import { loadRuleSet } from '../src/rules/load-rule-set.js';
import type { RuleSetInput } from '../src/schema/rule-set.js';
import { readJson, RULES_DIR, SAMPLE_LEDGER } from './helpers/paths.js';

/*
 * Issue 17, item 4: the CLI starts from the rules validated at build time while the rules folder
 * reads exactly as it did then, and validates the folder as ever after any change to it.
 */

const dir = mkdtempSync(join(tmpdir(), 'kofuzei-compiled-'));
const path = join(dir, 'rules.compiled.json');

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compiled rules', () => {
  it('give the rule set (and reports) the validated folder gives', async () => {
    const input = readRuleDir(RULES_DIR);
    writeCompiledRules(input, path);
    const compiled = compiledRuleSet(readRuleDir(RULES_DIR), path);
    const validated = loadRuleSet(readRuleDir(RULES_DIR));
    expect(compiled).not.toBeNull();
    expect(compiled).toEqual(validated);
    expect(compiled?.version).toBe(validated.version);
    const ledger = readJson(SAMPLE_LEDGER);
    expect(JSON.stringify(await evaluate(ledger, { rules: compiled ?? validated }))).toBe(
      JSON.stringify(await evaluate(ledger, { rules: validated })),
    );
  });

  it('are not used once a measure, the glossary or a source document reads otherwise', () => {
    const input = readRuleDir(RULES_DIR);
    writeCompiledRules(input, path);
    const changes: ((copy: { -readonly [K in keyof RuleSetInput]: RuleSetInput[K] }) => void)[] = [
      (copy) => {
        const [first, ...rest] = copy.measures;
        if (first === undefined) throw new Error('no measure');
        const json = structuredClone(first.json) as Record<string, unknown>;
        json.title = `${String(json.title)} (edited)`;
        copy.measures = [{ file: first.file, json }, ...rest];
      },
      (copy) => {
        copy.glossary = { ...(copy.glossary as object), edited: true };
      },
      (copy) => {
        const [name = '', text = ''] = Object.entries(copy.sources ?? {})[0] ?? [];
        copy.sources = { ...copy.sources, [name]: `${text}\n` };
      },
      (copy) => {
        copy.measures = copy.measures.slice(1);
      },
    ];
    for (const change of changes) {
      const copy = { ...readRuleDir(RULES_DIR) };
      change(copy);
      expect(compiledRuleSet(copy, path)).toBeNull();
    }
    expect(compiledRuleSet(input, path)).not.toBeNull();
  });

  it('are not used when there is no compiled file', () => {
    expect(compiledRuleSet(readRuleDir(RULES_DIR), join(dir, 'missing.json'))).toBeNull();
  });
});

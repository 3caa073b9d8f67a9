import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as compiledRules from '../src/cli/compiled-rules.js';
import { cliRuleSet } from '../src/cli/cli-rule-set.js';
import { parseRuleDirTexts, readRuleDir, readRuleDirTexts } from '../src/node/read-rule-dir.js';
import { loadRuleSet } from '../src/rules/load-rule-set.js';
import { RULES_DIR } from './helpers/paths.js';

/*
 * Issue 17, target 4 (cold start): the CLI first compares the rules folder's file texts with those
 * the compiled rules were built from (no JSON parsing of ≈ 1 MB of rules); any difference, even a
 * whitespace edit, falls back to the parsed comparison and then to validation, so an edited rules
 * folder is always seen (test/cli-compiled-rules.test.ts covers the parsed comparison).
 */

const temp = mkdtempSync(join(tmpdir(), 'kofuzei-texts-'));
const compiled = join(temp, 'rules.compiled.json');
const SOURCE = '000_8b575c24c1c2c428.txt';
const MEASURE = 'dx-leader-training-tokko.json';

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A fresh copy of the repository's rules/, compiled (with texts) into `compiled`. */
function compiledCopy(): string {
  const dir = mkdtempSync(join(temp, 'rules-'));
  cpSync(RULES_DIR, dir, { recursive: true });
  const texts = readRuleDirTexts(dir);
  compiledRules.writeCompiledRules(parseRuleDirTexts(texts, dir), compiled, texts);
  return dir;
}

describe('compiled rules checked by file texts', () => {
  it('readRuleDir is the parsed texts', () => {
    expect(parseRuleDirTexts(readRuleDirTexts(RULES_DIR), RULES_DIR)).toEqual(
      readRuleDir(RULES_DIR),
    );
  });

  it('an unchanged folder is taken by its texts, without parsing, and gives the validated set', () => {
    const dir = compiledCopy();
    const parsed = vi.spyOn(compiledRules, 'compiledRuleSet');
    const { ruleSet } = cliRuleSet(dir, compiled);
    expect(parsed).not.toHaveBeenCalled();
    expect(compiledRules.compiledRuleSetOfTexts(readRuleDirTexts(dir), compiled)).not.toBeNull();
    expect(ruleSet).toEqual(loadRuleSet(readRuleDir(dir)));
  });

  it('any edit to a measure, the glossary, a source or the file list is seen', () => {
    const edits: ((dir: string) => void)[] = [
      (dir) => {
        const file = join(dir, MEASURE);
        writeFileSync(file, readFileSync(file, 'utf8').replace('"0.7"', '"0.6"'));
      },
      (dir) => {
        const file = join(dir, 'glossary.json');
        const glossary = JSON.parse(readFileSync(file, 'utf8')) as { facts: object };
        writeFileSync(file, JSON.stringify({ ...glossary, facts: { ...glossary.facts } }));
      },
      (dir) => {
        appendFileSync(join(dir, 'sources', SOURCE), '\n追記');
      },
      (dir) => {
        unlinkSync(join(dir, MEASURE));
      },
    ];
    for (const edit of edits) {
      const dir = compiledCopy();
      edit(dir);
      expect(compiledRules.compiledRuleSetOfTexts(readRuleDirTexts(dir), compiled)).toBeNull();
      // What the CLI runs with is then the folder's own rule set, validated.
      expect(cliRuleSet(dir, compiled).ruleSet).toEqual(loadRuleSet(readRuleDir(dir)));
    }
  });

  it('an edited rate changes what the CLI evaluates with', () => {
    const dir = compiledCopy();
    const before = cliRuleSet(dir, compiled).ruleSet;
    const file = join(dir, MEASURE);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"value": "0.7"');
    writeFileSync(file, text.replaceAll('"value": "0.7"', '"value": "0.6"'));
    const after = cliRuleSet(dir, compiled).ruleSet;
    expect(after.version).not.toBe(before.version);
    expect(JSON.stringify(after)).toContain('"0.6"');
  });

  it('a whitespace-only edit misses the texts but still takes the compiled set by contents', () => {
    const dir = compiledCopy();
    appendFileSync(join(dir, MEASURE), '\n\n');
    expect(compiledRules.compiledRuleSetOfTexts(readRuleDirTexts(dir), compiled)).toBeNull();
    const parsed = vi.spyOn(compiledRules, 'compiledRuleSet');
    const { ruleSet } = cliRuleSet(dir, compiled);
    expect(parsed).toHaveBeenCalled();
    expect(ruleSet).toEqual(loadRuleSet(readRuleDir(RULES_DIR)));
  });

  it('a compiled file without texts (an older build) is never taken by texts', () => {
    const dir = compiledCopy();
    compiledRules.writeCompiledRules(readRuleDir(dir), compiled);
    expect(compiledRules.compiledRuleSetOfTexts(readRuleDirTexts(dir), compiled)).toBeNull();
    expect(cliRuleSet(dir, compiled).ruleSet).toEqual(loadRuleSet(readRuleDir(dir)));
  });
});

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRuleSet } from '../rules/load-rule-set.js';
import type { RuleDirTexts } from '../node/read-rule-dir.js';
import type { RuleSet, RuleSetInput } from '../schema/rule-set.js';

/**
 * The package's rules/ validated at build time (`scripts/compile-rules.ts`, run by tsup): beside
 * dist/cli.js. Validating the rules (schemas, every quote against its source, the version hash)
 * is most of a CLI run on a small ledger; a rules folder whose every file reads exactly as it did
 * at build time gives the same rule set, so the CLI takes the built one instead. Any edit (or
 * `--rules` elsewhere with other contents) changes the digest and the folder is validated as ever.
 */
export const COMPILED_RULES_PATH = fileURLToPath(new URL('./rules.compiled.json', import.meta.url));

interface CompiledRules {
  /** sha256 of the rules folder as read (every measure, the glossary, assumptions and sources). */
  readonly digest: string;
  /**
   * sha256 of the folder's file texts before parsing (ruleTextDigest), when built from a folder:
   * the CLI's first check, which spares it parsing ≈ 1 MB of rule JSON only to hash it again.
   */
  readonly textDigest?: string;
  readonly ruleSet: RuleSet;
}

/** What identifies a rules folder's contents: the parsed files and source texts, in order. */
export function ruleInputDigest(input: RuleSetInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * What identifies a rules folder's file texts: every byte of each file, by name and kind (a
 * whitespace edit changes it too, and then the parsed contents are compared, ruleInputDigest).
 */
export function ruleTextDigest(texts: RuleDirTexts): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        texts.glossary,
        texts.assumptions,
        texts.measures.map(({ file, text }) => [file, text]),
        Object.entries(texts.sources),
      ]),
    )
    .digest('hex');
}

/**
 * Validates the rules folder's contents and writes them, with their digest (and that of the
 * files' texts they were parsed from, when given), for later runs.
 */
export function writeCompiledRules(
  input: RuleSetInput,
  path = COMPILED_RULES_PATH,
  texts?: RuleDirTexts,
): RuleSet {
  const ruleSet = loadRuleSet(input);
  const compiled: CompiledRules = {
    digest: ruleInputDigest(input),
    ...(texts === undefined ? {} : { textDigest: ruleTextDigest(texts) }),
    ruleSet,
  };
  writeFileSync(path, `${JSON.stringify(compiled)}\n`);
  return ruleSet;
}

function readCompiled(path: string): CompiledRules | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CompiledRules;
  } catch {
    // Not built (running from source) or unreadable: validate the folder.
    return null;
  }
}

/** The rule set validated at build time if these contents are the ones it was built from, else null. */
export function compiledRuleSet(input: RuleSetInput, path = COMPILED_RULES_PATH): RuleSet | null {
  const compiled = readCompiled(path);
  if (compiled === null) return null;
  if (typeof compiled.digest !== 'string' || compiled.digest !== ruleInputDigest(input))
    return null;
  return compiled.ruleSet;
}

/**
 * The rule set validated at build time if the folder's files read byte for byte as they did
 * then, else null (the caller parses them and tries compiledRuleSet, then validates).
 */
export function compiledRuleSetOfTexts(
  texts: RuleDirTexts,
  path = COMPILED_RULES_PATH,
): RuleSet | null {
  const compiled = readCompiled(path);
  if (compiled === null) return null;
  if (typeof compiled.textDigest !== 'string' || compiled.textDigest !== ruleTextDigest(texts))
    return null;
  return compiled.ruleSet;
}

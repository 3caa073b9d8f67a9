import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRuleSet } from '../rules/load-rule-set.js';
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
  readonly ruleSet: RuleSet;
}

/** What identifies a rules folder's contents: the parsed files and source texts, in order. */
export function ruleInputDigest(input: RuleSetInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** Validates the rules folder's contents and writes them, with their digest, for later runs. */
export function writeCompiledRules(input: RuleSetInput, path = COMPILED_RULES_PATH): RuleSet {
  const ruleSet = loadRuleSet(input);
  const compiled: CompiledRules = { digest: ruleInputDigest(input), ruleSet };
  writeFileSync(path, `${JSON.stringify(compiled)}\n`);
  return ruleSet;
}

/** The rule set validated at build time if these contents are the ones it was built from, else null. */
export function compiledRuleSet(input: RuleSetInput, path = COMPILED_RULES_PATH): RuleSet | null {
  let compiled: CompiledRules;
  try {
    compiled = JSON.parse(readFileSync(path, 'utf8')) as CompiledRules;
  } catch {
    // Not built (running from source) or unreadable: validate the folder.
    return null;
  }
  if (typeof compiled.digest !== 'string' || compiled.digest !== ruleInputDigest(input))
    return null;
  return compiled.ruleSet;
}

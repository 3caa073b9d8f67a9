import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSetInput } from '../rules/rule-set.js';
import { KofuzeiError } from '../errors/kofuzei-error.js';

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KofuzeiError(
      'RULES_UNREADABLE',
      `${path}: not valid JSON (${(error as Error).message})`,
    );
  }
}

/**
 * Reads a rules directory: glossary.json, assumptions.json, one JSON file per measure (in file-name
 * order, which is the rule-set order) and the source documents under sources/.
 */
export function readRuleDir(dir: string): RuleSetInput {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new KofuzeiError('RULES_UNREADABLE', `${dir}: not a readable rules directory`);
  }
  const required = ['glossary.json', 'assumptions.json'];
  for (const name of required) {
    if (!names.includes(name)) throw new KofuzeiError('RULES_UNREADABLE', `${dir}: has no ${name}`);
  }
  const sources: Record<string, string> = {};
  const sourceDir = join(dir, 'sources');
  if (names.includes('sources') && statSync(sourceDir).isDirectory()) {
    for (const name of readdirSync(sourceDir).sort()) {
      if (name.endsWith('.txt')) sources[name] = readFileSync(join(sourceDir, name), 'utf8');
    }
  }
  return {
    glossary: readJson(join(dir, 'glossary.json')),
    assumptions: readJson(join(dir, 'assumptions.json')),
    measures: names
      .filter((name) => name.endsWith('.json') && !required.includes(name))
      .map((name) => ({ file: name, json: readJson(join(dir, name)) })),
    sources,
  };
}

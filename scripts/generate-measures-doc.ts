// Writes docs/measures.md and the README's measures table (between <!-- measures:start --> and
// <!-- measures:end -->) from the rule files in rules/ (scripts/measures-doc.ts renders them).
// `--check` fails (exit 1) when either differs from what the rules generate. `--rules DIR` reads
// another rules directory. Exit 2 when the rules do not load or README.md lacks the markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { KofuzeiError } from '../src/core/kofuzei-error.js';
import { loadRuleDir } from '../src/node/load-rule-dir.js';
import {
  renderMeasuresDoc,
  renderMeasuresTable,
  replaceMarkedSection,
  staleMessages,
} from './measures-doc.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const rulesIndex = args.indexOf('--rules');
const rulesDir = resolve(root, rulesIndex === -1 ? 'rules' : (args[rulesIndex + 1] ?? 'rules'));

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

try {
  const ruleSet = loadRuleDir(rulesDir);
  const docPath = resolve(root, 'docs/measures.md');
  const readmePath = resolve(root, 'README.md');
  const doc = renderMeasuresDoc(ruleSet);
  // README.md is prettier-checked: the table is formatted as prettier would (aligned columns).
  const config = (await resolveConfig(readmePath)) ?? {};
  const table = await format(renderMeasuresTable(ruleSet), { ...config, parser: 'markdown' });
  const readme = read(readmePath) ?? '';
  let readmeExpected: string;
  try {
    readmeExpected = replaceMarkedSection(readme, table);
  } catch (error) {
    throw new Error(`README.md: ${(error as Error).message}`, { cause: error });
  }
  const files = [
    { path: 'docs/measures.md', file: docPath, expected: doc, actual: read(docPath) },
    {
      path: 'README.md (measures table)',
      file: readmePath,
      expected: readmeExpected,
      actual: readme,
    },
  ];
  if (check) {
    const messages = staleMessages(files);
    for (const message of messages) console.error(message);
    process.exit(messages.length > 0 ? 1 : 0);
  }
  for (const file of files) {
    if (file.actual !== file.expected) {
      writeFileSync(file.file, file.expected);
      console.log(`wrote ${file.path}`);
    }
  }
  console.log(`${ruleSet.measures.length} measures documented`);
} catch (error) {
  if (!(error instanceof Error)) throw error;
  console.error(
    error instanceof KofuzeiError ? error.message : `generate-measures-doc: ${error.message}`,
  );
  process.exit(2);
}

// Run by tsup after each build (tsup.config.ts): validates rules/ and writes dist/rules.compiled.json,
// which the CLI uses while rules/ reads exactly as it did here (src/cli/compiled-rules.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCompiledRules } from '../src/cli/compiled-rules.js';
import { parseRuleDirTexts, readRuleDirTexts } from '../src/node/read-rule-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'rules');
const texts = readRuleDirTexts(dir);
writeCompiledRules(parseRuleDirTexts(texts, dir), join(root, 'dist', 'rules.compiled.json'), texts);

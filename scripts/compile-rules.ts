// Run by tsup after each build (tsup.config.ts): validates rules/ and writes dist/rules.compiled.json,
// which the CLI uses while rules/ reads exactly as it did here (src/cli/compiled-rules.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCompiledRules } from '../src/cli/compiled-rules.js';
import { readRuleDir } from '../src/node/read-rule-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
writeCompiledRules(readRuleDir(join(root, 'rules')), join(root, 'dist', 'rules.compiled.json'));

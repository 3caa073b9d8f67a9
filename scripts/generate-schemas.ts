// Writes rules/schema/*.schema.json from the zod schemas, the single source of truth.
// `--check` fails (exit 1) when a committed schema differs from what the zod schemas generate.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { AssumptionsFileSchema, GlossarySchema } from '../src/schema/glossary.js';
import { MeasureSchema } from '../src/schema/measure.js';

const targets: [string, z.ZodType][] = [
  ['measure.schema.json', MeasureSchema],
  ['glossary.schema.json', GlossarySchema],
  ['assumptions.schema.json', AssumptionsFileSchema],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, schema] of targets) {
  const path = resolve('rules/schema', file);
  const text = `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current !== text) {
      console.error(`rules/schema/${file} is stale: run npm run schemas`);
      stale += 1;
    }
  } else {
    writeFileSync(path, text);
  }
}
process.exit(stale > 0 ? 1 : 0);

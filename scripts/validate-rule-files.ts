// Authoring aid: validates every rules/*.json against the zod schemas and checks every citation
// verbatim against rules/sources/. (check-rules does this and more once the engine is built.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { findQuote } from '../src/rules/find-quote.js';
import { AssumptionsFileSchema, GlossarySchema } from '../src/schema/glossary.js';
import { MeasureSchema } from '../src/schema/measure.js';

const dir = process.argv[2] ?? 'rules';
let problems = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const schema =
    file === 'glossary.json'
      ? GlossarySchema
      : file === 'assumptions.json'
        ? AssumptionsFileSchema
        : MeasureSchema;
  const result = schema.safeParse(json);
  if (!result.success) {
    problems += result.error.issues.length;
    console.log(`${file}:\n${z.prettifyError(result.error)}`);
    continue;
  }
  if (schema !== MeasureSchema) continue;
  const measure = MeasureSchema.parse(json);
  for (const [id, source] of Object.entries(measure.sources)) {
    const problem = findQuote(source, readFileSync(join(dir, 'sources', source.file), 'utf8'));
    if (problem !== null) {
      problems += 1;
      console.log(`${file}: sources.${id}: ${problem}`);
    }
  }
}
console.log(problems === 0 ? 'all rule files valid' : `${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);

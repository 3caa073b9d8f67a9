import * as z from 'zod';
import { RuleSetError, type RuleIssue } from '../core/rule-set-error.js';
import { AssumptionsFileSchema, GlossarySchema } from '../schema/glossary.js';
import { MeasureSchema, type Measure } from '../schema/measure.js';
import { checkGlossary } from './check-glossary.js';
import { checkMeasure } from './check-measure.js';
import type { RuleSet, RuleSetInput } from '../schema/rule-set.js';
import { rulesVersion } from './rules-version.js';
import { japaneseIssues } from '../schema/japanese-issues.js';

function schemaIssues(file: string, error: z.ZodError): RuleIssue[] {
  return japaneseIssues(error).map((issue) => ({ file, ...issue }));
}

/** 「title（id）」 of a measure file, from as much of it as can be read. */
function measureLabel(json: unknown): string | undefined {
  const { title, id } = (json ?? {}) as { title?: unknown; id?: unknown };
  if (typeof id !== 'string') return undefined;
  return typeof title === 'string' ? `${title}（${id}）` : id;
}

function withoutSchema<T extends { $schema?: string | undefined }>(value: T): Omit<T, '$schema'> {
  const copy = { ...value };
  delete copy.$schema;
  return copy;
}

/** Every problem in a rule set; empty when it is valid. */
export function checkRuleSet(input: RuleSetInput): {
  ruleSet: RuleSet | null;
  issues: RuleIssue[];
} {
  const issues: RuleIssue[] = [];
  const glossary = GlossarySchema.safeParse(input.glossary, { reportInput: true });
  if (!glossary.success) issues.push(...schemaIssues('glossary.json', glossary.error));
  else issues.push(...checkGlossary(glossary.data));
  const assumptions = AssumptionsFileSchema.safeParse(input.assumptions, {
    reportInput: true,
  });
  if (!assumptions.success) issues.push(...schemaIssues('assumptions.json', assumptions.error));

  const measures: Measure[] = [];
  const seen = new Map<string, string>();
  for (const { file, json } of input.measures) {
    const label = measureLabel(json);
    const before = issues.length;
    checkMeasureFile(file, json);
    // Every problem of a measure file names the measure (its title, the id in brackets).
    if (label !== undefined)
      for (let at = before; at < issues.length; at += 1) {
        const issue = issues[at] as RuleIssue;
        issues[at] = { ...issue, measure: label };
      }
  }
  function checkMeasureFile(file: string, json: unknown): void {
    const measure = MeasureSchema.safeParse(json, { reportInput: true });
    if (!measure.success) {
      issues.push(...schemaIssues(file, measure.error));
      return;
    }
    const expectedFile = `${measure.data.id}.json`;
    if (file.endsWith('.json') && file.split('/').pop() !== expectedFile) {
      issues.push({
        file,
        path: 'id',
        message: `措置の id ${measure.data.id} はファイル名（${expectedFile}）と同じにしてください`,
      });
    }
    const earlier = seen.get(measure.data.id);
    if (earlier !== undefined)
      issues.push({
        file,
        path: 'id',
        message: `措置 ${measure.data.id} は ${earlier} でも定義されています`,
      });
    seen.set(measure.data.id, file);
    measures.push(measure.data);
    if (glossary.success && assumptions.success) {
      issues.push(
        ...checkMeasure(
          measure.data,
          file,
          glossary.data,
          assumptions.data.assumptions,
          input.sources,
        ),
      );
    }
  }
  if (input.measures.length === 0)
    issues.push({ file: '(rule set)', path: '', message: '措置が 1 つもありません' });
  // A measure named as sharing persons must be one of the set (its lines would never be seen).
  for (const measure of measures)
    for (const version of measure.versions)
      for (const other of version.personSharedWith?.measures ?? [])
        if (!seen.has(other))
          issues.push({
            file: seen.get(measure.id) ?? `${measure.id}.json`,
            path: `versions[${version.id}].personSharedWith.measures`,
            message: `措置 ${other} はこのルールセットにありません`,
          });
  if (issues.length > 0 || !glossary.success || !assumptions.success)
    return { ruleSet: null, issues };
  // `$schema` only points editors at the JSON Schema; it is not part of the rules.
  const glossaryData = withoutSchema(glossary.data);
  const cleanMeasures = measures.map(withoutSchema);
  return {
    ruleSet: {
      glossary: glossaryData,
      assumptions: assumptions.data.assumptions,
      measures: cleanMeasures,
      version: rulesVersion(glossaryData, assumptions.data.assumptions, cleanMeasures),
    },
    issues,
  };
}

/**
 * Validates a rule set (schemas, year coverage, citations, facts, operators, assumptions) and
 * returns it ready for evaluate(). Throws a RuleSetError listing every problem at once.
 *
 * @example
 * ```ts
 * import { evaluate, loadRuleSet, RuleSetError } from 'kofuzei';
 * import { readLedgerFile, readRuleDir } from 'kofuzei/node';
 *
 * // Your copy of the rules: glossary.json, assumptions.json, one file per measure, sources/.
 * const rules = loadRuleSet(readRuleDir('rules'));
 * const report = await evaluate(readLedgerFile('samples/ledger.json'), { rules });
 * console.log(report.rulesVersion === rules.version);
 * // → true
 *
 * try {
 *   loadRuleSet({ glossary: {}, assumptions: {}, measures: [] });
 * } catch (error) {
 *   if (error instanceof RuleSetError) console.log(error.code, error.issues.at(-1)?.message);
 * }
 * // → RULES_INVALID 措置が 1 つもありません
 * ```
 */
export function loadRuleSet(input: RuleSetInput): RuleSet {
  const { ruleSet, issues } = checkRuleSet(input);
  if (ruleSet === null) throw new RuleSetError(issues);
  return ruleSet;
}

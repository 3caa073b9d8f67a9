import { VersionEvaluator } from '../eligibility/version-evaluator.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Measure } from '../schema/measure.js';
import type { Candidate } from './candidate.js';
import { findVersion } from './find-version.js';
import { lineFacts } from './line-facts.js';

/** The measures a line is evaluated against: its claim, else every measure of its program (decisions.md §1.1). */
export function candidateMeasures(line: LedgerLine, ruleSet: RuleSet): Measure[] {
  if (line.claim !== undefined)
    return ruleSet.measures.filter((measure) => measure.id === line.claim);
  return ruleSet.measures.filter((measure) => measure.programs.includes(line.program));
}

/** Judges one line against each candidate measure; engines are created once per version and reused. */
export async function assessLine(
  line: LedgerLine,
  ruleSet: RuleSet,
  evaluators: Map<string, VersionEvaluator>,
): Promise<Candidate[]> {
  const facts = lineFacts(line, ruleSet.glossary);
  const candidates: Candidate[] = [];
  for (const measure of candidateMeasures(line, ruleSet)) {
    const lookup = findVersion(measure, line.fiscalYear);
    if (lookup.found === 'before') {
      candidates.push({ status: 'undetermined', measure, version: null, unknown: [] });
      continue;
    }
    if (lookup.found === 'ended') {
      candidates.push({
        status: 'ineligible',
        measure,
        version: lookup.version,
        failed: [],
        outOfPeriod: true,
      });
      continue;
    }
    const version = lookup.version;
    const key = `${measure.id}@${version.id}`;
    let evaluator = evaluators.get(key);
    if (evaluator === undefined) {
      evaluator = new VersionEvaluator(version);
      evaluators.set(key, evaluator);
    }
    const outcome = await evaluator.evaluate(facts);
    const judged = version.components.map((component, index) => {
      const explanation = outcome[index];
      if (explanation === undefined) throw new Error(`no outcome for component ${index} of ${key}`);
      return { component, explanation };
    });
    const eligible = judged.find((entry) => entry.explanation.value === 'true');
    if (eligible !== undefined) {
      candidates.push({
        status: 'eligible',
        measure,
        version,
        component: eligible.component,
        explanation: eligible.explanation,
      });
      continue;
    }
    const unknown = judged.filter((entry) => entry.explanation.value === 'unknown');
    if (unknown.length > 0) candidates.push({ status: 'undetermined', measure, version, unknown });
    else
      candidates.push({
        status: 'ineligible',
        measure,
        version,
        failed: judged,
        outOfPeriod: false,
      });
  }
  return candidates;
}

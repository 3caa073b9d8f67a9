import { allocateGroup, type Allocation } from '../compute/allocate-group.js';
import { bondSchedule } from '../compute/bond-schedule.js';
import { Yen } from '../compute/yen.js';
import { normalizeLedger, type LedgerLine } from '../ledger/normalize-ledger.js';
import { PolicySchema, type PolicyInput } from '../policy.js';
import { bundledRuleSet } from '../rules/bundled-rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { buildTotals } from '../report/build-totals.js';
import { decidedLine, eligibleLine, invalidLine } from '../report/report-line.js';
import type { Candidate } from './candidate.js';
import { chooseCandidate, type EligibleCandidate } from './choose-candidate.js';
import { findVersion } from './find-version.js';
import { LineAssessor } from './line-assessor.js';
import { KofuzeiError } from '../errors/kofuzei-error.js';

export interface EvaluateOptions {
  /** The rule set to run; the bundled one by default. */
  readonly rules?: RuleSet;
  /** Overrides of the product's default decisions (decisions.md "policy"). */
  readonly policy?: PolicyInput;
}

interface Chosen {
  readonly line: LedgerLine;
  readonly chosen: EligibleCandidate;
  readonly others: readonly { candidate: EligibleCandidate; amount: Yen }[];
  readonly candidates: readonly Candidate[];
}

/**
 * Evaluates a ledger (CONTRACT §1) and returns the report (CONTRACT §2): every input line once, in
 * input order, with its status, measure, amounts, reasons, citations and assumptions.
 */
export async function evaluate(ledger: unknown, options: EvaluateOptions = {}): Promise<Report> {
  const ruleSet = options.rules ?? bundledRuleSet();
  const parsedPolicy = PolicySchema.safeParse(options.policy ?? {});
  if (!parsedPolicy.success) {
    throw new KofuzeiError(
      'POLICY_INVALID',
      `the policy is invalid: ${parsedPolicy.error.issues.map((issue) => `${issue.path.join('.') || '(policy)'}: ${issue.message}`).join('; ')}`,
    );
  }
  const policy = parsedPolicy.data;
  const normalized = normalizeLedger(ledger, ruleSet);
  const errors: ReportError[] = [...normalized.errors];
  const warnings: ReportWarning[] = [...normalized.warnings];
  const assessor = new LineAssessor(ruleSet);
  const lines: (ReportLine | undefined)[] = normalized.entries.map(() => undefined);

  // 1. Judge each valid line against its candidate measures, one at a time (engines are not reentrant).
  const groups = new Map<string, number[]>();
  const chosen = new Map<number, Chosen>();
  for (const [index, entry] of normalized.entries.entries()) {
    if (!entry.valid) {
      lines[index] = invalidLine(entry.line);
      continue;
    }
    const line = entry.line;
    const assessed = assessor.assess(line);
    const candidates = assessed instanceof Promise ? await assessed : assessed;
    const eligible = candidates.filter(
      (candidate): candidate is EligibleCandidate => candidate.status === 'eligible',
    );
    if (eligible.length === 0) {
      const decided = decidedLine(line, candidates);
      lines[index] = decided.line;
      warnings.push(...decided.warnings);
      continue;
    }
    const choice =
      eligible.length === 1 && eligible[0] !== undefined
        ? { chosen: eligible[0], others: [] }
        : chooseCandidate(line, eligible);
    chosen.set(index, { line, ...choice, candidates });
    const key = `${line.entity.code}\u0000${line.fiscalYear}\u0000${choice.chosen.measure.id}\u0000${choice.chosen.component.id ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  }

  // 2. Per group (entity × FY × measure × component), in ledger order: headcount, caps, rate.
  for (const indices of groups.values()) {
    const members = indices.map((index) => chosen.get(index) as Chosen);
    const first = members[0];
    if (first === undefined) continue;
    const { measure, component } = first.chosen;
    const result = allocateGroup(
      members.map((member) => member.line),
      measure,
      component,
      policy,
    );
    for (const warning of result.warnings) {
      warnings.push({
        code: warning.code,
        line: warning.line,
        message: `${first.line.entity.code} FY${first.line.fiscalYear} ${measure.id}: ${warning.message}`,
      });
    }
    members.forEach((member, position) => {
      const index = indices[position] as number;
      const allocation = result.allocations[position] as Allocation;
      const built = eligibleLine(
        member.line,
        member.chosen,
        member.others,
        member.candidates,
        allocation,
      );
      lines[index] = built.line;
      if (built.error !== null) errors.push(built.error);
    });
  }

  const reportLines = lines.map((line) => {
    if (line === undefined) throw new Error('a line was not evaluated');
    return line;
  });
  let totals = buildTotals(reportLines);
  const assumptionIds = new Set(reportLines.flatMap((line) => line.assumptions));
  if (policy.bondInterestRate !== undefined) {
    const entities = new Map(
      normalized.entries.flatMap((entry) =>
        entry.valid ? [[entry.line.entity.code, entry.line.entity] as const] : [],
      ),
    );
    const rate = new Yen(policy.bondInterestRate);
    totals = totals.map((total) => {
      const measure = ruleSet.measures.find((candidate) => candidate.id === total.measure);
      if (measure === undefined || total.bond === undefined) return total;
      const lookup = findVersion(measure, total.fiscalYear);
      const component =
        lookup.found === 'covered'
          ? lookup.version.components.find((c) => (c.id ?? null) === total.component)
          : undefined;
      if (component?.amount.method !== 'bond') return total;
      const entity = entities.get(total.entity);
      const nonRecipient =
        entity !== undefined && (entity.nonRecipient || entity.kind === 'special-ward');
      for (const id of component.amount.taxMeasureRate.assumptions ?? []) assumptionIds.add(id);
      return {
        ...total,
        schedule: bondSchedule(
          new Yen(total.bond),
          component.amount.termYears.value,
          rate,
          new Yen(component.amount.taxMeasureRate.value),
          nonRecipient,
        ),
      };
    });
  }
  return {
    schemaVersion: 1,
    rulesVersion: ruleSet.version,
    lines: reportLines,
    totals,
    assumptions: [...assumptionIds].sort().map((id) => {
      const assumption = ruleSet.assumptions[id];
      return { id, title: assumption?.title ?? id, text: assumption?.text ?? '' };
    }),
    warnings,
    errors: errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  };
}

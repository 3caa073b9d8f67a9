import { bondSchedule } from '../compute/bond-schedule.js';
import { GroupAllocator, type GroupWarning } from '../compute/group-allocator.js';
import { GroupObserver } from '../compute/group-plan.js';
import { Yen } from '../compute/yen.js';
import {
  LedgerReader,
  type LedgerEntity,
  type LedgerEntry,
  type LedgerLine,
} from '../ledger/normalize-ledger.js';
import type { Policy } from '../policy.js';
import { decidedLine, eligibleLine, invalidLine } from '../report/report-line.js';
import { TotalsAccumulator } from '../report/totals-accumulator.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Component, Measure } from '../schema/measure.js';
import type { Report, ReportError, ReportLine, ReportWarning, Total } from '../schema/report.js';
import type { Candidate } from './candidate.js';
import { chooseCandidate, type EligibleCandidate } from './choose-candidate.js';
import { findVersion } from './find-version.js';
import { LineAssessor } from './line-assessor.js';
import { PersonFacts } from './person-facts.js';

/** A line after validation, before judgement. */
export type ReadLine = ReturnType<LedgerReader['read']>;

/** One line after the first pass: validated, judged, and (if a measure takes it) its group. */
export interface PreparedLine {
  readonly entry: LedgerEntry;
  readonly errors: readonly ReportError[];
  readonly warnings: readonly ReportWarning[];
  readonly candidates: readonly Candidate[] | null;
  readonly chosen: EligibleCandidate | null;
  readonly others: readonly { candidate: EligibleCandidate; amount: Yen }[];
  readonly group: string | null;
}

interface Group {
  readonly measure: Measure;
  readonly component: Component;
  readonly entity: LedgerEntity;
  readonly fiscalYear: number;
  readonly observer: GroupObserver;
  allocator: GroupAllocator | null;
}

/** What the end of an evaluation adds to its lines: totals, assumptions and group warnings. */
export interface EvaluationEnd {
  readonly totals: Total[];
  readonly assumptions: Report['assumptions'];
  readonly warnings: ReportWarning[];
}

/**
 * The evaluator, in two passes over the lines in ledger order (decisions.md §1): `prepare` judges a
 * line and `observe` tallies what its group must know in advance (headcount, per-person totals);
 * then `emit` allocates each line with running sums and returns its report line, and `finish` gives
 * totals. Batch evaluation keeps the prepared lines; streaming prepares each line twice instead.
 * Not reentrant: await each prepare() before the next.
 */
export class Evaluation {
  private readonly reader: LedgerReader;
  private readonly assessor: LineAssessor;
  private readonly groups = new Map<string, Group>();
  private readonly totals = new TotalsAccumulator();
  private readonly assumptionIds = new Set<string>();
  private readonly entities = new Map<string, LedgerEntity>();
  private readonly personFacts: PersonFacts;

  constructor(
    entities: readonly unknown[],
    private readonly ruleSet: RuleSet,
    private readonly policy: Policy,
  ) {
    this.reader = new LedgerReader(entities, ruleSet);
    this.assessor = new LineAssessor(ruleSet);
    this.personFacts = new PersonFacts(ruleSet.glossary);
  }

  /** Problems with the entities themselves, found before any line. */
  get headerErrors(): readonly ReportError[] {
    return this.reader.errors;
  }

  get headerWarnings(): readonly ReportWarning[] {
    return this.reader.warnings;
  }

  /** Validates and normalises one line (row is 1-based). */
  read(item: unknown, row: number, duplicates: ReadonlySet<string>): ReadLine {
    return this.reader.read(item, row, duplicates);
  }

  /** First of all passes: records the person attributes a valid line states. */
  note(read: ReadLine): void {
    if (read.entry.valid) this.personFacts.note(read.entry.line);
  }

  /** Validates and judges one line; synchronous unless json-rules-engine must run. */
  prepare(
    item: unknown,
    row: number,
    duplicates: ReadonlySet<string>,
  ): PreparedLine | Promise<PreparedLine> {
    return this.judge(this.read(item, row, duplicates));
  }

  /** Judges a read line, with its person's attributes applied (the lines were noted first). */
  judge(read: ReadLine): PreparedLine | Promise<PreparedLine> {
    const { entry, errors } = read;
    if (!entry.valid)
      return {
        entry,
        errors,
        warnings: read.warnings,
        candidates: null,
        chosen: null,
        others: [],
        group: null,
      };
    const applied = this.personFacts.apply(entry.line);
    const line = applied.line;
    const warnings =
      applied.changed.length === 0
        ? read.warnings
        : [
            ...read.warnings,
            {
              code: 'PERSON_FACTS_APPLIED',
              line: line.id,
              message: `line ${line.id}: ${applied.changed.map((id) => `${id} = ${JSON.stringify(line.facts.get(id))}`).join(', ')} taken from other lines of person ${line.person ?? ''} (${line.entity.code} FY${line.fiscalYear}): a person attribute applies to all of the person's lines`,
            },
          ];
    const judged: LedgerEntry = applied.changed.length === 0 ? entry : { valid: true, line };
    this.entities.set(line.entity.code, line.entity);
    const assessed = this.assessor.assess(line);
    if (assessed instanceof Promise)
      return assessed.then((candidates) => this.choose(judged, line, errors, warnings, candidates));
    return this.choose(judged, line, errors, warnings, assessed);
  }

  private choose(
    entry: LedgerEntry,
    line: LedgerLine,
    errors: readonly ReportError[],
    warnings: readonly ReportWarning[],
    candidates: readonly Candidate[],
  ): PreparedLine {
    const eligible = candidates.filter(
      (candidate): candidate is EligibleCandidate => candidate.status === 'eligible',
    );
    if (eligible.length === 0)
      return { entry, errors, warnings, candidates, chosen: null, others: [], group: null };
    // Several measures match: the largest amount wins (decisions.md §1.7).
    const choice =
      eligible.length === 1 && eligible[0] !== undefined
        ? { chosen: eligible[0], others: [] }
        : chooseCandidate(line, eligible);
    const group = `${line.entity.code}\u0000${line.fiscalYear}\u0000${choice.chosen.measure.id}\u0000${choice.chosen.component.id ?? ''}`;
    return {
      entry,
      errors,
      warnings,
      candidates,
      chosen: choice.chosen,
      others: choice.others,
      group,
    };
  }

  /** First pass: lets the line's group see it. */
  observe(prepared: PreparedLine): void {
    if (prepared.group === null || prepared.chosen === null || !prepared.entry.valid) return;
    let group = this.groups.get(prepared.group);
    if (group === undefined) {
      const { measure, component } = prepared.chosen;
      group = {
        measure,
        component,
        entity: prepared.entry.line.entity,
        fiscalYear: prepared.entry.line.fiscalYear,
        observer: new GroupObserver(component),
        allocator: null,
      };
      this.groups.set(prepared.group, group);
    }
    group.observer.observe(prepared.entry.line);
  }

  /** Second pass, in ledger order: the line's report line and any error the group computation finds. */
  emit(prepared: PreparedLine): {
    line: ReportLine;
    errors: ReportError[];
    warnings: ReportWarning[];
  } {
    const { entry } = prepared;
    let result: { line: ReportLine; errors: ReportError[]; warnings: ReportWarning[] };
    if (!entry.valid) {
      result = { line: invalidLine(entry.line), errors: [], warnings: [] };
    } else if (prepared.chosen === null || prepared.group === null) {
      const decided = decidedLine(entry.line, prepared.candidates ?? []);
      result = { line: decided.line, errors: [], warnings: decided.warnings };
    } else {
      const group = this.groups.get(prepared.group);
      if (group === undefined)
        throw new Error(`line ${entry.line.id} was not observed before it was emitted`);
      group.allocator ??= new GroupAllocator(
        group.measure,
        group.component,
        group.observer.plan(this.policy),
        group.entity,
        this.policy,
      );
      const built = eligibleLine(
        entry.line,
        prepared.chosen,
        prepared.others,
        prepared.candidates ?? [],
        group.allocator.next(entry.line),
      );
      result = {
        line: built.line,
        errors: built.error === null ? [] : [built.error],
        warnings: [],
      };
    }
    this.totals.add(result.line);
    for (const id of result.line.assumptions) this.assumptionIds.add(id);
    return result;
  }

  /** After the last line: totals (with the bond schedule a policy asks for), assumptions, group warnings. */
  finish(): EvaluationEnd {
    const warnings: ReportWarning[] = [];
    for (const group of this.groups.values()) {
      const prefix = `${group.entity.code} FY${group.fiscalYear} ${group.measure.id}`;
      for (const warning of group.allocator?.finish() ?? [])
        warnings.push(groupWarning(warning, prefix));
    }
    let totals = this.totals.totals();
    if (this.policy.bondInterestRate !== undefined)
      totals = totals.map((total) =>
        this.withSchedule(total, new Yen(this.policy.bondInterestRate ?? '0')),
      );
    return {
      totals,
      assumptions: [...this.assumptionIds].sort().map((id) => {
        const assumption = this.ruleSet.assumptions[id];
        return { id, title: assumption?.title ?? id, text: assumption?.text ?? '' };
      }),
      warnings,
    };
  }

  private withSchedule(total: Total, rate: Yen): Total {
    const measure = this.ruleSet.measures.find((candidate) => candidate.id === total.measure);
    if (measure === undefined || total.bond === undefined) return total;
    const lookup = findVersion(measure, total.fiscalYear);
    const component =
      lookup.found === 'covered'
        ? lookup.version.components.find((c) => (c.id ?? null) === total.component)
        : undefined;
    if (component?.amount.method !== 'bond') return total;
    const entity = this.entities.get(total.entity);
    const nonRecipient =
      entity !== undefined && (entity.nonRecipient || entity.kind === 'special-ward');
    for (const id of component.amount.taxMeasureRate.assumptions ?? []) this.assumptionIds.add(id);
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
  }
}

function groupWarning(warning: GroupWarning, prefix: string): ReportWarning {
  return { code: warning.code, line: warning.line, message: `${prefix}: ${warning.message}` };
}

import { bondSchedule } from '../compute/bond-schedule.js';
import {
  AllocationRules,
  GroupAllocator,
  type CapScope,
  type GroupContext,
  type GroupWarning,
} from '../compute/group-allocator.js';
import { overheadContext, OverheadTally } from '../compute/overhead.js';
import { builtinFact } from '../eligibility/builtin-fact.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { personTallyFor, planGroup } from '../compute/group-plan.js';
import type { PersonTally } from '../compute/person-tally.js';
import { Yen } from '../core/yen.js';
import {
  LedgerReader,
  type LedgerEntity,
  type LedgerEntry,
  type LedgerLine,
} from '../ledger/normalize-ledger.js';
import type { Policy } from '../core/policy.js';
import {
  decidedLine,
  eligibleLine,
  invalidLine,
  type ReportContext,
} from '../report/report-line.js';
import { deepFreeze } from '../report/deep-freeze.js';
import { SharedValues } from '../report/shared-values.js';
import { TotalsAccumulator, type TotalsHolder } from '../report/totals-accumulator.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { Component, Measure } from '../schema/measure.js';
import type { Report, ReportError, ReportLine, ReportWarning, Total } from '../schema/report.js';
import type { Candidate } from '../eligibility/candidate.js';
import { chooseCandidate, type EligibleCandidate } from '../compute/choose-candidate.js';
import { findVersion } from './find-version.js';
import { factValue, LineAssessor } from './line-assessor.js';
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
  readonly group: Group | null;
}

/**
 * Lines of one entity × fiscal year × measure × component, allocated together. A national ledger
 * has hundreds of thousands: a group holds little, and closes after its last line.
 */
export interface Group extends TotalsHolder {
  readonly measure: Measure;
  readonly component: Component;
  readonly entity: LedgerEntity;
  readonly fiscalYear: number;
  /** Its place among the groups, in order of their first lines (its warnings keep that order). */
  readonly order: number;
  /** Row of its last line, noted in the first pass: the group closes once that line is emitted. */
  lastRow: number;
  /** Its persons, tallied in the first pass (only for components that count them). */
  tally: PersonTally | null;
  /** Made for its first line in the second pass, dropped when the group closes. */
  allocator: GroupAllocator | null;
}

/** What the end of an evaluation adds to its lines: totals, assumptions and group warnings. */
export interface EvaluationEnd {
  readonly totals: Total[];
  readonly assumptions: Report['assumptions'];
  readonly warnings: ReportWarning[];
}

/**
 * The evaluator, in two passes over the lines in ledger order (docs/decisions.md §1): `prepare` judges a
 * line and `observe` tallies what its group must know in advance (headcount, per-person totals);
 * then `emit` allocates each line with running sums and returns its report line, and `finish` gives
 * totals. Batch evaluation keeps the prepared lines; streaming prepares each line twice instead.
 * Not reentrant: await each prepare() before the next.
 */
export class Evaluation {
  private readonly reader: LedgerReader;
  private readonly assessor: LineAssessor;
  private readonly totals = new TotalsAccumulator();
  private readonly assumptionIds = new Set<string>();
  private readonly assumptionArrays = new WeakSet<readonly string[]>();
  /** Open groups by measure id, component id and entity × fiscal year (see groupOf). */
  private readonly groupIndex = new Map<string, Map<string, Map<number, Group>>>();
  /** Entity codes numbered for groupIndex. */
  private readonly entityNumbers = new Map<string, number>();
  private groupCount = 0;
  /** Warnings of the groups closed so far (with their order: finish gives them in group order). */
  private readonly closedWarnings: { order: number; warnings: ReportWarning[] }[] = [];
  private readonly allocationRules: AllocationRules;
  private readonly eligibleOf = new WeakMap<readonly Candidate[], EligibleCandidate[]>();
  private readonly entities = new Map<string, LedgerEntity>();
  private readonly personFacts: PersonFacts;
  /** Scopes of measure-wide caps, per entity × fiscal year × measure. */
  private readonly measureScopes = new Map<string, Map<string, CapScope>>();
  private readonly overheads = new OverheadTally();
  private readonly fact = (line: LedgerLine, id: string): FactValue | Missing => {
    const builtin = builtinFact(line, id);
    if (builtin !== undefined) return builtin;
    const definition = Object.hasOwn(this.ruleSet.glossary.facts, id)
      ? this.ruleSet.glossary.facts[id]
      : undefined;
    return definition === undefined ? MISSING : factValue(line, id, definition);
  };

  constructor(
    entities: readonly unknown[],
    private readonly ruleSet: RuleSet,
    private readonly policy: Policy,
  ) {
    this.reader = new LedgerReader(entities, ruleSet);
    this.assessor = new LineAssessor(ruleSet);
    this.personFacts = new PersonFacts(ruleSet.glossary);
    this.allocationRules = new AllocationRules(policy);
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

  /** First of all passes for one ledger line: reads it only if it could state a person attribute. */
  noteItem(item: unknown, row: number, duplicates: ReadonlySet<string>): void {
    if (this.personFacts.mayState(item)) this.note(this.read(item, row, duplicates));
  }

  /** Validates and judges one line; synchronous unless json-rules-engine must run. */
  prepare(
    item: unknown,
    row: number,
    duplicates: ReadonlySet<string>,
  ): PreparedLine | Promise<PreparedLine> {
    return this.judge(this.read(item, row, duplicates));
  }

  /** Validates one line and takes the candidates it was judged to have on an earlier pass. */
  prepareJudged(
    item: unknown,
    row: number,
    duplicates: ReadonlySet<string>,
    candidates: readonly Candidate[] | null,
  ): PreparedLine | Promise<PreparedLine> {
    return this.judge(this.read(item, row, duplicates), candidates);
  }

  /**
   * Judges a read line, with its person's attributes applied (the lines were noted first);
   * `earlier` gives the candidates an earlier pass found for it.
   */
  judge(
    read: ReadLine,
    earlier: readonly Candidate[] | null = null,
  ): PreparedLine | Promise<PreparedLine> {
    const { entry, errors } = read;
    if (!entry.valid)
      return {
        entry,
        errors,
        warnings: read.warnings,
        candidates: null,
        chosen: null,
        others: NONE,
        group: null,
      };
    const applied = this.personFacts.apply(entry.line);
    const line = applied.line;
    const warnings: readonly ReportWarning[] =
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
    const appliedEntry: LedgerEntry = applied.changed.length === 0 ? entry : { valid: true, line };
    this.entities.set(line.entity.code, line.entity);
    if (earlier !== null) return this.choose(appliedEntry, line, errors, warnings, earlier);
    const assessed = this.assessor.assess(line);
    if (assessed instanceof Promise)
      return assessed.then((candidates) =>
        this.choose(appliedEntry, line, errors, warnings, candidates),
      );
    return this.choose(appliedEntry, line, errors, warnings, assessed);
  }

  private choose(
    entry: LedgerEntry,
    line: LedgerLine,
    errors: readonly ReportError[],
    warnings: readonly ReportWarning[],
    candidates: readonly Candidate[],
  ): PreparedLine {
    // Lines judged alike share their candidates array, so its eligible ones are found once.
    let eligible = this.eligibleOf.get(candidates);
    if (eligible === undefined) {
      eligible = candidates.filter(
        (candidate): candidate is EligibleCandidate => candidate.status === 'eligible',
      );
      this.eligibleOf.set(candidates, eligible);
    }
    if (eligible.length === 0)
      return { entry, errors, warnings, candidates, chosen: null, others: NONE, group: null };
    // Several measures match: the largest amount wins (docs/decisions.md §1.7).
    const choice =
      eligible.length === 1 && eligible[0] !== undefined
        ? { chosen: eligible[0], others: NONE }
        : chooseCandidate(line, eligible);
    return {
      entry,
      errors,
      warnings,
      candidates,
      chosen: choice.chosen,
      others: choice.others,
      group: this.groupOf(choice.chosen, line),
    };
  }

  /**
   * The group of entity × fiscal year × measure × component, found through maps keyed by the ids
   * and a number for entity × fiscal year (a key string per line costs more; a map per entity ×
   * measure × component, more memory). Groups are made in the order their first lines come, as
   * `finish` gives their warnings.
   */
  private groupOf(chosen: EligibleCandidate, line: LedgerLine): Group {
    const { measure, component } = chosen;
    const byPlace = this.placesOf(measure.id, component.id ?? '');
    const place = this.placeOf(line.entity.code, line.fiscalYear);
    let group = byPlace.get(place);
    if (group === undefined) {
      group = {
        measure,
        component,
        entity: line.entity,
        fiscalYear: line.fiscalYear,
        order: this.groupCount,
        lastRow: 0,
        tally: personTallyFor(component),
        allocator: null,
        totalRow: -1,
      };
      this.groupCount += 1;
      byPlace.set(place, group);
    }
    return group;
  }

  private placesOf(measureId: string, componentId: string): Map<number, Group> {
    let byComponent = this.groupIndex.get(measureId);
    if (byComponent === undefined) {
      byComponent = new Map();
      this.groupIndex.set(measureId, byComponent);
    }
    let byPlace = byComponent.get(componentId);
    if (byPlace === undefined) {
      byPlace = new Map();
      byComponent.set(componentId, byPlace);
    }
    return byPlace;
  }

  /**
   * Entity × fiscal year as one number (a small integer for any real ledger): fiscal years are
   * 1900–2200, or a date's four-digit year, so 16,384 years per entity never overlap.
   */
  private placeOf(code: string, fiscalYear: number): number {
    let number = this.entityNumbers.get(code);
    if (number === undefined) {
      number = this.entityNumbers.size;
      this.entityNumbers.set(code, number);
    }
    return number * 16_384 + fiscalYear;
  }

  /** First pass: lets the line's group see it. */
  observe(prepared: PreparedLine): void {
    if (!prepared.entry.valid) return;
    // A line no measure took may still be a direct cost a 一般管理費 base waits for.
    if (prepared.chosen === null && prepared.candidates !== null)
      this.overheads.observeOpen(prepared.candidates, prepared.entry.line);
    const { group } = prepared;
    if (group === null || prepared.chosen === null) return;
    const { line } = prepared.entry;
    group.lastRow = line.row;
    if (group.tally !== null && line.person !== undefined) group.tally.add(line);
    this.overheads.observe(prepared.chosen, line, this.fact);
  }

  /** What the group's allocator needs from the rest of the evaluation. */
  private contextOf(group: Group, line: LedgerLine): GroupContext {
    const { component } = group;
    const overhead = component.amount.method === 'overhead';
    // Most groups share one context: a national ledger has many groups.
    if (!overhead && !(component.caps ?? []).some((cap) => cap.scope === 'measure'))
      return this.plainContext;
    const key = `${group.entity.code}\u0000${group.fiscalYear}\u0000${group.measure.id}`;
    let measureScopes = this.measureScopes.get(key);
    if (measureScopes === undefined) {
      measureScopes = new Map();
      this.measureScopes.set(key, measureScopes);
    }
    const base = { fact: this.fact, measureScopes, extraCaps: [] };
    return overhead
      ? overheadContext(base, component, this.overheads.totals(key, component), line)
      : base;
  }

  /** What report lines read of the evaluation (their own facts where lines judged alike differ). */
  private readonly reportContext: ReportContext = {
    value: (line, id) => this.fact(line, id),
    shared: new SharedValues(),
  };

  /** The context of a group without measure-wide caps (its empty scopes map is never written). */
  private readonly plainContext: GroupContext = {
    fact: (line, id) => this.fact(line, id),
    measureScopes: new Map(),
    extraCaps: [],
  };

  /** Second pass, in ledger order: the line's report line and any error the group computation finds. */
  emit(prepared: PreparedLine): {
    line: ReportLine;
    errors: readonly ReportError[];
    warnings: readonly ReportWarning[];
  } {
    const { entry } = prepared;
    let result: {
      line: ReportLine;
      errors: readonly ReportError[];
      warnings: readonly ReportWarning[];
    };
    if (!entry.valid) {
      result = { line: invalidLine(entry.line), errors: NONE, warnings: NONE };
    } else if (prepared.chosen === null || prepared.group === null) {
      const decided = decidedLine(entry.line, prepared.candidates ?? [], this.reportContext);
      result = { line: decided.line, errors: NONE, warnings: decided.warnings };
    } else {
      const { group } = prepared;
      const allocator = (group.allocator ??= this.allocatorOf(group, entry.line));
      const built = eligibleLine(
        entry.line,
        prepared.chosen,
        prepared.others,
        prepared.candidates ?? [],
        allocator.next(entry.line),
        this.reportContext,
      );
      if (entry.line.row === group.lastRow && !allocator.sharesScopes) this.close(group);
      const { version, component } = prepared.chosen;
      const cautions =
        version.caution === undefined && component.caution === undefined
          ? NONE
          : [version.caution, component.caution].filter(
              (text): text is string => text !== undefined,
            );
      const open = openAlternatives(prepared.candidates ?? NONE, group.measure.id);
      let warnings: readonly ReportWarning[] = NONE;
      if (cautions.length > 0 || open !== null) {
        const list = cautions.map((text): ReportWarning => ({
          code: 'RULE_CAUTION',
          line: entry.line.id,
          message: `line ${entry.line.id}: ${group.measure.id}: ${text}`,
        }));
        if (open !== null)
          list.push({
            code: 'UNDETERMINED_ALTERNATIVE',
            line: entry.line.id,
            message: `line ${entry.line.id}: taken by ${group.measure.id}, but ${open} could also apply and may give a larger amount — with the missing facts the choice (decisions.md §1.7) could change`,
          });
        warnings = list;
      }
      result = {
        line: built.line,
        errors: built.error === null ? NONE : [built.error],
        warnings,
      };
    }
    this.totals.add(result.line, prepared.group ?? undefined);
    // Lines judged alike share one frozen assumptions array: each array is read once.
    const { assumptions } = result.line;
    if (!this.assumptionArrays.has(assumptions)) {
      if (Object.isFrozen(assumptions)) this.assumptionArrays.add(assumptions);
      for (const id of assumptions) this.assumptionIds.add(id);
    }
    return result;
  }

  private allocatorOf(group: Group, line: LedgerLine): GroupAllocator {
    const { measure, component, entity } = group;
    const context = this.contextOf(group, line);
    const plan = planGroup(component, group.tally, this.policy);
    // The tally has served: the plan holds what the second pass needs of it.
    group.tally = null;
    return new GroupAllocator(this.allocationRules.of(measure, component, entity, context), plan);
  }

  /**
   * After a group's last line: keeps its warnings (its scopes see no more lines) and drops the
   * group, which leaves only its totals row. Groups sharing a measure-wide scope wait for finish.
   */
  private close(group: Group): void {
    const warnings = this.groupWarnings(group);
    if (warnings.length > 0) this.closedWarnings.push({ order: group.order, warnings });
    group.allocator = null;
    this.placesOf(group.measure.id, group.component.id ?? '').delete(
      this.placeOf(group.entity.code, group.fiscalYear),
    );
  }

  private groupWarnings(group: Group): ReportWarning[] {
    const prefix = `${group.entity.code} FY${group.fiscalYear} ${group.measure.id}`;
    return (group.allocator?.finish() ?? []).map((warning) => groupWarning(warning, prefix));
  }

  /** After the last line: totals (with the bond schedule a policy asks for), assumptions, group warnings. */
  finish(): EvaluationEnd {
    // Groups still open (sharing a measure-wide scope) finish now; all in the order of groups.
    const open: Group[] = [];
    for (const byComponent of this.groupIndex.values())
      for (const byPlace of byComponent.values())
        for (const group of byPlace.values()) open.push(group);
    const ended = [...this.closedWarnings];
    for (const group of open.sort((a, b) => a.order - b.order))
      ended.push({ order: group.order, warnings: this.groupWarnings(group) });
    const warnings = ended.sort((a, b) => a.order - b.order).flatMap((entry) => entry.warnings);
    let totals = this.totals.totals();
    if (this.policy.bondInterestRate !== undefined)
      totals = totals.map((total) =>
        this.withSchedule(total, new Yen(this.policy.bondInterestRate ?? '0'), warnings),
      );
    // Frozen like every fragment of a line (the arrays holding them are the caller's).
    for (const total of totals) deepFreeze(total);
    return {
      totals,
      assumptions: [...this.assumptionIds].sort().map((id) => {
        const assumption = this.ruleSet.assumptions[id];
        return deepFreeze({ id, title: assumption?.title ?? id, text: assumption?.text ?? '' });
      }),
      warnings,
    };
  }

  private withSchedule(total: Total, rate: Yen, warnings: ReportWarning[]): Total {
    const measure = this.ruleSet.measures.find((candidate) => candidate.id === total.measure);
    if (measure === undefined || total.bond === undefined) return total;
    const lookup = findVersion(measure, total.fiscalYear);
    const component =
      lookup.found === 'covered'
        ? lookup.version.components.find((c) => (c.id ?? null) === total.component)
        : undefined;
    if (component?.amount.method !== 'bond') return total;
    const term = component.amount.termYears;
    if (term === undefined) {
      warnings.push({
        code: 'BOND_TERM_NOT_STATED',
        line: null,
        message: `${total.entity} FY${total.fiscalYear} ${total.measure}${total.component === null ? '' : ` ${total.component}`}: the sources state no 償還年限 for this bond, so no 元利償還 schedule is computed (policy bondInterestRate)`,
      });
      return total;
    }
    const entity = this.entities.get(total.entity);
    const nonRecipient =
      entity !== undefined && (entity.nonRecipient || entity.kind === 'special-ward');
    for (const id of component.amount.taxMeasureRate.assumptions ?? []) this.assumptionIds.add(id);
    return {
      ...total,
      schedule: bondSchedule(
        new Yen(total.bond),
        term.value,
        rate,
        component.amount.taxMeasureRate.value,
        nonRecipient,
      ),
    };
  }
}

/** Shared by the many lines without errors or warnings of their own. */
const NONE = Object.freeze([]) as readonly never[];

/**
 * Other measures a line could fall under if it stated more facts (undetermined with a rule version,
 * not merely before a measure's first year), named with their missing facts; null when none.
 */
function openAlternatives(candidates: readonly Candidate[], chosen: string): string | null {
  const isOpen = (
    candidate: Candidate,
  ): candidate is Extract<Candidate, { status: 'undetermined' }> =>
    candidate.status === 'undetermined' &&
    candidate.version !== null &&
    candidate.measure.id !== chosen &&
    candidate.stated === undefined;
  // Runs for every eligible line: allocate nothing in the usual case of no open alternative.
  if (!candidates.some(isOpen)) return null;
  return candidates
    .filter(isOpen)
    .map((candidate) => {
      const missing = [
        ...new Set(candidate.unknown.flatMap((entry) => entry.explanation.missing)),
      ].sort();
      return `${candidate.measure.id} (missing ${missing.join(', ') || 'facts'})`;
    })
    .join(', ');
}

function groupWarning(warning: GroupWarning, prefix: string): ReportWarning {
  return { code: warning.code, line: warning.line, message: `${prefix}: ${warning.message}` };
}

import { bondSchedule } from '../compute/bond-schedule.js';
import {
  GroupAllocator,
  type CapScope,
  type GroupContext,
  type GroupWarning,
} from '../compute/group-allocator.js';
import { overheadContext, OverheadTally } from '../compute/overhead.js';
import { BUILTIN_FACTS, builtinFact } from '../eligibility/builtin-fact.js';
import { MISSING, type FactValue, type Missing } from '../eligibility/missing.js';
import { GroupObserver } from '../compute/group-plan.js';
import { Yen } from '../compute/yen.js';
import {
  LedgerReader,
  type LedgerEntity,
  type LedgerEntry,
  type LedgerLine,
} from '../ledger/normalize-ledger.js';
import type { Policy } from '../policy.js';
import {
  decidedLine,
  eligibleLine,
  invalidLine,
  type ReportContext,
} from '../report/report-line.js';
import { SharedValues } from '../report/shared-values.js';
import { TotalsAccumulator } from '../report/totals-accumulator.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Component, Measure } from '../schema/measure.js';
import type { Report, ReportError, ReportLine, ReportWarning, Total } from '../schema/report.js';
import type { Candidate } from './candidate.js';
import { chooseCandidate, type EligibleCandidate } from './choose-candidate.js';
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

/** Lines of one entity × fiscal year × measure × component, allocated together. */
export interface Group {
  /** entity, fiscal year, measure and component, joined by NUL (also the totals' key). */
  readonly key: string;
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
  private readonly assumptionArrays = new WeakSet<readonly string[]>();
  /** Groups by measure, component id, entity and fiscal year (see groupOf). */
  private readonly groupIndex = new Map<
    Measure,
    Map<string, Map<LedgerEntity, Map<number, Group>>>
  >();
  private readonly eligibleOf = new WeakMap<readonly Candidate[], EligibleCandidate[]>();
  /** Candidates by entity, facts map, program, cost type, fiscal year and claim (knownCandidates). */
  private readonly judgementIndex = new Map<
    LedgerEntity,
    Map<
      ReadonlyMap<string, FactValue>,
      Map<string, Map<string, Map<number, Map<string, readonly Candidate[]>>>>
    >
  >();
  private judgementIndexSize = 0;
  private readonly judgementIndexOn: boolean;
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
    this.judgementIndexOn = Object.entries(ruleSet.glossary.facts).every(
      ([id, definition]) => definition.scope !== 'builtin' || INDEXED_BUILTINS.includes(id),
    );
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
    const appliedEntry: LedgerEntry = applied.changed.length === 0 ? entry : { valid: true, line };
    this.entities.set(line.entity.code, line.entity);
    const known = earlier ?? this.knownCandidates(line);
    if (known !== undefined) return this.choose(appliedEntry, line, errors, warnings, known);
    const assessed = this.assessor.assess(line);
    if (assessed instanceof Promise)
      return assessed.then((candidates) => {
        this.remember(line, candidates);
        return this.choose(appliedEntry, line, errors, warnings, candidates);
      });
    this.remember(line, assessed);
    return this.choose(appliedEntry, line, errors, warnings, assessed);
  }

  /**
   * The candidates of a line judged like an earlier one. Everything a judgement reads — program,
   * claim, fiscal year, cost type, the entity (kind, code, attributes) and the line's facts — is
   * a key here, found by identity where lines share the object (entities; facts maps are
   * interned), which costs less per line than the assessor's key text. Off when the glossary
   * has a builtin fact this key does not cover.
   */
  private knownCandidates(line: LedgerLine): readonly Candidate[] | undefined {
    if (!this.judgementIndexOn) return undefined;
    return this.judgementIndex
      .get(line.entity)
      ?.get(line.facts)
      ?.get(line.program)
      ?.get(line.costType)
      ?.get(line.fiscalYear)
      ?.get(line.claim ?? '');
  }

  private remember(line: LedgerLine, candidates: readonly Candidate[]): void {
    if (!this.judgementIndexOn) return;
    // Bounded: a ledger of ever-new fact values must not grow it without end, and a national
    // ledger's entities × fact combinations must not outweigh its groups (each entry is ~5 maps).
    if (this.judgementIndexSize >= 10_000) {
      this.judgementIndex.clear();
      this.judgementIndexSize = 0;
    }
    const level = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
      let value = map.get(key);
      if (value === undefined) {
        value = make();
        map.set(key, value);
      }
      return value;
    };
    type Years = Map<number, Map<string, readonly Candidate[]>>;
    const byFacts = level(
      this.judgementIndex,
      line.entity,
      () => new Map<ReadonlyMap<string, FactValue>, Map<string, Map<string, Years>>>(),
    );
    const byProgram = level(byFacts, line.facts, () => new Map<string, Map<string, Years>>());
    const byCost = level(byProgram, line.program, () => new Map<string, Years>());
    const byYear = level(byCost, line.costType, (): Years => new Map());
    level(byYear, line.fiscalYear, () => new Map<string, readonly Candidate[]>()).set(
      line.claim ?? '',
      candidates,
    );
    this.judgementIndexSize += 1;
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
    // Several measures match: the largest amount wins (decisions.md §1.7).
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
   * The group of entity × fiscal year × measure × component, found through maps keyed by the
   * (shared) objects themselves: a key string per line costs more. Groups are made in the order
   * their first lines come, as `finish` reports them.
   */
  private groupOf(chosen: EligibleCandidate, line: LedgerLine): Group {
    const { measure, component } = chosen;
    let byComponent = this.groupIndex.get(measure);
    if (byComponent === undefined) {
      byComponent = new Map();
      this.groupIndex.set(measure, byComponent);
    }
    const componentId = component.id ?? '';
    let byEntity = byComponent.get(componentId);
    if (byEntity === undefined) {
      byEntity = new Map();
      byComponent.set(componentId, byEntity);
    }
    let byYear = byEntity.get(line.entity);
    if (byYear === undefined) {
      byYear = new Map();
      byEntity.set(line.entity, byYear);
    }
    let group = byYear.get(line.fiscalYear);
    if (group === undefined) {
      const key = `${line.entity.code}\u0000${line.fiscalYear}\u0000${measure.id}\u0000${componentId}`;
      group = this.groups.get(key);
      if (group === undefined) {
        group = {
          key,
          measure,
          component,
          entity: line.entity,
          fiscalYear: line.fiscalYear,
          observer: new GroupObserver(component),
          allocator: null,
        };
        this.groups.set(key, group);
      }
      byYear.set(line.fiscalYear, group);
    }
    return group;
  }

  /** First pass: lets the line's group see it. */
  observe(prepared: PreparedLine): void {
    if (!prepared.entry.valid) return;
    // A line no measure took may still be a direct cost a 一般管理費 base waits for.
    if (prepared.chosen === null && prepared.candidates !== null)
      this.overheads.observeOpen(prepared.candidates, prepared.entry.line);
    const { group } = prepared;
    if (group === null || prepared.chosen === null) return;
    group.observer.observe(prepared.entry.line);
    this.overheads.observe(prepared.chosen, prepared.entry.line, this.fact);
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
    isBanded: (id) => this.assessor.bands.isBanded(id),
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
      group.allocator ??= new GroupAllocator(
        group.measure,
        group.component,
        group.observer.plan(this.policy),
        group.entity,
        this.policy,
        this.contextOf(group, entry.line),
      );
      const built = eligibleLine(
        entry.line,
        prepared.chosen,
        prepared.others,
        prepared.candidates ?? [],
        group.allocator.next(entry.line),
        this.reportContext,
      );
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
        const list = cautions.map((text) => ({
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
    this.totals.add(result.line, prepared.group?.key);
    // Lines judged alike share one frozen assumptions array: each array is read once.
    const { assumptions } = result.line;
    if (!this.assumptionArrays.has(assumptions)) {
      if (Object.isFrozen(assumptions)) this.assumptionArrays.add(assumptions);
      for (const id of assumptions) this.assumptionIds.add(id);
    }
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
        this.withSchedule(total, new Yen(this.policy.bondInterestRate ?? '0'), warnings),
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

/** The builtin facts the judgement index covers (the entity is a key in full): all it knows. */
const INDEXED_BUILTINS: readonly string[] = BUILTIN_FACTS;

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

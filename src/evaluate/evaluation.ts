// Long file: the passes of one evaluation share its state (groups, person facts, totals, the settled facts).
import type { FactValue, Missing } from '../core/missing.js';
import { Yen } from '../core/yen.js';
import {
  LedgerReader,
  type LedgerEntity,
  type LedgerEntry,
  type LedgerLine,
} from '../ledger/normalize-ledger.js';
import type { Policy } from '../core/policy.js';
import { decidedLine } from '../report/decided-line.js';
import { eligibleLine } from '../report/eligible-line.js';
import { invalidLine, type ReportContext } from '../report/report-line.js';
import { deepFreeze } from '../schema/deep-freeze.js';
import { SharedValues } from '../report/shared-values.js';
import { TotalsAccumulator } from '../report/totals-accumulator.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { Report, ReportError, ReportLine, ReportWarning, Total } from '../schema/report.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { EligibleCandidate } from '../compute/choose-candidate.js';
import { withBondSchedule } from './bond-schedule-total.js';
import { GroupIndex, type Group } from './group-index.js';
import { choiceFactsOf } from './choice-facts.js';
import { EligibleChoice } from './eligible-choice.js';
import { glossaryDefaulted, glossaryFact } from './glossary-fact.js';
import { factLabelOf } from '../schema/fact-label.js';
import type { LineAssessor } from './line-assessor.js';
import { assessorOf, factDomainsOf } from './prepared-rule-set.js';
import { mayLackOwnFact } from './may-lack-own-fact.js';
import { PersonClasses } from './person-classes.js';
import { PersonMeasures } from './person-measures.js';
import { PersonLookAlikes } from './person-look-alikes.js';
import { SearchBound } from './search-bound.js';
import { PersonFacts, personFactsApplied } from './person-facts.js';
import type { FactSettlement } from './settle-facts.js';
import { takenLineWarnings } from './taken-line-warnings.js';
import { UntakenReceipts } from './untaken-receipts.js';
import { BoundedCache } from '../eligibility/bounded-cache.js';
import { UndeterminedClaims } from './undetermined-claims.js';

export type { Group } from './group-index.js';

/** Line reads kept per half of the recent-reads cache (see BoundedCache). */
const RECENT_READS = 2_048;

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

/** What the end of an evaluation adds to its lines: totals, assumptions and group warnings. */
export interface EvaluationEnd {
  readonly totals: Total[];
  readonly assumptions: Report['assumptions'];
  readonly warnings: ReportWarning[];
}

/** The end with the place of each warning: its group's order, or the totals row of a bond schedule. */
export interface EvaluationParts {
  readonly totals: Total[];
  readonly assumptions: Report['assumptions'];
  readonly groupWarnings: readonly { readonly order: number; readonly warnings: ReportWarning[] }[];
  readonly bondWarnings: readonly { readonly total: number; readonly warnings: ReportWarning[] }[];
}

/** A report line with the errors and warnings the second pass finds for it. */
export interface EmittedLine {
  readonly line: ReportLine;
  readonly errors: readonly ReportError[];
  readonly warnings: readonly ReportWarning[];
}

/**
 * The evaluator, in three passes over the lines in ledger order (docs/decisions.md §1, docs/engine.md
 * "Passes"): `note` records the person attributes lines state; `prepare` judges a line and `observe`
 * tallies what its group must know in advance (headcount, per-person totals, 一般管理費 bases);
 * then `emit` allocates each line with running sums and returns its report line, and `finish`
 * gives totals and group warnings. Groups and what their allocators share live in `GroupIndex`.
 * Not reentrant: await each prepare() before the next.
 */
export class Evaluation {
  private readonly reader: LedgerReader;
  private readonly assessor: LineAssessor;
  private readonly totals = new TotalsAccumulator();
  private readonly assumptionIds = new Set<string>();
  private readonly assumptionArrays = new WeakSet<readonly string[]>();
  private readonly groups: GroupIndex;
  /** Warnings of the groups closed so far (with their order: finish gives them in group order). */
  private readonly closedWarnings: { order: number; warnings: ReportWarning[] }[] = [];
  private readonly choice = new EligibleChoice();
  private readonly entities = new Map<string, LedgerEntity>();
  private readonly personFacts: PersonFacts;
  private readonly personClasses: PersonClasses;
  private readonly personMeasures: PersonMeasures;
  /** Person ids that differ only to the eye (spaces, dots, dashes, case): one person claimed twice? */
  private readonly personLookAlikes = new PersonLookAlikes();
  /** 負担金 received that no measure took while the person's costs were taken. */
  private readonly receipts = new UntakenReceipts();
  private readonly fact: (line: LedgerLine, id: string) => FactValue | Missing;
  /** Entities with a line that may lack a fact that does not matter (decisions.md §4.1), noted in `observe`. */
  readonly suspects = new Set<string>();
  /** The rows of those lines (one number per such line: the search starts from them). */
  readonly suspectRows = new Set<number>();
  /** Their persons, as `entity code \u0000 person` (a streamed search screens their lines). */
  readonly suspectPersons = new Set<string>();
  /** What the lines noted so far give of each entity's search (its combinations). */
  private readonly bound: SearchBound;
  /** Undetermined lines under the caps and headcounts of lines a measure took (their warnings). */
  private readonly undetermined: UndeterminedClaims;

  /**
   * `settlement`: the missing facts found not to matter, and the lines they give (settle-facts.ts);
   * `reader`: a reader of these entities made already (it holds nothing of the lines it reads).
   */
  constructor(
    entities: readonly unknown[],
    private readonly ruleSet: RuleSet,
    private readonly policy: Policy,
    private readonly settlement: FactSettlement | null = null,
    reader?: LedgerReader,
  ) {
    this.reader = reader ?? new LedgerReader(settlement?.entities ?? entities, ruleSet);
    this.bound = new SearchBound(entities, factDomainsOf(ruleSet));
    // Shared by every evaluation with this rule set (prepared-rule-set.ts): it holds no ledger.
    this.assessor = assessorOf(ruleSet);
    this.personFacts = new PersonFacts(ruleSet.glossary);
    this.fact = glossaryFact(ruleSet);
    this.personClasses = new PersonClasses(this.fact);
    this.personMeasures = new PersonMeasures(ruleSet);
    this.groups = new GroupIndex(policy, this.fact);
    this.undetermined = new UndeterminedClaims(this.fact, policy);
    this.reportContext = {
      value: (line, id) => this.fact(line, id),
      defaulted: glossaryDefaulted(ruleSet),
      shared: new SharedValues(),
      factLabel: factLabelOf(ruleSet.glossary),
      choiceFacts: choiceFactsOf(ruleSet.glossary),
    };
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
    if (item === null || typeof item !== 'object')
      return this.reader.read(this.settled(item, row), row, duplicates);
    // The passes read each line again: a line read moments ago (the few rows of one entity that
    // the missing-facts search evaluates, a small ledger) is kept rather than read anew. The
    // reading depends only on the item, its row and the duplicate ids (fixed per evaluation).
    const kept = this.recentReads.get(item);
    if (kept !== undefined && kept.row === row && kept.duplicates === duplicates) return kept.read;
    const read = this.reader.read(this.settled(item, row), row, duplicates);
    this.recentReads.set(item, { row, duplicates, read });
    return read;
  }

  /** Lines read lately, by their ledger item (bounded: a big ledger's passes never hit it). */
  private readonly recentReads = new BoundedCache<
    object,
    { row: number; duplicates: ReadonlySet<string>; read: ReadLine }
  >(RECENT_READS);

  /** The line as evaluated: with a value for each of its missing facts found not to matter. */
  private settled(item: unknown, row: number): unknown {
    return this.settlement === null ? item : this.settlement.item(item, row);
  }

  /** First of all passes: records the person attributes a valid line states. */
  note(read: ReadLine): void {
    if (read.entry.valid) this.personFacts.note(read.entry.line);
  }

  /** First of all passes for one ledger line: reads it only if it could state a person attribute. */
  noteItem(item: unknown, row: number, duplicates: ReadonlySet<string>): void {
    if (this.personFacts.mayState(this.settled(item, row)))
      this.note(this.read(item, row, duplicates));
  }

  /**
   * Pass 0 for a ledger whose every line is kept (`evaluate`): reads the line, notes its person
   * attributes as noteItem would, and returns the read for pass 1 (`judge`), so each line is
   * read once. Not through the recent-reads cache, which a line read once never hits.
   */
  readAndNote(item: unknown, row: number, duplicates: ReadonlySet<string>): ReadLine {
    const settled = this.settled(item, row);
    const read = this.reader.read(settled, row, duplicates);
    if (this.personFacts.mayState(settled)) this.note(read);
    return read;
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
            personFactsApplied(line, applied.changed, this.reportContext.factLabel),
          ];
    const appliedEntry: LedgerEntry = applied.changed.length === 0 ? entry : { valid: true, line };
    this.entities.set(line.entity.code, line.entity);
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
    // Several measures match: the largest amount wins (docs/decisions.md §1.7).
    const choice = this.choice.of(line, candidates);
    if (choice === null)
      return { entry, errors, warnings, candidates, chosen: null, others: NONE, group: null };
    return {
      entry,
      errors,
      warnings,
      candidates,
      chosen: choice.chosen,
      others: choice.others,
      group: this.groups.groupOf(choice.chosen, line),
    };
  }

  /**
   * Lets go of the suspects once the search has read them: pass 2 needs none of them, and on a
   * streamed ledger of 10,000,000 lines they are tens of megabytes of a capped heap.
   */
  forgetSuspects(): void {
    this.suspects.clear();
    this.suspectRows.clear();
    this.suspectPersons.clear();
  }

  /** First pass: lets the line's group see it; `item` is the ledger's line it was read from. */
  observe(prepared: PreparedLine, item: unknown): void {
    // What pass 2 no longer needs is let go when it starts.
    if (this.emitting) throw new Error('Evaluation: a line observed after the second pass began');
    if (!prepared.entry.valid) return;
    if (
      this.settlement === null &&
      mayLackOwnFact(prepared, this.fact, factDomainsOf(this.ruleSet))
    ) {
      const { entity, person, row } = prepared.entry.line;
      // An entity the search would try nothing for is no suspect (search-bound.ts): it is never
      // searched, nor read again when streamed.
      if (this.bound.note(prepared, item)) {
        this.suspects.add(entity.code);
        this.suspectRows.add(row);
        if (person !== undefined) this.suspectPersons.add(`${entity.code}\u0000${person}`);
      } else this.suspects.delete(entity.code);
    }
    // A line no measure took may still be a direct cost a 一般管理費 base waits for.
    // Nor is it without weight when it is undetermined: it may share a cap with lines taken.
    if (prepared.chosen === null && prepared.candidates !== null) {
      this.groups.overheads.observeOpen(prepared.candidates, prepared.entry.line);
      this.undetermined.observe(prepared.candidates, prepared.entry.line);
      this.receipts.observe(prepared.candidates, prepared.entry.line);
      this.personLookAlikes.observeUndetermined(prepared.candidates, prepared.entry.line);
    }
    const { group } = prepared;
    if (group === null || prepared.chosen === null) return;
    const { line } = prepared.entry;
    this.personClasses.observe(prepared.chosen, line);
    this.personMeasures.observe(prepared.chosen, line);
    this.personLookAlikes.observe(prepared.chosen.measure, prepared.chosen.component, line);
    this.undetermined.observeTaken(prepared.chosen, line);
    group.lastRow = line.row;
    if (group.tally !== null && line.person !== undefined) group.tally.add(line);
    this.groups.observeTerm(group, line);
    this.groups.overheads.observe(prepared.chosen, line, this.fact);
  }

  /** Whether the second pass has begun (its first line emitted): no line is observed after. */
  private emitting = false;

  /** What report lines read of the evaluation (their own facts where lines judged alike differ). */
  private readonly reportContext: ReportContext;

  /** Second pass, in ledger order: the line's report line and any error the group computation finds. */
  emit(prepared: PreparedLine): EmittedLine {
    if (!this.emitting) {
      this.emitting = true;
      this.undetermined.endFirstPass();
      this.personMeasures.endFirstPass();
      this.personLookAlikes.endFirstPass();
      this.personClasses.endFirstPass();
      this.receipts.endFirstPass((measure, component, entity, fiscalYear) =>
        this.groups.find(measure, component, entity, fiscalYear),
      );
    }
    const { entry } = prepared;
    let result: EmittedLine;
    if (!entry.valid || prepared.chosen === null || prepared.group === null)
      result = this.lineOnItsOwn(entry, prepared.candidates);
    else {
      const { group, chosen } = prepared;
      if (group.allocator === null) {
        // Read before allocatorOf lets go of the group's tally.
        group.headcountRisk = this.undetermined.headcountRisk(
          chosen.measure,
          chosen.component,
          entry.line,
          group.tally,
        );
        group.allocator = this.groups.allocatorOf(group, entry.line);
      }
      const { allocator } = group;
      const built = eligibleLine(
        entry.line,
        chosen,
        prepared.others,
        prepared.candidates ?? [],
        allocator.next(entry.line),
        this.reportContext,
      );
      if (entry.line.row === group.lastRow && !allocator.sharesScopes) this.close(group);
      const taken = takenLineWarnings(
        entry.line,
        prepared.chosen,
        prepared.candidates ?? NONE,
        this.reportContext.factLabel,
      );
      const conflict = this.personClasses.warningOf(prepared.chosen, entry.line);
      // A line its group left undetermined counts for the lines below it; others may be warned.
      if (built.line.status === 'undetermined')
        this.undetermined.observeEmitted(chosen, entry.line);
      const waits = this.undetermined.warningOf(
        chosen,
        entry.line,
        built.line,
        group.headcountRisk,
      );
      const shared = this.personMeasures.warningOf(chosen, entry.line);
      const lookAlike = this.personLookAlikes.warningOf(
        chosen.measure,
        chosen.component,
        entry.line,
      );
      const undeducted = this.receipts.costWarning(chosen, entry.line);
      const added = [conflict, shared, lookAlike, undeducted, waits].filter(
        (warning) => warning !== null,
      );
      result = {
        line: built.line,
        errors: built.error === null ? NONE : [built.error],
        warnings: added.length === 0 ? taken : [...taken, ...added],
      };
    }
    // A line of an entity whose missing facts were found not to matter: as the search made it.
    const settledLine = entry.valid ? this.settlement?.line(entry.line.row) : undefined;
    if (settledLine !== undefined) result = { ...result, line: settledLine };
    this.totals.add(result.line, prepared.group ?? undefined);
    // Lines judged alike share one frozen assumptions array: each array is read once.
    const { assumptions } = result.line;
    if (!this.assumptionArrays.has(assumptions)) {
      if (Object.isFrozen(assumptions)) this.assumptionArrays.add(assumptions);
      for (const id of assumptions) this.assumptionIds.add(id);
    }
    return result;
  }

  /**
   * The report line of a line no group reads (an invalid line, or one no measure takes), as emit
   * gives it but without counting it in the totals; null for a grouped line. The search of
   * docs/decisions.md §4.1 reads such lines of the ledger's first evaluation this way
   * (standalone-baseline.ts): their report line (status, reasons, missing facts) depends on
   * nothing but the line and its candidates. Their warnings may not: RECEIPT_NOT_DEDUCTED reads
   * the person's other lines, and is given only once pass 2 began (the baseline reads no warning).
   */
  standaloneLine(prepared: PreparedLine): EmittedLine | null {
    const { entry } = prepared;
    if (entry.valid && prepared.chosen !== null && prepared.group !== null) return null;
    return this.lineOnItsOwn(entry, prepared.candidates);
  }

  private lineOnItsOwn(entry: LedgerEntry, candidates: readonly Candidate[] | null): EmittedLine {
    if (!entry.valid) return { line: invalidLine(entry.line), errors: NONE, warnings: NONE };
    const decided = decidedLine(entry.line, candidates ?? [], this.reportContext);
    const added = [
      this.receipts.receiptWarning(entry.line),
      this.personLookAlikes.undeterminedWarning(candidates ?? NONE, entry.line),
    ].filter((warning) => warning !== null);
    return {
      line: decided.line,
      errors: NONE,
      warnings: added.length === 0 ? decided.warnings : [...decided.warnings, ...added],
    };
  }

  /**
   * After a group's last line: keeps its warnings (its scopes see no more lines) and drops the
   * group, which leaves only its totals row. Groups sharing a measure-wide scope wait for finish.
   */
  private close(group: Group): void {
    const warnings = this.groups.warningsOf(group);
    if (warnings.length > 0) this.closedWarnings.push({ order: group.order, warnings });
    group.allocator = null;
    this.groups.remove(group);
  }

  /** Totals rows opened so far (a worker notes the line that opened each: evaluate-shard.ts). */
  get totalRows(): number {
    return this.totals.size;
  }

  /** After the last line: totals (with the bond schedule a policy asks for), assumptions, group warnings. */
  finish(): EvaluationEnd {
    const parts = this.finishParts();
    return {
      totals: parts.totals,
      assumptions: parts.assumptions,
      warnings: [
        ...parts.groupWarnings.flatMap((entry) => entry.warnings),
        ...parts.bondWarnings.flatMap((entry) => entry.warnings),
      ],
    };
  }

  /**
   * What finish gives, with the place of each warning: group warnings by group order, then the
   * bond schedule's warnings by totals row (shards of a ledger are merged on them, merge-shards.ts).
   */
  finishParts(): EvaluationParts {
    // Groups still open (sharing a measure-wide scope) finish now; all in the order of groups.
    const ended = [...this.closedWarnings];
    for (const group of this.groups.open())
      ended.push({ order: group.order, warnings: this.groups.warningsOf(group) });
    const groupWarnings = ended.sort((a, b) => a.order - b.order);
    const bondWarnings: { total: number; warnings: ReportWarning[] }[] = [];
    let totals = this.totals.totals();
    if (this.policy.bondInterestRate !== undefined)
      totals = totals.map((total, index) => {
        const warnings: ReportWarning[] = [];
        const scheduled = withBondSchedule(
          total,
          new Yen(this.policy.bondInterestRate ?? '0'),
          new Yen(this.policy.roundingUnit),
          this.ruleSet,
          this.entities,
          warnings,
          this.assumptionIds,
        );
        if (warnings.length > 0) bondWarnings.push({ total: index, warnings });
        return scheduled;
      });
    // Frozen like every fragment of a line (the arrays holding them are the caller's).
    for (const total of totals) deepFreeze(total);
    return {
      totals,
      assumptions: [...this.assumptionIds].sort().map((id) => {
        const assumption = this.ruleSet.assumptions[id];
        return deepFreeze({ id, title: assumption?.title ?? id, text: assumption?.text ?? '' });
      }),
      groupWarnings,
      bondWarnings,
    };
  }
}

/** Shared by the many lines without errors or warnings of their own. */
const NONE = Object.freeze([]) as readonly never[];

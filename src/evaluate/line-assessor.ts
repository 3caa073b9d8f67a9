import { BoundedCache } from '../eligibility/bounded-cache.js';
import { builtinFact } from '../eligibility/builtin-fact.js';
import { FactBands } from '../eligibility/fact-bands.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { VersionEvaluator, type VersionOutcome } from '../eligibility/version-evaluator.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { FactDefinition } from '../schema/glossary.js';
import type { Measure, Version } from '../schema/measure.js';
import type { Candidate } from '../eligibility/candidate.js';
import { findVersion, type VersionLookup } from './find-version.js';
import { TurnQueue } from './turn-queue.js';
import { fromOutcome, hasNewComponent, notInForce } from './version-candidate.js';

/**
 * Judgements kept per half of the cache (see BoundedCache): at 20,000 a half the caches held 44 MB
 * of a streamed 10,000,000-line ledger's capped heap, at 8,000 30 MB, for about 2 % more time in
 * the in-memory bench (4,000: 6–9 %).
 */
const CACHED = 8_000;

/** What a line of one program, claim and fiscal year is judged against, and which facts that reads. */
interface Plan {
  readonly key: string;
  readonly fiscalYear: number;
  readonly steps: readonly {
    readonly measure: Measure;
    readonly lookup: VersionLookup;
    readonly evaluator: VersionEvaluator | null;
  }[];
  readonly facts: readonly (readonly [string, FactDefinition])[];
}

/** The measures a line is evaluated against: its claim, else every measure of its program (docs/decisions.md §1.1). */
export function candidateMeasures(
  line: Pick<LedgerLine, 'claim' | 'program'>,
  ruleSet: RuleSet,
): Measure[] {
  if (line.claim !== undefined)
    return ruleSet.measures.filter((measure) => measure.id === line.claim);
  return ruleSet.measures.filter((measure) => measure.programs.includes(line.program));
}

/** The value a line (its entity, for an entity fact; the ledger, for a builtin) itself gives a fact. */
export function statedValue(
  line: LedgerLine,
  id: string,
  definition: FactDefinition,
): FactValue | undefined {
  if (definition.scope === 'builtin') return builtinFact(line, id);
  return (definition.scope === 'line' ? line.facts : line.entity.attributes).get(id);
}

/** A fact's value for a line: as stated, else the glossary's default, else missing. */
export function factValue(
  line: LedgerLine,
  id: string,
  definition: FactDefinition,
): FactValue | Missing {
  const value = statedValue(line, id, definition);
  if (value === undefined && 'default' in definition && definition.default !== undefined)
    return definition.default;
  return value ?? MISSING;
}

/**
 * Judges lines against their candidate measures. Lines that agree on program, claim, fiscal year
 * and the values of every fact their candidates read — numbers by the band their conditions can
 * tell apart (fact-bands.ts) — get the same (shared, immutable) judgement, so conditions are
 * evaluated once per distinct combination and the report can share its fragments. Conditions run
 * compiled (synchronously), or through json-rules-engine when asked (those judgements queue).
 * Holds nothing of a ledger, so evaluations of one prepared rule set share it.
 */
export class LineAssessor {
  /** Plans by program, claim ('' for none) and fiscal year. */
  private readonly planIndex = new Map<string, Map<string, Map<number, Plan>>>();
  private readonly evaluators = new Map<string, VersionEvaluator>();
  private readonly judged = new BoundedCache<string, readonly Candidate[]>(CACHED);
  /** Candidates by the version outcome they come from, and arrays by the candidates they hold. */
  private readonly byOutcome = new WeakMap<VersionOutcome, Candidate>();
  private readonly outside = new Map<string, Candidate>();
  private readonly arrays = new BoundedCache<string, readonly Candidate[]>(CACHED);
  private readonly candidateIds = new WeakMap<Candidate, number>();
  private nextCandidateId = 0;
  readonly bands: FactBands;

  /**
   * `conditions`: 'compiled' (the per-line path: conditions as plain functions, no awaiting) or
   * 'json-rules-engine' (the engine of record, for the differential tests; same reports).
   */
  constructor(
    private readonly ruleSet: RuleSet,
    private readonly conditions: 'compiled' | 'json-rules-engine' = 'compiled',
  ) {
    this.bands = new FactBands(
      ruleSet.glossary.facts,
      ruleSet.measures.flatMap((measure) => measure.versions),
    );
  }

  private plan(line: LedgerLine): Plan {
    // Found without building the key text (once per line): by program, claim and fiscal year.
    const byClaim = this.planIndex.get(line.program)?.get(line.claim ?? '');
    const found = byClaim?.get(line.fiscalYear);
    if (found !== undefined) return found;
    const key = `${line.program}\u0000${line.claim ?? ''}\u0000${line.fiscalYear}`;
    const factIds = new Set<string>();
    const steps = candidateMeasures(line, this.ruleSet).map((measure) => {
      const lookup = findVersion(measure, line.fiscalYear);
      // Before the first version, the first version's conditions are read only to tell whether the
      // line aims at a component the sources say did not exist yet (docs/decisions.md §1.2).
      const judgedVersion =
        lookup.found === 'covered'
          ? lookup.version
          : lookup.found === 'before' && hasNewComponent(measure, lookup.first, line.fiscalYear)
            ? lookup.first
            : null;
      if (judgedVersion === null) return { measure, lookup, evaluator: null };
      const evaluatorKey = `${measure.id}@${judgedVersion.id}`;
      let evaluator = this.evaluators.get(evaluatorKey);
      if (evaluator === undefined) {
        evaluator = new VersionEvaluator(judgedVersion, this.bands);
        this.evaluators.set(evaluatorKey, evaluator);
      }
      for (const id of evaluator.factIds) factIds.add(id);
      return { measure, lookup, evaluator };
    });
    const facts = [...factIds].sort().flatMap((id) => {
      const definition = Object.hasOwn(this.ruleSet.glossary.facts, id)
        ? this.ruleSet.glossary.facts[id]
        : undefined;
      return definition === undefined ? [] : [[id, definition] as const];
    });
    const plan = { key, fiscalYear: line.fiscalYear, steps, facts };
    let byProgram = this.planIndex.get(line.program);
    if (byProgram === undefined)
      this.planIndex.set(line.program, (byProgram = new Map<string, Map<number, Plan>>()));
    let years = byProgram.get(line.claim ?? '');
    if (years === undefined) byProgram.set(line.claim ?? '', (years = new Map<number, Plan>()));
    years.set(line.fiscalYear, plan);
    return plan;
  }

  /**
   * The line's candidates, in rule-set order; the same array for lines that read the same. Returns
   * synchronously with compiled conditions; through json-rules-engine, a promise unless the
   * combination was judged before.
   */
  assess(line: LedgerLine): readonly Candidate[] | Promise<readonly Candidate[]> {
    const plan = this.plan(line);
    // The key is built by concatenation: this runs once per line, a Map and JSON per line cost more.
    let key = plan.key;
    for (const [id, definition] of plan.facts)
      key += `\u0000${this.bands.keyOf(id, factValue(line, id, definition))}`;
    const cached = this.judged.get(key);
    if (cached !== undefined) return cached;
    const values = new Map<string, FactValue | Missing>();
    for (const [id, definition] of plan.facts) values.set(id, factValue(line, id, definition));
    if (this.conditions === 'compiled')
      return this.judge(
        plan,
        plan.steps.map(({ evaluator }) => evaluator?.evaluate(values) ?? null),
        key,
      );
    return this.turns.run(async () => {
      const outcomes: (VersionOutcome | null)[] = [];
      for (const { evaluator } of plan.steps)
        outcomes.push(evaluator === null ? null : await evaluator.evaluateWithEngine(values));
      return this.judge(plan, outcomes, key);
    });
  }

  /** Engine-of-record judgements, one at a time (evaluations may share this assessor). */
  private readonly turns = new TurnQueue();

  /** The candidates from each step's outcome (null for a step whose conditions are not read). */
  private judge(
    plan: Plan,
    outcomes: readonly (VersionOutcome | null)[],
    key: string,
  ): readonly Candidate[] {
    const candidates: Candidate[] = [];
    plan.steps.forEach(({ measure, lookup }, index) => {
      const outcome = outcomes[index] ?? null;
      if (lookup.found === 'before' && outcome !== null) {
        candidates.push(this.beforeCandidate(measure, lookup.first, outcome, plan.fiscalYear));
        return;
      }
      if (lookup.found !== 'covered') {
        candidates.push(this.outsideCandidate(measure, lookup, plan.fiscalYear));
        return;
      }
      if (outcome === null) throw new Error(`no evaluator for ${measure.id}`);
      let candidate = this.byOutcome.get(outcome);
      if (candidate === undefined) {
        candidate = fromOutcome(measure, lookup.version, outcome);
        this.byOutcome.set(outcome, candidate);
      }
      candidates.push(candidate);
    });
    // Lines of different plans or bands often end alike: one array for them (the report's
    // fragments are found by this array).
    let arrayKey = '';
    for (const candidate of candidates) arrayKey += `${String(this.idOf(candidate))},`;
    const shared = this.arrays.get(arrayKey) ?? Object.freeze(candidates);
    this.arrays.set(arrayKey, shared);
    // Bounded: adversarial ledgers with ever-new fact values must not grow the cache without end.
    this.judged.set(key, shared);
    return shared;
  }

  /**
   * The candidate of a measure with no version for the line's year: one per measure and version
   * (and, before the first version, per whether the measure existed yet).
   */
  private outsideCandidate(
    measure: Measure,
    lookup: Exclude<VersionLookup, { found: 'covered' }>,
    fiscalYear: number,
  ): Candidate {
    const from = measure.inForceFrom;
    const notYet = lookup.found === 'before' && from !== undefined && fiscalYear < from.fiscalYear;
    const key = `${measure.id}\u0000${lookup.found === 'ended' ? lookup.version.id : notYet ? '<' : ''}`;
    let candidate = this.outside.get(key);
    if (candidate === undefined) {
      candidate =
        lookup.found === 'before'
          ? notYet
            ? notInForce(measure, lookup.first, from, null)
            : { status: 'undetermined', measure, version: null, unknown: [] }
          : {
              status: 'ineligible',
              measure,
              version: lookup.version,
              failed: [],
              outOfPeriod: true,
            };
      this.outside.set(key, candidate);
    }
    return candidate;
  }

  /**
   * Before the first version, for a measure with components added later: NOT_YET_IN_FORCE when
   * the component the first version would give the line did not exist in its year, otherwise as
   * any year before the first version (the measure itself may not exist yet either).
   */
  private beforeCandidate(
    measure: Measure,
    first: Version,
    outcome: VersionOutcome,
    fiscalYear: number,
  ): Candidate {
    const index = outcome.findIndex((explanation) => explanation.value === 'true');
    const component = index < 0 ? undefined : first.components[index];
    const from = component?.inForceFrom;
    if (component === undefined || from === undefined || fiscalYear >= from.fiscalYear)
      return this.outsideCandidate(measure, { found: 'before', first }, fiscalYear);
    const key = `${measure.id}\u0000<${index}`;
    let candidate = this.outside.get(key);
    if (candidate === undefined) {
      candidate = notInForce(measure, first, from, component);
      this.outside.set(key, candidate);
    }
    return candidate;
  }

  private idOf(candidate: Candidate): number {
    let id = this.candidateIds.get(candidate);
    if (id === undefined) {
      id = this.nextCandidateId;
      this.nextCandidateId += 1;
      this.candidateIds.set(candidate, id);
    }
    return id;
  }
}

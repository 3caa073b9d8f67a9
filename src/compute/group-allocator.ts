// Long file: the line-by-line allocation of one group is one loop whose cap kinds (running, term, receipt, on the amount) share its state.
import type { WarningCode } from '../core/codes.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap } from '../schema/measure.js';
import { personNeededText } from './headcount-text.js';
import type { CapNote } from '../schema/report.js';
import type { AllocationRule } from './allocation-rule.js';
import { capLimit } from './cap-limit.js';
import { CapScope } from './cap-scope.js';
import { negativeLinesMessage } from './negative-lines-message.js';
import { isReceipt, ReceiptDeductions } from './receipt-deductions.js';
import { RunningClamp } from './clamp-running.js';
import { plus, type Exact } from './exact.js';
import type { GroupPlan, GroupVerdict } from './group-plan.js';
import { difference, floorTimesRate } from './floor-times-rate.js';
import { capNote } from './cap-note.js';
import { FRESH_TERM, termId, termKey, type TermStart } from './term-starts.js';
import { amountCapHeld, flooredPlus } from './amount-cap.js';
import { Yen } from '../core/yen.js';

/** The result of the group computation for one line. */
export type Allocation =
  | {
      readonly kind: 'allocated';
      readonly base: Yen;
      readonly amount: Yen;
      /** 起債額, for local bonds. */
      readonly bond: Yen | null;
      readonly caps: readonly CapNote[];
      readonly headcountExcluded: boolean;
      /** The amount is zero because the entity receives no 交付税 (docs/decisions.md §1.8). */
      readonly nonRecipient: boolean;
      /** Per-person amounts: why this line carries none (another line carries it; the total is not positive). */
      readonly perPerson: 'carried' | 'not-positive' | null;
    }
  | GroupVerdict;

export interface GroupWarning {
  readonly code: WarningCode;
  readonly line: string | null;
  readonly message: string;
}

const ZERO = new Yen(0);
const ONE = new Yen(1);

export { AllocationRule, AllocationRules } from './allocation-rule.js';
export { CapScope } from './cap-scope.js';
export { plainFact, type GroupContext } from './group-context.js';

/**
 * The second pass over one group, line by line in ledger order (docs/decisions.md §1.4–§1.8): the plan's
 * headcount and per-person choices, each cap's running-sum clamp, then the rate (or bond, or unit
 * amount) on the running total. Holds only running sums, as numbers while they are safe integers
 * (the rule is shared), so that the many groups of a national ledger can stream.
 */
export class GroupAllocator {
  /** Σ base of the lines so far: the running total the rate (or 充当率) applies to. */
  private running: Exact = 0;
  /**
   * Σ limit of the lines whose amount a cap on the amount held (`on: "amount"`): their amounts
   * are those limits, whole yen, added to rate × the running base of the others before the floor.
   */
  private fixed: Exact = 0;
  /**
   * Per cap of the rule: its scope for the group (`entity`), its scopes per person (`person`) or
   * per term (a cap over a term).
   */
  private scopes: (CapScope | Map<string, CapScope> | undefined)[] | null = null;
  /** Per cap over a term: where each of its terms stood when this group opened it. */
  private termStarts: Map<string, TermStart>[] | null = null;
  /** Persons whose unit amount a line carries already (per-person amounts only). */
  private carried: Set<string> | null = null;
  /** Receipts deducted after a person cap, made for the group's first receipt. */
  private receipts: ReceiptDeductions | null = null;

  constructor(
    private readonly rule: AllocationRule,
    private readonly plan: GroupPlan,
  ) {}

  /** A scope of a shared (measure-wide) cap: the group's warnings wait until all groups are done. */
  get sharesScopes(): boolean {
    return this.rule.sharesScopes;
  }

  next(line: LedgerLine): Allocation {
    const rule = this.rule;
    if (rule.needsPerson !== null && line.person === undefined) {
      return {
        kind: 'invalid',
        field: 'person',
        expected: personNeededText(rule.measure.title, rule.needsPerson),
        received: '未入力',
      };
    }
    const plan = this.plan;
    if (plan.kind !== 'allocate') return plan;
    if (rule.context.verdict !== undefined) return rule.context.verdict;
    const person = line.person ?? '';
    const notes: CapNote[] = [];
    const excluded = plan.excluded.has(person);
    if (excluded && rule.component.headcount !== undefined) {
      const headcount = rule.component.headcount;
      notes.push({
        id: headcount.id,
        label: headcount.label,
        scope: 'headcount',
        limit: String(headcount.limit),
        counted: '0',
        headroom: '0',
        binding: true,
      });
    }
    let base = excluded ? ZERO : new Yen(line.amount);
    const limits: (Yen | null)[] = [];
    /** A receipt deducted after a cap: no cap, on the base or the amount, applies to it. */
    let receiptLine = false;
    if (!excluded && rule.caps.length > 0) {
      // Every cap's limit first: a line left undetermined must not consume any running total.
      // The term each cap over a term counts this line under ('' for other caps).
      const keys: string[] = [];
      for (const { cap, limit } of rule.caps) {
        const resolved = capLimit(cap, limit, line, rule.context);
        if (resolved !== null && !(resolved instanceof Yen)) return resolved;
        limits.push(resolved);
        const key =
          cap.term === undefined || resolved === null
            ? person
            : termKey(cap, cap.term, line, rule.context);
        if (typeof key !== 'string') return key;
        keys.push(key);
      }
      // A 戻入 under a cap on each line alone: what it corrects depends on the line it corrects
      // (capped or not), which the engine cannot know — never count it as 0 silently.
      const lineCap = base.isNegative()
        ? rule.caps.find(({ cap }, index) => cap.scope === 'line' && limits[index] !== null)
        : undefined;
      if (lineCap !== undefined)
        return {
          kind: 'undetermined',
          missing: [],
          code: 'CORRECTION_UNDER_LINE_CAP',
          text: `${lineCap.cap.label}: 明細ごとの上限の下にある負の明細（戻入）は、訂正する元の明細が上限を超えていたかで効果が変わるため判定できない。元の明細の金額を訂正して計上すること`,
          cite: lineCap.cap.cite,
        };
      const receipt = rule.caps.find(({ cap }) => isReceipt(cap, line));
      if (receipt !== undefined) {
        receiptLine = true;
        // A receipt counts under no cap: it takes back the person's capped costs, no more.
        this.receipts ??= new ReceiptDeductions(plan.capped);
        const deducted = this.receipts.deduct(receipt.cap, person, base, ZERO);
        notes.push(deducted.note);
        base = deducted.base;
      }
      rule.caps.forEach(({ cap }, index) => {
        const limit = limits[index];
        if (receipt !== undefined || limit === undefined || limit === null) return;
        // A cap on the amount: applied to rate × base below, after every cap on the base.
        if (cap.on === 'amount') return;
        if (cap.scope === 'line') {
          // Each line alone: a fresh clamp, nothing kept.
          const clamp = new RunningClamp(limit);
          const counted = clamp.next(base);
          notes.push(capNote(cap, limit, counted, base, clamp.clamped));
          base = counted;
          return;
        }
        const key = keys[index] ?? person;
        const scope = this.scopeOf(index, cap, key, limit);
        const counted = scope.count(line.id, base);
        const start = cap.term === undefined ? undefined : this.termStarts?.[index]?.get(key);
        notes.push(capNote(cap, limit, counted, base, scope.clamped, start && { key, start }));
        base = counted;
      });
    }
    let amount: Yen;
    let bond: Yen | null = null;
    let perPerson: 'carried' | 'not-positive' | null = null;
    if (rule.amountRate !== null) {
      // Each line gets floor(rate × running total) − the same before it (docs/decisions.md §1.6).
      const before = this.running;
      const after = plus(before, base);
      const held =
        rule.capsAmount && !receiptLine
          ? amountCapHeld(rule.caps, base, rule.amountRate, limits, notes)
          : null;
      if (held !== null) {
        // The line's amount is the limit: its base stays out of the running base the rate reads.
        const fixedBefore = this.fixed;
        this.fixed = plus(fixedBefore, held);
        amount = flooredPlus(before, this.fixed, rule.amountRate, rule.unit).minus(
          flooredPlus(before, fixedBefore, rule.amountRate, rule.unit),
        );
      } else if (this.fixed !== 0) {
        this.running = after;
        amount = flooredPlus(after, this.fixed, rule.amountRate, rule.unit).minus(
          flooredPlus(before, this.fixed, rule.amountRate, rule.unit),
        );
      } else if (rule.bondRate !== null) {
        this.running = after;
        const bondBefore = floorTimesRate(before, rule.bondRate, ONE);
        const bondAfter = floorTimesRate(after, rule.bondRate, ONE);
        bond = difference(bondAfter, bondBefore);
        amount = difference(
          floorTimesRate(bondAfter, rule.amountRate, rule.unit),
          floorTimesRate(bondBefore, rule.amountRate, rule.unit),
        );
      } else {
        this.running = after;
        amount = difference(
          floorTimesRate(after, rule.amountRate, rule.unit),
          floorTimesRate(before, rule.amountRate, rule.unit),
        );
      }
    } else if (rule.unitAmount !== null) {
      const carried = (this.carried ??= new Set());
      if (!carried.has(person) && plan.positive.has(person)) {
        // Once per person and fiscal year, on the person's first line (docs/decisions.md §2).
        carried.add(person);
        amount = rule.unitAmount;
      } else {
        if (!excluded) perPerson = plan.positive.has(person) ? 'carried' : 'not-positive';
        carried.add(person);
        amount = ZERO;
      }
    } else {
      amount = ZERO;
    }
    return {
      kind: 'allocated',
      base,
      amount: rule.nonRecipient ? ZERO : amount,
      bond,
      caps: notes,
      headcountExcluded: excluded,
      nonRecipient: rule.nonRecipient,
      perPerson,
    };
  }

  /**
   * The running scope of an `entity`, `person` or `measure` cap for this line, made on first use;
   * `key` is the person, or the term of a cap over a term.
   */
  private scopeOf(index: number, cap: Cap, key: string, limit: Yen): CapScope {
    if (cap.scope === 'measure') {
      const shared = this.rule.context.measureScopes;
      let scope = shared.get(cap.id);
      if (scope === undefined) {
        scope = new CapScope(limit);
        shared.set(cap.id, scope);
      }
      return scope;
    }
    // Exactly one slot per cap: a grown array would reserve room for 17.
    const scopes = (this.scopes ??= this.rule.caps.map(() => undefined));
    if (cap.scope === 'person' || cap.term !== undefined) {
      let byKey = scopes[index];
      if (!(byKey instanceof Map)) {
        byKey = new Map<string, CapScope>();
        scopes[index] = byKey;
      }
      let scope = byKey.get(key);
      if (scope === undefined) {
        const start = cap.term === undefined ? 0 : this.termStart(index, cap, key);
        // A term's scope may be shared with the measure's other components (group-context.ts);
        // kept here too, so that this group's notes and warnings find it.
        const shared = cap.term === undefined ? undefined : this.rule.context.termScopes;
        const id = termId(cap.id, key);
        scope = shared?.get(id) ?? new CapScope(limit, start);
        shared?.set(id, scope);
        byKey.set(key, scope);
      }
      return scope;
    }
    let scope = scopes[index];
    if (!(scope instanceof CapScope)) {
      scope = new CapScope(limit);
      scopes[index] = scope;
    }
    return scope;
  }

  /** Where a term of a cap over a term stands as this group opens it (kept for the line's note). */
  private termStart(index: number, cap: Cap, key: string): Exact {
    const start = this.rule.context.terms?.start(cap, key) ?? FRESH_TERM;
    const starts = (this.termStarts ??= this.rule.caps.map(() => new Map()));
    starts[index]?.set(key, start);
    return start.sum;
  }

  /** Warnings only the whole group can show, plus the plan's own. */
  finish(): GroupWarning[] {
    const warnings: GroupWarning[] =
      this.plan.kind === 'allocate'
        ? this.plan.warnings.map((warning) => ({ ...warning, line: null }))
        : [];
    this.rule.caps.forEach(({ cap }, index) => {
      // A measure-wide cap's one scope is shared by the measure's groups (each says it once);
      // the map holds the scopes of the measure's other measure-wide caps too, with their labels.
      const held =
        cap.scope === 'measure'
          ? this.rule.context.measureScopes.get(cap.id)
          : this.scopes?.[index];
      const scopes: Iterable<[string, CapScope]> =
        held === undefined ? [] : held instanceof Map ? held : [['', held]];
      for (const [person, scope] of scopes) {
        // A negative line under a cap that bound is a correction to the engine (docs/decisions.md §1.4),
        // which gives back headroom only below the limit: ask whether that is what it is.
        const negative = scope.negativeLines();
        if (negative === null) continue;
        warnings.push({
          code: 'NEGATIVE_LINE_UNDER_BINDING_CAP',
          line: negative.first,
          message: negativeLinesMessage({
            cap,
            limit: scope.limit.toFixed(0),
            person: cap.scope === 'person' || cap.term !== undefined ? person : null,
            named: negative.named,
            peak: negative.peak,
            net: negative.net,
          }),
        });
      }
    });
    return warnings;
  }
}

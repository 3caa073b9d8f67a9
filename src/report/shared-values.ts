import type { Reason } from '../schema/report.js';
import { deepFreeze, frozenCopy } from '../schema/deep-freeze.js';

const EMPTY: readonly never[] = Object.freeze([]);
const MAX_SHARED = 50_000;

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/** A short text naming a value: strings by content, objects by identity. */
function tokenOf(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    let id = objectIds.get(value);
    if (id === undefined) {
      id = nextObjectId;
      nextObjectId += 1;
      objectIds.set(value, id);
    }
    return `#${String(id)}`;
  }
  return JSON.stringify(value);
}

/**
 * One frozen copy of each distinct list and reason a report holds, frozen all the way down (a
 * caller changing a fragment of one line must not change the others). Lines judged alike already share
 * their fragments; lines judged apart (by a fact no reason names, or after a judgement cache was
 * emptied) mostly explain themselves alike too, and a million-line report would otherwise hold a
 * copy per judgement. Per evaluation, and bounded: past the bound, new values are simply not shared.
 */
export class SharedValues {
  private readonly lists = new Map<string, readonly unknown[]>();
  private readonly reasons = new Map<string, Reason>();
  /** Reasons made by withActual, by the reason they come from and the value they show. */
  private readonly showing = new WeakMap<Reason, Map<string, Reason>>();
  private showingCount = 0;

  /**
   * The shared frozen list with these elements (strings by value, objects by identity); objects
   * in it are frozen too.
   */
  list<T>(values: readonly T[]): readonly T[] {
    if (values.length === 0) return EMPTY;
    let key = '';
    for (const value of values) key += `${tokenOf(value)},`;
    const found = this.lists.get(key);
    if (found !== undefined) return found as readonly T[];
    // A list of this instance's own reasons (a line's reasons showing its own values, a list per
    // line once the map is full) needs only the array frozen: its elements are already.
    const frozen = values.every(
      (value) => typeof value !== 'object' || value === null || this.madeFrozen.has(value),
    );
    const list = (frozen ? Object.freeze([...values]) : deepFreeze([...values])) as readonly T[];
    if (this.lists.size < MAX_SHARED) this.lists.set(key, list);
    return list;
  }

  /** The reasons this instance gave, frozen all the way down (one entry per shared reason). */
  private readonly madeFrozen = new WeakSet();

  /**
   * The shared reason equal to this one, frozen all the way down (its citations are shared lists
   * already). The value it shows is a frozen copy: it may be the line's own (a list from the
   * ledger, or facts interned for every evaluation), which a caller must not reach through it.
   */
  /**
   * The shared reason equal to `reason` but showing `actual` (a line's own value where lines
   * judged alike differ): found by the reason and the value, without the key of a whole reason
   * that `reason` builds (its text is the longest part).
   */
  withActual(reason: Reason, actual: Reason['actual']): Reason {
    const token = tokenOf(actual);
    let byValue = this.showing.get(reason);
    if (byValue === undefined) {
      byValue = new Map();
      this.showing.set(reason, byValue);
    }
    let found = byValue.get(token);
    if (found === undefined) {
      found = this.reason({ ...reason, actual });
      if (this.showingCount < MAX_SHARED) {
        byValue.set(token, found);
        this.showingCount += 1;
      }
    }
    return found;
  }

  /** Marked reasons, by the reason they mark: building reason()'s key each time costs its text. */
  private readonly marked = new WeakMap<Reason, Reason>();

  /** The reason marked as showing a value the line left blank (the glossary's default). */
  defaulted(reason: Reason): Reason {
    if (reason.defaulted === true) return reason;
    let found = this.marked.get(reason);
    if (found === undefined) {
      found = this.reason({ ...reason, defaulted: true });
      this.marked.set(reason, found);
    }
    return found;
  }

  reason(reason: Reason): Reason {
    const key = [
      reason.code,
      reason.measure,
      reason.component,
      reason.condition,
      reason.text,
      reason.fact,
      tokenOf(reason.actual),
      tokenOf(reason.citations),
      reason.defaulted === true ? 'defaulted' : '',
    ].join('\u0000');
    const found = this.reasons.get(key);
    if (found !== undefined) return found;
    const shared = deepFreeze({ ...reason, actual: frozenCopy(reason.actual) });
    if (this.reasons.size < MAX_SHARED) this.reasons.set(key, shared);
    this.madeFrozen.add(shared);
    return shared;
  }
}

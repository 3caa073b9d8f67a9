import type { Reason } from '../schema/report.js';

// Typed as mutable for the report's types; frozen, so any attempt to change it throws.
const EMPTY = Object.freeze([]) as unknown as never[];
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
 * One frozen copy of each distinct list and reason a report holds. Lines judged alike already share
 * their fragments; lines judged apart (by a fact no reason names, or after a judgement cache was
 * emptied) mostly explain themselves alike too, and a million-line report would otherwise hold a
 * copy per judgement. Per evaluation, and bounded: past the bound, new values are simply not shared.
 */
export class SharedValues {
  private readonly lists = new Map<string, readonly unknown[]>();
  private readonly reasons = new Map<string, Reason>();

  /** The shared frozen list with these elements (strings by value, objects by identity). */
  list<T>(values: readonly T[]): T[] {
    if (values.length === 0) return EMPTY;
    let key = '';
    for (const value of values) key += `${tokenOf(value)},`;
    const found = this.lists.get(key);
    if (found !== undefined) return found as T[];
    const list = Object.freeze([...values]);
    if (this.lists.size < MAX_SHARED) this.lists.set(key, list);
    return list as T[];
  }

  /** The shared frozen reason equal to this one (its citations are shared lists already). */
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
    ].join('\u0000');
    const found = this.reasons.get(key);
    if (found !== undefined) return found;
    const shared = Object.freeze(reason);
    if (this.reasons.size < MAX_SHARED) this.reasons.set(key, shared);
    return shared;
  }
}

import type { DeepReadonly } from '../schema/deep-readonly.js';

/** Objects known to be frozen all the way down: a fragment shared by many is walked once. */
const deeplyFrozen: WeakSet<object> = new WeakSet();

/**
 * Freezes a value and every object and array in it, in place, and returns it. Report fragments are
 * shared between lines and, through caches keyed by rule objects, between evaluations: a caller
 * changing one must get a TypeError, not a changed report for every later call. Give it only values
 * the report built itself (never a caller's input, which it would freeze too).
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null && !deeplyFrozen.has(value)) {
    for (const key of Reflect.ownKeys(value))
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    Object.freeze(value);
    deeplyFrozen.add(value);
  }
  return value as DeepReadonly<T>;
}

/** A frozen copy of a value a report shows but does not own (a line's own fact value, say). */
export function frozenCopy<T>(value: T): DeepReadonly<T> {
  if (typeof value !== 'object' || value === null) return value as DeepReadonly<T>;
  if (deeplyFrozen.has(value)) return value as DeepReadonly<T>;
  return deepFreeze(structuredClone(value));
}

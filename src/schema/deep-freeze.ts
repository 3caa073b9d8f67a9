import type { DeepReadonly } from './deep-readonly.js';

/**
 * Freezes a value and every object and array in it, in place, and returns it. Report fragments are
 * shared between lines and, through caches keyed by rule objects, between evaluations: a caller
 * changing one must get a TypeError, not a changed report for every later call. Give it only values
 * the report built itself (never a caller's input, which it would freeze too). No bookkeeping of
 * what is frozen already: fragments are small, and a WeakSet entry per line's caps costs more.
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) for (const item of value as unknown[]) deepFreeze(item);
    else for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/** Whether a value and every object and array in it are frozen (so it can never change). */
export function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return (Array.isArray(value) ? (value as unknown[]) : Object.values(value)).every(isDeeplyFrozen);
}

/**
 * A value a report shows but does not own (a line's own fact value, which may be interned for
 * every later evaluation), frozen: itself if it is already, else a frozen copy.
 */
export function frozenCopy<T>(value: T): DeepReadonly<T> {
  if (isDeeplyFrozen(value)) return value as DeepReadonly<T>;
  return deepFreeze(structuredClone(value));
}

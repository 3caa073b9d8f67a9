/**
 * Stands in for a fact the line lacks when json-rules-engine evaluates a condition (the engine
 * throws on undefined facts). Every operator returns false on it, and the three-valued walk turns
 * a leaf on it into `unknown` — a missing fact never reads as false or 0.
 */
export const MISSING: unique symbol = Symbol('kofuzei.missing-fact');
export type Missing = typeof MISSING;

/** A fact's value as the engine sees it: boolean, enum or decimal string, or a list of strings. */
export type FactValue = boolean | string | readonly string[];

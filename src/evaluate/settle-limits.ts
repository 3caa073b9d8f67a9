/** At most this many missing facts on one line are tried (docs/engine.md). */
export const MAX_FACTS_PER_LINE = 3;
/** At most this many combinations of values are tried for one entity (docs/engine.md). */
export const MAX_COMBINATIONS = 64;

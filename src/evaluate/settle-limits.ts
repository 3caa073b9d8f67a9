/** At most this many missing facts on one line are tried (docs/engine.md). */
export const MAX_FACTS_PER_LINE = 3;
/** At most this many combinations of values are tried for one entity (docs/engine.md). */
export const MAX_COMBINATIONS = 64;
/**
 * A streamed ledger's fact search holds the lines of at most about this many lines' worth of
 * suspect entities at a time (an entity's lines are never split; more entities cost another
 * read of the file). About 400 bytes a held line: some 80 MB, well inside the streaming heap cap.
 */
export const MAX_HELD_ROWS = 200_000;

/** At most this many missing facts on one line are tried (docs/engine.md). */
export const MAX_FACTS_PER_LINE = 3;
/** At most this many combinations of values are tried for one entity (docs/engine.md). */
export const MAX_COMBINATIONS = 64;
/**
 * A streamed ledger's fact search holds the lines of at most about this many lines' worth of
 * suspect entities at a time (an entity's lines are never split; more entities cost another
 * read of the file). A held line is about 560 bytes of heap (a parsed bench line): some 56 MB.
 * What the first passes keep grows with the ledger (groups, persons, the suspect rows): on a
 * 10,000,000-line ledger it left too little of the 320 MiB streaming heap for 200,000 held lines
 * (113 MB), and the run stopped out of memory in its first batches.
 */
export const MAX_HELD_ROWS = 100_000;

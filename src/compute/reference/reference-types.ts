// The reference allocator gives its results in the fast path's own types: the differential test
// compares like with like, and only the arithmetic that fills them is written anew.
import type { Allocation, GroupWarning } from '../group-allocator.js';
import type { GroupVerdict } from '../group-plan.js';

/** A line the reference allocator cannot allocate: invalid (a field is wrong) or undetermined. */
export type ReferenceVerdict = GroupVerdict;

/** What the reference allocator gives one line. */
export type ReferenceAllocation = Allocation;

export type ReferenceWarning = GroupWarning;

import type { Yen } from '../../core/yen.js';
import type { CapNote } from '../../schema/report.js';

/** A line the reference allocator cannot allocate: invalid (a field is wrong) or undetermined. */
export type ReferenceVerdict =
  | {
      readonly kind: 'invalid';
      readonly field: string;
      readonly expected: string;
      readonly received: string;
    }
  | {
      readonly kind: 'undetermined';
      readonly missing: readonly string[];
      readonly text: string;
      readonly code?: 'CAP_NOT_STATED' | 'CORRECTION_UNDER_LINE_CAP';
      readonly cite?: readonly string[];
    };

/** What the reference allocator gives one line (the fast path's `Allocation`, written anew). */
export type ReferenceAllocation =
  | {
      readonly kind: 'allocated';
      readonly base: Yen;
      readonly amount: Yen;
      readonly bond: Yen | null;
      readonly caps: readonly CapNote[];
      readonly headcountExcluded: boolean;
      readonly nonRecipient: boolean;
      readonly perPerson: 'carried' | 'not-positive' | null;
    }
  | ReferenceVerdict;

export interface ReferenceWarning {
  readonly code: string;
  readonly line: string | null;
  readonly message: string;
}

/** Three-valued truth (docs/decisions.md §1.3). */
export type Tri = 'true' | 'false' | 'unknown';

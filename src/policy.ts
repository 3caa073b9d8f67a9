import * as z from 'zod';

/** Options that override the product's default decisions where decisions.md says "policy". */
export const PolicySchema = z.strictObject({
  /** 措置額 rounding: floor to a multiple of this many yen (decisions.md §1.6). Default "1". */
  roundingUnit: z
    .string()
    .regex(/^[1-9]\d*$/, 'a positive whole number of yen, such as "1000"')
    .default('1'),
  /**
   * with more persons than a headcount cap and no selectedForHeadcount, `rank` counts the
   * persons with the largest totals (with a warning); `explicit` leaves the group undetermined.
   */
  headcountSelection: z.enum(['rank', 'explicit']).default('rank'),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

import * as z from 'zod';

/** Options that override the product's default decisions where docs/decisions.md §6 says so. */
export const PolicySchema = z.strictObject({
  /** 措置額 rounding: floor to a multiple of this many yen (docs/decisions.md §1.6). Default "1". */
  roundingUnit: z
    .string()
    .regex(/^[1-9]\d*$/, 'a positive whole number of yen, such as "1000"')
    .default('1'),
  /**
   * with more persons than a headcount cap and no selectedForHeadcount, `rank` counts the
   * persons with the largest totals (with a warning); `explicit` leaves the group undetermined.
   */
  headcountSelection: z.enum(['rank', 'explicit']).default('rank'),
  /**
   * an annual interest rate ("0.005") for local bonds; totals then carry the 元利償還 schedule
   * over the bond's term and each year's 交付税措置 on 元利償還金.
   */
  bondInterestRate: z
    .string()
    // Below 1: "5" meant as 5 % would otherwise be a 500 % schedule (as `values` rates lie in (0, 1]).
    .regex(
      /^0(\.\d+)?$/,
      'an annual rate below 1 written as a decimal string, such as "0.005" (0.5 %)',
    )
    .optional(),
  /**
   * Values the sources leave unstated, keyed by the rule parameter's `policyKey` (A-18 rates such
   * as "kyoryokutai-tokko.activity.rate", or the amount of a 上限 the sources do not give).
   * Keys and ranges are checked against the rule set (applyPolicyValues): a rate lies in (0, 1],
   * a 上限 is whole yen, and an unknown key (including "__proto__") is refused.
   */
  values: z
    .record(
      z.string(),
      z
        .string()
        .regex(
          /^((0|[1-9]\d*)(\.\d+)?|[1-9]\d*\/[1-9]\d*)$/,
          'a decimal or fraction string, such as "0.8", "2/3" or "1000000"',
        ),
    )
    .default({}),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

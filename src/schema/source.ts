import * as z from 'zod';

/**
 * A verbatim quote from a source document in rules/sources/. `lines` is "358" or "1440-1465";
 * fragments of a multi-line quote are joined by " … " and each must appear within those lines.
 */
export const SourceSchema = z.strictObject({
  file: z
    .string()
    .regex(/^[\w.-]+\.txt$/, 'a file name in rules/sources/, such as "000_8b575c24c1c2c428.txt"'),
  lines: z.string().regex(/^\d+(-\d+)?$/, 'a line number or range such as "358" or "45-51"'),
  quote: z.string().min(1),
  note: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** Ids of entries in the measure's `sources` (each condition and parameter cites at least one). */
export const CiteSchema = z.array(z.string().min(1)).min(1, 'at least one source id');

/** Ids of assumptions (A-xx) from rules/assumptions.json that this element relies on. */
export const AssumptionRefsSchema = z.array(
  z.string().regex(/^A-\d{2}$/, 'an assumption id such as "A-11"'),
);

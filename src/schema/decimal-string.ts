import * as z from 'zod';

/** A rate or amount written as a plain decimal string ("0.7", "20000000"): never a JSON number. */
export const DecimalStringSchema = z
  .string()
  .regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'a non-negative decimal written as a string, such as "0.7"');

/** A rate: a decimal string ("0.7") or, where the sources state one, a fraction ("2/3"). */
export const RateStringSchema = z
  .string()
  .regex(
    /^((0|[1-9]\d*)(\.\d+)?|[1-9]\d*\/[1-9]\d*)$/,
    'a non-negative decimal such as "0.7", or a fraction such as "2/3"',
  );

/** Integer yen as a string ("1000000"); negative allowed (corrections). */
export const YenStringSchema = z
  .string()
  .regex(/^(0|-?[1-9]\d*)$/, 'integer yen written as a string, such as "1000000"');

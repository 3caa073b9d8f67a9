import Decimal from 'decimal.js';

/**
 * The project's only Decimal constructor. A clone, so the host application's global Decimal is
 * never reconfigured. 40 significant digits hold any yen amount times any rate exactly; rounding is
 * always explicit at the call site (`toDecimalPlaces(0, Yen.ROUND_FLOOR)`), never this default.
 */
export const Yen = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_FLOOR,
  toExpNeg: -40,
  toExpPos: 40,
});

export type Yen = Decimal;

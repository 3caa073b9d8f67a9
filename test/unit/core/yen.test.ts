import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Yen } from '../../../src/core/yen.js';

describe('Yen', () => {
  it('adds decimal fractions exactly', () => {
    expect(new Yen('0.1').plus('0.2').eq('0.3')).toBe(true);
  });

  it('multiplies the largest ledger amount by a rate without losing a digit', () => {
    expect(new Yen('999999999999999').times('0.333').toFixed()).toBe('332999999999999.667');
    expect(new Yen('-999999999999999').times('0.7').toFixed()).toBe('-699999999999999.3');
  });

  it('holds 40 significant digits and never prints exponents for yen amounts', () => {
    expect(Yen.precision).toBe(40);
    expect(new Yen('1e30').toString()).toBe('1000000000000000000000000000000');
  });

  it('is a clone: the global Decimal keeps its own configuration', () => {
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(Yen).not.toBe(Decimal);
  });
});

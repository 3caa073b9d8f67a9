import type { AmountMethod, Parameter } from '../schema/measure.js';

/** How a component computes its amount, in one line: `rate 1/2`, `per-person 1200000`. */
export function describeAmount(amount: AmountMethod): string {
  switch (amount.method) {
    case 'rate':
      return `rate ${amount.rate.value}`;
    case 'per-person':
      return `per-person ${amount.unitAmount.value}`;
    case 'bond':
      return `bond allocationRate ${amount.allocationRate.value} taxMeasureRate ${amount.taxMeasureRate.value} termYears ${amount.termYears?.value ?? 'unstated'}`;
    case 'overhead':
      return `overhead maxRate ${amount.maxRate.value}`;
    case 'none':
      return `none (${amount.outcome})`;
  }
}

export function amountParameters(
  amount: AmountMethod,
): [string, Pick<Parameter, 'label' | 'cite' | 'assumptions'> & { value: string }][] {
  switch (amount.method) {
    case 'rate':
      return [['rate', amount.rate]];
    case 'per-person':
      return [['unitAmount', amount.unitAmount]];
    case 'bond':
      return [
        ['allocationRate', amount.allocationRate],
        ['taxMeasureRate', amount.taxMeasureRate],
        ...(amount.termYears === undefined
          ? []
          : [
              ['termYears', { ...amount.termYears, value: String(amount.termYears.value) }] as [
                string,
                Pick<Parameter, 'label' | 'cite' | 'assumptions'> & { value: string },
              ],
            ]),
      ];
    case 'overhead':
      return [['maxRate', amount.maxRate]];
    case 'none':
      return [];
  }
}

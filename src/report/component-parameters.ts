import type { Component } from '../schema/measure.js';
import type { ReportLine } from '../schema/report.js';
import { keepParameters, parametersOfComponent } from './report-caches.js';
import { frozen } from './report-line.js';

type Parameter = ReportLine['parameters'][number];

/**
 * The parameters a component's lines show: the same list for all of them, in every evaluation
 * with the component's rule set, so frozen with its objects.
 */
export function parametersOf(component: Component): readonly Parameter[] {
  let list = parametersOfComponent(component);
  if (list === undefined) {
    list = frozen(listParameters(component));
    keepParameters(component, list);
  }
  return list;
}

function listParameters(component: Component): Parameter[] {
  const amount = component.amount;
  const list: Parameter[] = [];
  if (amount.method === 'rate')
    list.push({ name: 'rate', label: amount.rate.label, value: amount.rate.value });
  if (amount.method === 'per-person')
    list.push({
      name: 'unitAmount',
      label: amount.unitAmount.label,
      value: amount.unitAmount.value,
    });
  if (amount.method === 'overhead')
    list.push({ name: 'maxRate', label: amount.maxRate.label, value: amount.maxRate.value });
  if (amount.method === 'bond') {
    list.push(
      {
        name: 'allocationRate',
        label: amount.allocationRate.label,
        value: amount.allocationRate.value,
      },
      {
        name: 'taxMeasureRate',
        label: amount.taxMeasureRate.label,
        value: amount.taxMeasureRate.value,
      },
    );
    if (amount.termYears !== undefined)
      list.push({
        name: 'termYears',
        label: amount.termYears.label,
        value: String(amount.termYears.value),
      });
  }
  for (const cap of component.caps ?? [])
    list.push({
      name: `cap:${cap.id}`,
      label: cap.label,
      value:
        cap.ofAllowed !== undefined
          ? `${cap.ofAllowed.rate.value} × ${cap.ofAllowed.component}（認められる額）`
          : cap.shareOf !== undefined
            ? `${cap.shareOf.rate.value} × ${cap.shareOf.fact}${cap.limit === null ? '' : `, ≤ ${cap.limit}`}`
            : (cap.limit ?? '資料に記載なし'),
    });
  if (component.headcount !== undefined) {
    list.push({
      name: `headcount:${component.headcount.id}`,
      label: component.headcount.label,
      value: String(component.headcount.limit),
    });
  }
  return list;
}

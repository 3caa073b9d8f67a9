import type { Component, Version } from '../schema/measure.js';
import { childPath, join, type ChangeList, type Place } from './change-list.js';
import { conditionChanges } from './condition-changes.js';
import { span } from './coverage.js';
import { describeAmount } from './describe-amount.js';
import { diffComponent } from './diff-component.js';
import { formatSpan, unionSpan } from './rule-change.js';

/** Adds how one version changed: years, wording, conditions, components. */
export function diffVersion(list: ChangeList, measure: string, base: Version, head: Version): void {
  const fiscalYears = unionSpan(span(base), span(head));
  const place: Place = {
    measure,
    version: head.id,
    component: null,
    fiscalYears,
    path: `versions[${head.id}]`,
    prefix: join(measure, formatSpan(fiscalYears)),
  };
  if (formatSpan(span(base)) !== formatSpan(span(head))) {
    list.changed(
      place,
      'version-span',
      head.id,
      'fiscalYears',
      `version ${head.id} fiscal years`,
      formatSpan(span(base)),
      formatSpan(span(head)),
    );
  }
  list.fields(
    { ...place, path: childPath(place, 'fiscalYears') },
    'text',
    head.id,
    base.fiscalYears,
    head.fiscalYears,
    ['cite', 'assumptions', 'endAssumptions'],
    (field) => `fiscalYears ${field}`,
  );
  list.fields(
    place,
    'text',
    head.id,
    base,
    head,
    ['assumptions', 'note', 'caution', 'personClass', 'personSharedWith'],
    (field) => field,
  );
  conditionChanges(list, place, base.conditions, head.conditions);

  const key = (component: Component): string => component.id ?? '';
  const headComponents = new Map(head.components.map((component) => [key(component), component]));
  const baseKeys = new Set(base.components.map(key));
  const componentPlace = (component: Component): Place => ({
    ...place,
    component: component.id ?? null,
    path: childPath(place, `components[${component.id ?? 0}]`),
    prefix: join(place.prefix, component.id ?? null),
  });
  for (const component of base.components) {
    const now = headComponents.get(key(component));
    if (now === undefined)
      list.presence(
        componentPlace(component),
        'component-removed',
        component.id ?? null,
        '',
        `component removed (${describeAmount(component.amount)})`,
        describeAmount(component.amount),
        null,
      );
    else diffComponent(list, componentPlace(now), component, now);
  }
  for (const component of head.components) {
    if (!baseKeys.has(key(component)))
      list.presence(
        componentPlace(component),
        'component-added',
        component.id ?? null,
        '',
        `component added (${describeAmount(component.amount)})`,
        null,
        describeAmount(component.amount),
      );
  }
}

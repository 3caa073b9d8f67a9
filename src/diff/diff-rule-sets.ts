import { canonicalJson } from '../rules/canonical-json.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { AmountMethod, Component, Measure, Parameter, Version } from '../schema/measure.js';
import { diffConditions } from './diff-conditions.js';
import {
  formatSpan,
  unionSpan,
  type FiscalYearSpan,
  type RuleChange,
  type RuleChangeKind,
} from './rule-change.js';

/** Where a change is: enough to fill a RuleChange and to start its text. */
interface Place {
  readonly measure: string | null;
  readonly version: string | null;
  readonly component: string | null;
  readonly fiscalYears: FiscalYearSpan | null;
  readonly path: string;
  /** `cio-aide-tokko FY2024–FY2025 recruitment`. */
  readonly prefix: string;
}

/** Long wording is shortened in `text`; `before`/`after` keep it whole. */
function clip(value: string | null): string {
  if (value === null) return '(none)';
  const chars = Array.from(value);
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : value;
}

function show(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : canonicalJson(value);
}

function join(...parts: (string | null)[]): string {
  return parts.filter((part) => part !== null && part !== '').join(' ');
}

function childPath(place: Place, segment: string): string {
  return place.path === '' ? segment : `${place.path}.${segment}`;
}

class ChangeList {
  readonly changes: RuleChange[] = [];

  /** A value that changed; wording kinds quote it, the others show it as is. */
  changed(
    place: Place,
    kind: RuleChangeKind,
    id: string | null,
    segment: string,
    what: string,
    before: string | null,
    after: string | null,
  ): void {
    const wording = kind === 'text' || kind === 'source' || kind === 'assumption';
    // Wording is quoted so its spaces read as one value; lists and absence are shown as they are.
    const quote = (value: string | null): string =>
      value === null || /^[[{]/.test(value) ? clip(value) : JSON.stringify(clip(value));
    const values = wording
      ? `${quote(before)} → ${quote(after)}`
      : `${before ?? '(none)'} → ${after ?? '(none)'}`;
    this.push(place, kind, id, segment, before, after, join(place.prefix, what, values));
  }

  /** Something added or removed: `what` says it all. */
  presence(
    place: Place,
    kind: RuleChangeKind,
    id: string | null,
    segment: string,
    what: string,
    before: string | null,
    after: string | null,
  ): void {
    this.push(place, kind, id, segment, before, after, join(place.prefix, what));
  }

  /** Compares the listed fields of two objects one by one. */
  fields(
    place: Place,
    kind: RuleChangeKind,
    id: string | null,
    base: object,
    head: object,
    names: readonly string[],
    what: (name: string) => string,
  ): void {
    const [before, after] = [base as Record<string, unknown>, head as Record<string, unknown>];
    for (const name of names) {
      const [was, now] = [show(before[name]), show(after[name])];
      if (was !== now) this.changed(place, kind, id, name, what(name), was, now);
    }
  }

  private push(
    place: Place,
    kind: RuleChangeKind,
    id: string | null,
    segment: string,
    before: string | null,
    after: string | null,
    text: string,
  ): void {
    this.changes.push({
      kind,
      measure: place.measure,
      version: place.version,
      component: place.component,
      fiscalYears: place.fiscalYears,
      id,
      path: segment === '' ? place.path : childPath(place, segment),
      before,
      after,
      text,
    });
  }
}

const WORDING = ['label', 'cite', 'assumptions'] as const;

function span(version: Version): FiscalYearSpan {
  return { from: version.fiscalYears.from, through: version.fiscalYears.through };
}

/** The years a measure covers as merged ranges: `FY2023–FY2025`. */
function coverage(measure: Measure): string {
  const spans = measure.versions.map(span).sort((a, b) => a.from - b.from);
  const merged: FiscalYearSpan[] = [];
  for (const next of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.through === null || next.from <= last.through + 1)) {
      merged[merged.length - 1] = unionSpan(last, next);
    } else merged.push(next);
  }
  return merged.map(formatSpan).join(', ');
}

/** The years one measure covers and the other does not, as one span (null: none). */
function coverageChange(base: Measure, head: Measure): FiscalYearSpan | null {
  // The schema bounds years to 1900–2200, so listing them is cheap and exact.
  const years = (measure: Measure): Set<number> => {
    const set = new Set<number>();
    for (const { from, through } of measure.versions.map(span))
      for (let year = from; year <= (through ?? 2200); year += 1) set.add(year);
    return set;
  };
  const [before, after] = [years(base), years(head)];
  const changed = [...before, ...after].filter((year) => before.has(year) !== after.has(year));
  if (changed.length === 0) return null;
  const last = Math.max(...changed);
  return { from: Math.min(...changed), through: last >= 2200 ? null : last };
}

function describeAmount(amount: AmountMethod): string {
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

function amountParameters(
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

function conditionChanges(
  list: ChangeList,
  place: Place,
  base: Version['conditions'],
  head: Version['conditions'],
): void {
  for (const difference of diffConditions(base, head)) {
    const at = { ...place, path: childPath(place, `conditions${difference.path}`) };
    if (difference.kind === 'text')
      list.changed(
        at,
        'text',
        difference.id,
        '',
        difference.what,
        difference.before,
        difference.after,
      );
    else
      list.presence(
        at,
        difference.kind,
        difference.id,
        '',
        difference.what,
        difference.before,
        difference.after,
      );
  }
}

function diffComponent(list: ChangeList, place: Place, base: Component, head: Component): void {
  list.fields(place, 'text', null, base, head, ['title', 'assumptions'], (name) => name);
  conditionChanges(list, place, base.conditions, head.conditions);

  if (base.amount.method !== head.amount.method) {
    list.changed(
      place,
      'amount-method',
      'amount',
      'amount',
      'amount',
      describeAmount(base.amount),
      describeAmount(head.amount),
    );
  } else {
    const after = new Map(amountParameters(head.amount));
    for (const [name, parameter] of amountParameters(base.amount)) {
      const now = after.get(name);
      if (now === undefined) continue;
      const at = { ...place, path: childPath(place, `amount.${name}`) };
      if (parameter.value !== now.value)
        list.changed(at, 'parameter', name, 'value', name, parameter.value, now.value);
      list.fields(at, 'text', name, parameter, now, WORDING, (field) => `${name} ${field}`);
    }
  }

  const headCaps = new Map((head.caps ?? []).map((cap) => [cap.id, cap]));
  const baseCaps = new Map((base.caps ?? []).map((cap) => [cap.id, cap]));
  for (const cap of base.caps ?? []) {
    const at = { ...place, path: childPath(place, `caps[${cap.id}]`) };
    const now = headCaps.get(cap.id);
    if (now === undefined) {
      list.presence(
        at,
        'cap-removed',
        cap.id,
        '',
        `cap ${cap.id} removed (${cap.scope} ${cap.limit ?? 'unstated'})`,
        cap.limit ?? 'unstated',
        null,
      );
      continue;
    }
    if (cap.limit !== now.limit)
      list.changed(
        at,
        'cap',
        cap.id,
        'limit',
        `cap ${cap.id}`,
        cap.limit ?? 'unstated',
        now.limit ?? 'unstated',
      );
    if (cap.scope !== now.scope)
      list.changed(at, 'cap', cap.id, 'scope', `cap ${cap.id} scope`, cap.scope, now.scope);
    // Which lines a cap covers and where its limit comes from change results as much as the limit.
    for (const field of ['when', 'shareOf'] as const) {
      const was = JSON.stringify(cap[field] ?? null);
      const is = JSON.stringify(now[field] ?? null);
      if (was !== is) list.changed(at, 'cap', cap.id, field, `cap ${cap.id} ${field}`, was, is);
    }
    list.fields(at, 'text', cap.id, cap, now, WORDING, (field) => `cap ${cap.id} ${field}`);
  }
  for (const cap of head.caps ?? []) {
    if (baseCaps.has(cap.id)) continue;
    const at = { ...place, path: childPath(place, `caps[${cap.id}]`) };
    list.presence(
      at,
      'cap-added',
      cap.id,
      '',
      `cap ${cap.id} added (${cap.scope} ${cap.limit ?? 'unstated'})`,
      null,
      cap.limit ?? 'unstated',
    );
  }

  const [was, now] = [base.headcount, head.headcount];
  const at = { ...place, path: childPath(place, 'headcount') };
  if (was !== undefined && now === undefined) {
    list.presence(
      at,
      'headcount-removed',
      was.id,
      '',
      `headcount ${was.id} removed (${was.limit})`,
      String(was.limit),
      null,
    );
  } else if (was === undefined && now !== undefined) {
    list.presence(
      at,
      'headcount-added',
      now.id,
      '',
      `headcount ${now.id} added (${now.limit})`,
      null,
      String(now.limit),
    );
  } else if (was !== undefined && now !== undefined) {
    if (was.limit !== now.limit)
      list.changed(
        at,
        'headcount',
        now.id,
        'limit',
        `headcount ${now.id}`,
        String(was.limit),
        String(now.limit),
      );
    list.fields(at, 'text', now.id, was, now, ['id', ...WORDING], (field) => `headcount ${field}`);
  }
}

function diffVersion(list: ChangeList, measure: string, base: Version, head: Version): void {
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
  list.fields(place, 'text', head.id, base, head, ['assumptions', 'note'], (field) => field);
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

function diffMeasure(list: ChangeList, base: Measure, head: Measure): void {
  const place: Place = {
    measure: head.id,
    version: null,
    component: null,
    fiscalYears: null,
    path: '',
    prefix: head.id,
  };
  const before = list.changes.length;
  list.fields(place, 'measure', null, base, head, ['kind', 'status', 'programs'], (name) => name);
  list.fields(place, 'text', null, base, head, ['title', 'summary'], (name) => name);

  for (const id of new Set([...Object.keys(base.sources), ...Object.keys(head.sources)])) {
    const [was, now] = [base.sources[id], head.sources[id]];
    const at = { ...place, path: `sources.${id}` };
    if (now === undefined)
      list.presence(at, 'source', id, '', `source ${id} removed`, canonicalJson(was), null);
    else if (was === undefined)
      list.presence(at, 'source', id, '', `source ${id} added`, null, canonicalJson(now));
    else
      list.fields(
        at,
        'source',
        id,
        was,
        now,
        ['file', 'lines', 'quote', 'note'],
        (field) => `source ${id} ${field}`,
      );
  }

  const changedYears = coverageChange(base, head);
  if (changedYears !== null) {
    list.changed(
      { ...place, fiscalYears: changedYears },
      'coverage',
      null,
      'versions',
      'coverage',
      coverage(base),
      coverage(head),
    );
  }

  const headVersions = new Map(head.versions.map((version) => [version.id, version]));
  const baseIds = new Set(base.versions.map((version) => version.id));
  const versionPlace = (version: Version): Place => ({
    ...place,
    version: version.id,
    fiscalYears: span(version),
    path: `versions[${version.id}]`,
    prefix: join(head.id, formatSpan(span(version))),
  });
  for (const version of base.versions) {
    const now = headVersions.get(version.id);
    if (now === undefined)
      list.presence(
        versionPlace(version),
        'version-removed',
        version.id,
        '',
        `version ${version.id} removed`,
        formatSpan(span(version)),
        null,
      );
    else diffVersion(list, head.id, version, now);
  }
  for (const version of head.versions) {
    if (!baseIds.has(version.id))
      list.presence(
        versionPlace(version),
        'version-added',
        version.id,
        '',
        `version ${version.id} added`,
        null,
        formatSpan(span(version)),
      );
  }

  // Whatever the comparisons above do not name still changes the rules version: never stay silent.
  if (list.changes.length === before && canonicalJson(base) !== canonicalJson(head))
    list.presence(
      place,
      'text',
      null,
      '',
      'changed (wording not compared field by field)',
      null,
      null,
    );
}

const GLOSSARY_SECTIONS = [
  ['programs', 'program'],
  ['costTypes', 'costType'],
  ['entityKinds', 'entityKind'],
  ['facts', 'fact'],
] as const;

const GLOBAL: Place = {
  measure: null,
  version: null,
  component: null,
  fiscalYears: null,
  path: '',
  prefix: '',
};

function diffGlossary(
  list: ChangeList,
  base: RuleSet['glossary'],
  head: RuleSet['glossary'],
): void {
  for (const [section, singular] of GLOSSARY_SECTIONS) {
    const [before, after] = [
      base[section] as Record<string, object>,
      head[section] as Record<string, object>,
    ];
    for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const [was, now] = [before[id], after[id]];
      const at = { ...GLOBAL, path: `glossary.${section}.${id}` };
      if (now === undefined)
        list.presence(
          at,
          'glossary',
          id,
          '',
          `glossary ${singular} ${id} removed`,
          canonicalJson(was),
          null,
        );
      else if (was === undefined)
        list.presence(
          at,
          'glossary',
          id,
          '',
          `glossary ${singular} ${id} added`,
          null,
          canonicalJson(now),
        );
      else {
        const names = [...new Set([...Object.keys(was), ...Object.keys(now)])].sort();
        const what = (name: string): string => `glossary ${singular} ${id} ${name}`;
        // A label or note is wording; a fact's type, scope, values or default can change results.
        list.fields(
          at,
          'text',
          id,
          was,
          now,
          names.filter((name) => name === 'label' || name === 'note'),
          what,
        );
        list.fields(
          at,
          'glossary',
          id,
          was,
          now,
          names.filter((name) => name !== 'label' && name !== 'note'),
          what,
        );
      }
    }
  }
}

function diffAssumptions(
  list: ChangeList,
  base: RuleSet['assumptions'],
  head: RuleSet['assumptions'],
): void {
  for (const id of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
    const [was, now] = [base[id], head[id]];
    const at = { ...GLOBAL, path: `assumptions.${id}` };
    if (now === undefined)
      list.presence(at, 'assumption', id, '', `assumption ${id} removed`, was?.text ?? null, null);
    else if (was === undefined)
      list.presence(
        at,
        'assumption',
        id,
        '',
        `assumption ${id} added: ${clip(now.text)}`,
        null,
        now.text,
      );
    else
      list.fields(
        at,
        'assumption',
        id,
        was,
        now,
        ['title', 'text', 'policy'],
        (field) => `assumption ${id} ${field}`,
      );
  }
}

/**
 * The structural differences between two rule sets, in a fixed order: measures by id (fields,
 * sources, coverage, versions by id, components by id, parameters, caps by id, headcount,
 * conditions by leaf id), then the glossary, then the assumptions. Each change names the fiscal
 * years it can affect so a changed report line can be traced back to it.
 */
export function diffRuleSets(base: RuleSet, head: RuleSet): RuleChange[] {
  const list = new ChangeList();
  const baseMeasures = new Map(base.measures.map((measure) => [measure.id, measure]));
  const headMeasures = new Map(head.measures.map((measure) => [measure.id, measure]));
  const ids = [...new Set([...baseMeasures.keys(), ...headMeasures.keys()])].sort();
  for (const id of ids) {
    const [was, now] = [baseMeasures.get(id), headMeasures.get(id)];
    const place = { ...GLOBAL, measure: id, prefix: id };
    if (now === undefined && was !== undefined)
      list.presence(
        place,
        'measure-removed',
        id,
        '',
        `measure removed (${coverage(was)})`,
        coverage(was),
        null,
      );
    else if (was === undefined && now !== undefined)
      list.presence(
        place,
        'measure-added',
        id,
        '',
        `measure added (${coverage(now)})`,
        null,
        coverage(now),
      );
    else if (was !== undefined && now !== undefined) diffMeasure(list, was, now);
  }
  diffGlossary(list, base.glossary, head.glossary);
  diffAssumptions(list, base.assumptions, head.assumptions);
  return list.changes;
}

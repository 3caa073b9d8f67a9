import { canonicalJson } from '../rules/canonical-json.js';
import type { FiscalYearSpan, RuleChange, RuleChangeKind } from './rule-change.js';

/** Where a change is: enough to fill a RuleChange and to start its text. */
export interface Place {
  readonly measure: string | null;
  readonly version: string | null;
  readonly component: string | null;
  readonly fiscalYears: FiscalYearSpan | null;
  readonly path: string;
  /** `cio-aide-tokko FY2024–FY2025 recruitment`. */
  readonly prefix: string;
}

/** Long wording is shortened in `text`; `before`/`after` keep it whole. */
export function clip(value: string | null): string {
  if (value === null) return '(none)';
  const chars = Array.from(value);
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : value;
}

function show(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : canonicalJson(value);
}

export function join(...parts: (string | null)[]): string {
  return parts.filter((part) => part !== null && part !== '').join(' ');
}

export function childPath(place: Place, segment: string): string {
  return place.path === '' ? segment : `${place.path}.${segment}`;
}

export class ChangeList {
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

/** The place of a change outside any measure (glossary, assumptions); the start of one inside. */
export const GLOBAL: Place = {
  measure: null,
  version: null,
  component: null,
  fiscalYears: null,
  path: '',
  prefix: '',
};

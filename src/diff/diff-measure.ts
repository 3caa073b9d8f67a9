import { canonicalJson } from '../rules/canonical-json.js';
import type { Measure, Version } from '../schema/measure.js';
import { join, type ChangeList, type Place } from './change-list.js';
import { coverage, coverageChange, span } from './coverage.js';
import { diffVersion } from './diff-version.js';
import { formatSpan } from './rule-change.js';

/** Adds how one measure changed: fields, sources, coverage, versions. */
export function diffMeasure(list: ChangeList, base: Measure, head: Measure): void {
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

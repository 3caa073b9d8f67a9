import type { Candidate } from '../eligibility/candidate.js';
import { personRequirement } from '../compute/group-plan.js';
import { entityText } from '../compute/place-text.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportWarning } from '../schema/report.js';
import type { Component, Measure } from '../schema/measure.js';
import { HashSet } from './hash-set.js';
import { hashId } from './id-hashes.js';

/**
 * What can tell two person ids apart only to the eye: whitespace, middle dots, dash-like
 * characters other than "-", ASCII lower-case letters. (NFKC, applied before, already folds
 * full-width forms and the half-width middle dot.)
 */
const LOOSE = /[\s\u00b7\u2027\u30fb\u2010-\u2015\u2212a-z]/u;

/**
 * A person id as a clerk would read it: without whitespace or middle dots, every dash a "-", ASCII
 * letters in upper case. The ids compared are already in personIdKey's form (NFKC, trimmed).
 */
export function personSkeleton(person: string): string {
  return LOOSE.test(person)
    ? person
        .replace(/[\s\u00b7\u2027\u30fb]+/gu, '')
        .replace(/[\u2010-\u2015\u2212]/gu, '-')
        .replace(/[a-z]+/gu, (letters) => letters.toUpperCase())
    : person;
}

/** What a component pays per person (null: nothing), and whether its person cap spans years. */
interface PerPerson {
  readonly requirement: string;
  readonly term: boolean;
}

const perPersonOf = new WeakMap<Component, PerPerson | null>();

function perPerson(component: Component): PerPerson | null {
  let known = perPersonOf.get(component);
  if (known === undefined) {
    const requirement = personRequirement(component);
    known =
      requirement === null
        ? null
        : {
            requirement,
            term: (component.caps ?? []).some(
              (cap) => cap.scope === 'person' && cap.term !== undefined,
            ),
          };
    perPersonOf.set(component, known);
  }
  return known;
}

/**
 * Person ids that differ only to the eye (「山田 太郎」 and 「山田太郎」, "p1" and "P1") in one entity ×
 * measure × fiscal year — or across the years, for a person cap over a term — among the lines of
 * components that cap, count or pay per person (taken, or undetermined for such a component): two
 * ids are two persons, each with a cap or headcount place of its own, so one person typed two
 * ways is claimed twice. The engine does not merge them (the ids may name two persons); every
 * such line gets PERSON_ID_LOOK_ALIKE, for the clerk to check.
 *
 * Memory: a look-alike pair has at least one id that is not its own skeleton. Pass 1 keeps those
 * ids by skeleton, and of every other id only a 53-bit hash of its scope and id; the hashes go
 * when pass 2 begins.
 */
export class PersonLookAlikes {
  /** scope + skeleton → the id, or ids, seen of it that are not the skeleton itself. */
  private loose = new Map<string, string | Set<string>>();
  /** Hashes of scope + id for the ids that are their own skeleton (made by the first). */
  private plain: HashSet | null = null;
  /** After pass 1: scope + id → the other ids of its skeleton. */
  private readonly found = new Map<string, readonly string[]>();

  /** entity × measure × fiscal year (none for a cap over a term), ending in a separator. */
  private static scopeOf(measure: Measure, term: boolean, line: LedgerLine): string {
    return `${line.entity.code}\u0000${measure.id}\u0000${term ? '' : line.fiscalYear}\u0000`;
  }

  /** First pass: a line a measure took for this component. */
  observe(measure: Measure, component: Component, line: LedgerLine): void {
    const paid = perPerson(component);
    const { person } = line;
    if (paid === null || person === undefined) return;
    const scope = PersonLookAlikes.scopeOf(measure, paid.term, line);
    const skeleton = personSkeleton(person);
    if (skeleton === person) {
      (this.plain ??= new HashSet()).add(hashId(scope + person));
      return;
    }
    const key = scope + skeleton;
    const ids = this.loose.get(key);
    if (ids === undefined) this.loose.set(key, person);
    else if (typeof ids !== 'string') ids.add(person);
    else if (ids !== person) this.loose.set(key, new Set([ids, person]));
  }

  /** First pass: a line no measure took, under each per-person component it may fall under. */
  observeUndetermined(candidates: readonly Candidate[], line: LedgerLine): void {
    if (line.person === undefined) return;
    for (const candidate of candidates)
      if (candidate.status === 'undetermined')
        for (const { component } of candidate.unknown)
          this.observe(candidate.measure, component, line);
  }

  /** When pass 2 begins: pairs the ids of each skeleton, and lets go of the rest. */
  endFirstPass(): void {
    for (const [key, seen] of this.loose) {
      const scope = key.slice(0, key.lastIndexOf('\u0000') + 1);
      const skeleton = key.slice(scope.length);
      const ids = typeof seen === 'string' ? [seen] : [...seen];
      // An equal hash is taken as the skeleton's own id: two of 2^53 values colliding among a
      // ledger's persons is far less likely than a typo, and costs only a warning.
      if (this.plain?.has(hashId(key)) === true) ids.push(skeleton);
      if (ids.length < 2) continue;
      ids.sort();
      for (const id of ids)
        this.found.set(
          scope + id,
          ids.filter((other) => other !== id),
        );
    }
    this.loose = new Map();
    this.plain = null;
  }

  /** Second pass: the warning of a line taken for this component whose id has a look-alike. */
  warningOf(measure: Measure, component: Component, line: LedgerLine): ReportWarning | null {
    if (this.found.size === 0 || line.person === undefined) return null;
    const paid = perPerson(component);
    if (paid === null) return null;
    const others = this.found.get(PersonLookAlikes.scopeOf(measure, paid.term, line) + line.person);
    if (others === undefined) return null;
    const place = paid.term
      ? entityText(line.entity)
      : `${entityText(line.entity)} FY${line.fiscalYear}`;
    const ids = [line.person, ...others].map((id) => `「${id}」`).join('と');
    return {
      code: 'PERSON_ID_LOOK_ALIKE',
      line: line.id,
      message: `明細 ${line.id}: ${measure.title}: ${place} の人物ID ${ids} は、空白・中黒・ダッシュの有無や種類、英字の大文字・小文字だけが違います。別々の人物として、${paid.requirement}をそれぞれに適用しています。同じ人物なら1人分として算定し直す必要があるため、人物IDを揃えてください（別の人物ならこのままで構いません）`,
    };
  }

  /** Second pass: the warning of an undetermined line, under its first per-person component with one. */
  undeterminedWarning(candidates: readonly Candidate[], line: LedgerLine): ReportWarning | null {
    if (this.found.size === 0 || line.person === undefined) return null;
    for (const candidate of candidates)
      if (candidate.status === 'undetermined')
        for (const { component } of candidate.unknown) {
          const warning = this.warningOf(candidate.measure, component, line);
          if (warning !== null) return warning;
        }
    return null;
  }
}

import type { EligibleCandidate } from '../compute/choose-candidate.js';
import { personRequirement } from '../compute/group-plan.js';
import { entityText } from '../compute/place-text.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportWarning } from '../schema/report.js';
import { HashSet } from './hash-set.js';
import { hashId } from './id-hashes.js';

/** What can tell two person ids apart only to the eye: whitespace and ASCII letter case. */
const LOOSE = /[\sa-z]/u;

/**
 * A person id as a clerk would read it: without whitespace, ASCII letters in upper case. The ids
 * compared are already in personIdKey's form (NFKC, trimmed), so full- and half-width are one id.
 */
export function personSkeleton(person: string): string {
  return LOOSE.test(person)
    ? person.replace(/\s+/gu, '').replace(/[a-z]+/gu, (letters) => letters.toUpperCase())
    : person;
}

/**
 * Person ids that differ only in whitespace or letter case (「山田 太郎」 and 「山田太郎」, "p1" and
 * "P1") within one entity × measure, among the lines a measure took for a component that caps,
 * counts or pays per person: two ids are two persons, each with a cap or headcount place of its
 * own, so a person typed two ways is claimed twice. The engine does not merge them (the ids may
 * name two persons); every line of them gets PERSON_ID_LOOK_ALIKE, for the clerk to check.
 *
 * Memory: a look-alike pair has at least one id that is not its own skeleton (it has a space or a
 * lower-case letter). Pass 1 keeps those ids by skeleton, and only a 53-bit hash of every other
 * (entity × measure × id); the hashes go when pass 2 begins.
 */
export class PersonLookAlikes {
  /** entity × measure × skeleton → the ids seen of it that are not the skeleton itself. */
  private loose = new Map<string, Set<string>>();
  /** Hashes of entity × measure × id for the ids that are their own skeleton. */
  private plain = new HashSet();
  /** After pass 1: entity × measure × id → the other ids of its skeleton. */
  private found = new Map<string, readonly string[]>();

  private static keyOf(chosen: EligibleCandidate, line: LedgerLine): string | null {
    if (line.person === undefined || personRequirement(chosen.component) === null) return null;
    return `${line.entity.code}\u0000${chosen.measure.id}\u0000`;
  }

  /** First pass: a line a measure took. */
  observe(chosen: EligibleCandidate, line: LedgerLine): void {
    const scope = PersonLookAlikes.keyOf(chosen, line);
    if (scope === null || line.person === undefined) return;
    const { person } = line;
    const skeleton = personSkeleton(person);
    if (skeleton === person) {
      this.plain.add(hashId(scope + person));
      return;
    }
    const key = scope + skeleton;
    const ids = this.loose.get(key);
    if (ids === undefined) this.loose.set(key, new Set([person]));
    else ids.add(person);
  }

  /** After pass 1: pairs the ids of each skeleton, and lets go of the rest. */
  endFirstPass(): void {
    for (const [key, ids] of this.loose) {
      const scope = key.slice(0, key.lastIndexOf('\u0000') + 1);
      const skeleton = key.slice(scope.length);
      // An equal hash is taken as the skeleton's own id: two of 2^53 values colliding among a
      // ledger's persons is far less likely than a typo, and costs only a warning.
      const all = this.plain.has(hashId(key)) ? [skeleton, ...ids] : [...ids];
      if (all.length < 2) continue;
      all.sort();
      for (const id of all)
        this.found.set(
          scope + id,
          all.filter((other) => other !== id),
        );
    }
    this.loose = new Map();
    this.plain = new HashSet();
  }

  /** Second pass: the warning of a line whose person id has a look-alike, else null. */
  warningOf(chosen: EligibleCandidate, line: LedgerLine): ReportWarning | null {
    if (this.found.size === 0) return null;
    const scope = PersonLookAlikes.keyOf(chosen, line);
    if (scope === null || line.person === undefined) return null;
    const others = this.found.get(scope + line.person);
    if (others === undefined) return null;
    const quoted = (id: string): string => `「${id}」`;
    return {
      code: 'PERSON_ID_LOOK_ALIKE',
      line: line.id,
      message: `明細 ${line.id}: ${chosen.measure.title}: 人物ID ${quoted(line.person)} と ${others.map(quoted).join('、')} は、空白か英字の大文字・小文字だけが違います（${entityText(line.entity)}）。別々の人物として数えています（${personRequirement(chosen.component) ?? ''}）。同じ人物なら人物IDを揃えてください`,
    };
  }
}

import type { EligibleCandidate } from '../compute/choose-candidate.js';
import { entityText } from '../compute/place-text.js';
import { personRequirement } from '../compute/group-plan.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportWarning } from '../schema/report.js';
import type { RuleSet } from '../schema/rule-set.js';

/** What a measure shares persons with (`personSharedWith`, both ways): the other measure's title. */
type Partners = ReadonlyMap<string, ReadonlyMap<string, { title: string; label: string }>>;

const partnersByRuleSet = new WeakMap<RuleSet, Partners>();

/** Each measure's partners, both ways (one declares it; the other's lines are warned too). */
function partnersOf(ruleSet: RuleSet): Partners {
  let partners = partnersByRuleSet.get(ruleSet);
  if (partners !== undefined) return partners;
  const made = new Map<string, Map<string, { title: string; label: string }>>();
  const titles = new Map(ruleSet.measures.map((measure) => [measure.id, measure.title]));
  const add = (from: string, to: string, label: string): void => {
    const map = made.get(from) ?? new Map<string, { title: string; label: string }>();
    map.set(to, { title: titles.get(to) ?? to, label });
    made.set(from, map);
  };
  for (const measure of ruleSet.measures)
    for (const version of measure.versions)
      for (const other of version.personSharedWith?.measures ?? []) {
        add(measure.id, other, version.personSharedWith?.label ?? '');
        add(other, measure.id, version.personSharedWith?.label ?? '');
      }
  partners = made;
  partnersByRuleSet.set(ruleSet, partners);
  return partners;
}

/**
 * The measures that take each person, per entity × fiscal year, for the measures that share
 * persons (`personSharedWith`): tallied on the first pass, so every line of a person taken by two
 * of them gets PERSON_IN_TWO_MEASURES on the second (e.g. 自治体DXアクセラレータ 常勤 from October
 * under 普通交付税 and 非常勤 before it under 特別交付税: the 普通交付税 unit amount is a year's).
 * Only those measures' persons are held.
 */
export class PersonMeasures {
  private readonly partners: Partners;
  /** The measure of each key, or its measures once a second is seen (most persons have one). */
  private seen = new Map<string, string | Set<string>>();

  constructor(ruleSet: RuleSet) {
    this.partners = partnersOf(ruleSet);
  }

  private keyOf(chosen: EligibleCandidate, line: LedgerLine): string | null {
    // Only a component that pays for the person (a cap, amount or headcount per person): a
    // 募集経費 line naming whom it recruited is no claim for that person.
    if (
      line.person === undefined ||
      !this.partners.has(chosen.measure.id) ||
      personRequirement(chosen.component) === null
    )
      return null;
    return `${line.entity.code}\u0000${line.fiscalYear}\u0000${line.person}`;
  }

  /** First pass: the measure that took a line of this person. */
  observe(chosen: EligibleCandidate, line: LedgerLine): void {
    const key = this.keyOf(chosen, line);
    if (key === null) return;
    const id = chosen.measure.id;
    const measures = this.seen.get(key);
    if (measures === undefined) this.seen.set(key, id);
    else if (typeof measures !== 'string') measures.add(id);
    else if (measures !== id) this.seen.set(key, new Set([measures, id]));
  }

  /** After pass 1: lets go of the persons one measure took (they are warned of nothing). */
  endFirstPass(): void {
    const seen = new Map<string, string | Set<string>>();
    for (const [key, measures] of this.seen)
      if (typeof measures !== 'string') seen.set(key, measures);
    this.seen = seen;
  }

  /** Second pass: the warning of a line whose person a partner measure also took, else null. */
  warningOf(chosen: EligibleCandidate, line: LedgerLine): ReportWarning | null {
    const key = this.keyOf(chosen, line);
    const measures = key === null ? undefined : this.seen.get(key);
    if (measures === undefined || typeof measures === 'string') return null;
    const partners = this.partners.get(chosen.measure.id);
    const others = [...measures]
      .sort()
      .map((id) => partners?.get(id))
      .filter((other) => other !== undefined);
    const [first] = others;
    if (first === undefined) return null;
    return {
      code: 'PERSON_IN_TWO_MEASURES',
      line: line.id,
      message: `明細 ${line.id}: ${chosen.measure.title}: 人物 ${line.person ?? ''} は ${entityText(line.entity)} FY${line.fiscalYear} に${others.map((other) => `「${other.title}」`).join('、')}でも算定されています（${first.label}）。年度の途中で区分が変わった場合など、両方に計上してよいか確認してください`,
    };
  }
}

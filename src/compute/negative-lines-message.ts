import { groupYen } from '../core/group-yen.js';
import type { Cap } from '../schema/measure.js';

/** What a scope tells of its negative lines under a cap that bound. */
export interface NegativeLinesFacts {
  readonly cap: Cap;
  /** The limit that bound: the scope's own (a cap's `when` or `shareOf` may make it not `cap.limit`). */
  readonly limit: string;
  /** The person of a `person` cap, or the term (plan) of an entity cap over a term. */
  readonly person: string | null;
  /** The negative lines' ids, at most five, and how many more. */
  readonly named: string;
  readonly peak: string;
  readonly net: string;
}

/**
 * NEGATIVE_LINE_UNDER_BINDING_CAP's text (docs/decisions.md §1.4): the cap that bound, with the limit
 * that bound. 負担金 received is named only under a cap that deducts them after it: there a
 * negative line may be a receipt booked the old way, which the cap would read as a correction.
 */
export function negativeLinesMessage(facts: NegativeLinesFacts): string {
  const { cap } = facts;
  const who =
    facts.person === null
      ? ''
      : cap.scope !== 'person' && cap.term?.keyFact !== undefined
        ? `（${cap.term.keyFact} ${facts.person}）`
        : `（人物 ${facts.person}）`;
  const receipts =
    cap.deductAfter === undefined
      ? ''
      : `市町村から受け入れた負担金を負の明細で記録している場合は、経費区分 ${cap.deductAfter.costTypes.join('・')}（正の額）で計上すること。負担金は上限を適用した後に控除される（A-02）。`;
  return (
    `${cap.label}${who}: 上限 ${groupYen(facts.limit)}円 を超えた累計（最大 ${groupYen(facts.peak)}円、` +
    `純額 ${groupYen(facts.net)}円）の中に負の明細 ${facts.named} がある。負の明細は経費の訂正（戻入）` +
    `として上限の前に数えるため、累計が上限を下回る分しか対象額を減らさない。訂正として正しいか確認すること。` +
    receipts
  );
}

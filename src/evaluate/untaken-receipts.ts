import type { EligibleCandidate } from '../compute/choose-candidate.js';
import { exact, exactText, greater, plus, type Exact } from '../compute/exact.js';
import { entityText } from '../compute/place-text.js';
import { groupYen } from '../core/group-yen.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, Component } from '../schema/measure.js';
import type { ReportWarning } from '../schema/report.js';
import type { Group } from './group-index.js';

/** A receipt no measure took, waiting for the end of pass 1 to learn whether its person has costs. */
interface Receipt {
  readonly measure: string;
  readonly title: string;
  readonly component: string;
  /** The person cap's limit: the most the person's receipts can deduct. */
  readonly limit: string;
  readonly entity: string;
  readonly fiscalYear: number;
  readonly person: string;
  readonly id: string;
  readonly amount: string;
}

/** Finds a group without making one (GroupIndex.find). */
type FindGroup = (
  measure: string,
  component: string,
  entity: string,
  fiscalYear: number,
) => Group | undefined;

/** The component of a version, and its person cap, that deducts this cost type after it. */
function deductingCap(
  components: readonly Component[],
  costType: string,
): { component: Component; cap: Cap } | undefined {
  for (const component of components)
    for (const cap of component.caps ?? [])
      if (cap.deductAfter?.costTypes.includes(costType) === true) return { component, cap };
  return undefined;
}

function personKey(measure: string, entity: string, fiscalYear: number, person: string): string {
  return `${measure}\u0000${entity}\u0000${fiscalYear}\u0000${person}`;
}

/**
 * 負担金 received (a `deductAfter` cost type, docs/decisions.md §1.4, A-02) that no measure took
 * because the receipt line's own facts fail (e.g. it states 主な所掌事務 false where the costs
 * state true), while the same person's costs were taken and the receipts taken leave some of
 * them to deduct: the costs are then claimed with nothing deducted. The ledger says two things of one person, and the yen follow the costs' reading, so
 * the receipt and the person's costs get RECEIPT_NOT_DEDUCTED for review by hand. An undetermined
 * receipt is not warned here: its status already asks for its facts.
 *
 * Pass 1 notes such receipts (rare: nothing is held for the usual ledger); the first emit looks up
 * each one's person in its group's tally, which every group still holds then.
 */
export class UntakenReceipts {
  /** Pass 1: receipts by row. After it: only those that would deduct something. */
  private receipts = new Map<number, Receipt>();
  /**
   * After pass 1, per measure × entity × fiscal year × person: the component whose costs the
   * receipts were not deducted from, the first such receipt (its id), how many, and their yen.
   */
  private readonly persons = new Map<
    string,
    { component: string; first: string; count: number; yen: Exact }
  >();
  private ended = false;

  /** First pass: a valid line no measure took, with its candidates. */
  observe(candidates: readonly Candidate[], line: LedgerLine): void {
    // A receipt of 0 or less would deduct nothing.
    if (line.person === undefined || !greater(exact(line.amount), 0)) return;
    for (const candidate of candidates) {
      // Out of its period or not yet in force, the person's costs are too: nothing is claimed.
      if (candidate.status !== 'ineligible' || candidate.outOfPeriod) continue;
      if (candidate.notInForce !== undefined) continue;
      const deducting = deductingCap(candidate.version.components, line.costType);
      if (deducting === undefined || deducting.cap.limit === null) continue;
      this.receipts.set(line.row, {
        measure: candidate.measure.id,
        title: candidate.measure.title,
        component: deducting.component.id ?? '',
        limit: deducting.cap.limit,
        entity: line.entity.code,
        fiscalYear: line.fiscalYear,
        person: line.person,
        id: line.id,
        amount: line.amount,
      });
      return;
    }
  }

  /**
   * When pass 2 begins: keeps the receipts that would deduct something — their person's costs
   * taken, capped (min(Σ costs, the person cap)), exceed the receipts taken — which the groups'
   * tallies still hold then.
   */
  endFirstPass(find: FindGroup): void {
    this.ended = true;
    const kept = new Map<number, Receipt>();
    // Pass 1 noted the receipts in ledger order: a person's first is named first.
    for (const [row, receipt] of this.receipts) {
      const group = find(receipt.measure, receipt.component, receipt.entity, receipt.fiscalYear);
      const tally = group?.tally ?? null;
      const costs = tally?.totals.get(receipt.person);
      if (tally === null || costs === undefined) continue;
      const limit = exact(receipt.limit);
      const capped = greater(costs, limit) ? limit : costs;
      if (!greater(capped, tally.received(receipt.person))) continue;
      kept.set(row, receipt);
      const key = personKey(receipt.measure, receipt.entity, receipt.fiscalYear, receipt.person);
      const seen = this.persons.get(key);
      if (seen === undefined)
        this.persons.set(key, {
          component: receipt.component,
          first: receipt.id,
          count: 1,
          yen: exact(receipt.amount),
        });
      else {
        seen.count += 1;
        seen.yen = plus(seen.yen, receipt.amount);
      }
    }
    this.receipts = kept;
  }

  /** Second pass: the warning of a receipt line no measure took, else null. */
  receiptWarning(line: LedgerLine): ReportWarning | null {
    if (!this.ended) return null;
    const receipt = this.receipts.get(line.row);
    if (receipt === undefined) return null;
    return {
      code: 'RECEIPT_NOT_DEDUCTED',
      line: line.id,
      message: `明細 ${line.id}: ${receipt.title}: 人物 ${receipt.person} の負担金の受入れ ${groupYen(receipt.amount)}円 は、この明細の条件判定では対象外のため、同じ人物の経費（${entityText(line.entity)} FY${receipt.fiscalYear}、対象と判定）から控除していません。理由欄の条件を見て、この明細の記載が経費の明細と食い違っていないか確認してください。控除すべき負担金であれば、この人物の算定額は過大です`,
    };
  }

  /** Second pass: the warning of a cost line of a person whose receipt was not deducted, else null. */
  costWarning(chosen: EligibleCandidate, line: LedgerLine): ReportWarning | null {
    if (this.persons.size === 0 || line.person === undefined) return null;
    const seen = this.persons.get(
      personKey(chosen.measure.id, line.entity.code, line.fiscalYear, line.person),
    );
    // The costs the receipts are deducted from: the deducting component's, not the receipts'.
    if (seen === undefined || (chosen.component.id ?? '') !== seen.component) return null;
    if (deductingCap([chosen.component], line.costType) !== undefined) return null;
    const more = seen.count > 1 ? `ほか${seen.count - 1}件、計` : '';
    return {
      code: 'RECEIPT_NOT_DEDUCTED',
      line: line.id,
      message: `明細 ${line.id}: ${chosen.measure.title}: 同じ人物 ${line.person} の負担金の受入れ（明細 ${seen.first}${more} ${groupYen(exactText(seen.yen))}円）が、その明細の条件判定では対象外のため、この人物の経費から控除していません。受入れの明細の記載を確認してください。控除すべき負担金であれば、この人物の算定額は過大です`,
    };
  }
}

import { bondSchedule } from '../compute/bond-schedule.js';
import { placeText } from '../compute/place-text.js';
import { Yen } from '../core/yen.js';
import type { LedgerEntity } from '../ledger/normalize-ledger.js';
import type { ReportWarning, Total } from '../schema/report.js';
import type { RuleSet } from '../schema/rule-set.js';
import { findVersion } from './find-version.js';

/**
 * A bond total with the 元利償還 schedule policy `bondInterestRate` asks for; a
 * BOND_TERM_NOT_STATED warning instead when the sources give no 償還年限. Adds the assumptions the
 * schedule relies on.
 */
export function withBondSchedule(
  total: Total,
  rate: Yen,
  /** The policy's roundingUnit: the 交付税措置 of the years add up to the total's, floored to it. */
  unit: Yen,
  ruleSet: RuleSet,
  entities: ReadonlyMap<string, LedgerEntity>,
  warnings: ReportWarning[],
  assumptionIds: Set<string>,
): Total {
  const measure = ruleSet.measures.find((candidate) => candidate.id === total.measure);
  if (measure === undefined || total.bond === undefined) return total;
  const lookup = findVersion(measure, total.fiscalYear);
  const component =
    lookup.found === 'covered'
      ? lookup.version.components.find((c) => (c.id ?? null) === total.component)
      : undefined;
  if (component?.amount.method !== 'bond') return total;
  const term = component.amount.termYears;
  if (term === undefined) {
    const entity = entities.get(total.entity) ?? { code: total.entity, name: '' };
    const where = placeText(
      entity,
      total.fiscalYear,
      measure,
      total.component === null ? null : component,
    );
    warnings.push({
      code: 'BOND_TERM_NOT_STATED',
      line: null,
      message: `${where}: 資料に償還年限の記載がないため、元利償還の予定（方針 bondInterestRate）は算出しない`,
    });
    return total;
  }
  const entity = entities.get(total.entity);
  const nonRecipient =
    entity !== undefined && (entity.nonRecipient || entity.kind === 'special-ward');
  for (const id of component.amount.taxMeasureRate.assumptions ?? []) assumptionIds.add(id);
  return {
    ...total,
    schedule: bondSchedule(
      new Yen(total.bond),
      term.value,
      rate,
      component.amount.taxMeasureRate.value,
      nonRecipient,
      unit,
    ),
  };
}

// A contractor (委託先) with 伴走支援 lines whose facts all hold: the ledger the tests of
// decisions.md §4.1 (unneeded facts, fast vs reference search) vary a voucher, a cost type or an
// attribute of.

export const CONTRACTOR = '6010001000001';

/** The contractor, overhead rate 0.1, with `attributes` added. */
export function contractorEntity(attributes: Record<string, unknown>) {
  return {
    code: CONTRACTOR,
    name: '株式会社伴走A（テスト）',
    kind: 'contractor',
    attributes: { itakuOverheadRate: '0.1', ...attributes },
  };
}

export const COST_TYPES = {
  jinkenhi: { costType: 'itaku-jinkenhi', facts: { itakuStaffRegistered: true } },
  insatsu: { costType: 'itaku-insatsu', facts: { itakuSelfProcurement: false } },
} as const;

/** A line of the contractor, every fact holding; the voucher only when `voucher`. */
export function itakuLine(
  id: string,
  kind: keyof typeof COST_TYPES,
  amount: string,
  voucher: boolean,
) {
  const { costType, facts } = COST_TYPES[kind];
  return {
    id,
    entity: CONTRACTOR,
    fiscalYear: 2025,
    program: 'dx-taisei-kochiku',
    costType,
    amount,
    facts: {
      itakuPlanBased: true,
      itakuPaidInContractPeriod: true,
      itakuBookedAtActualCost: true,
      ...(voucher ? { itakuVoucher: true } : {}),
      itakuConsumptionTax: '0',
      ...facts,
    },
  };
}

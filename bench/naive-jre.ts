// The approach a team would write first (issue 6 (b)): one json-rules-engine Engine holding one rule
// per measure version × component — the rule files' conditions plus the program and fiscal-year
// range — and one `await engine.run(facts)` per ledger line, reading the success events and
// multiplying the amount by the rate. No caps, no headcount, no three-valued logic: missing facts
// get a default (the glossary's, else null) so run() does not throw. The project's Decimal-safe
// operators are registered so that conditions compare as in kofuzei.
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import {
  bundledRuleSet,
  parseFiscalYear,
  parseYen,
  type Condition,
  type RuleSet,
} from '../src/index.js';
import { Yen } from '../src/core/yen.js';
import { decimalOperators } from '../src/eligibility/decimal-operators.js';

export interface NaiveResult {
  readonly id: string;
  readonly status: 'eligible' | 'no-match' | 'invalid';
  readonly measure: string | null;
  readonly component: string | null;
  readonly amount: string | null;
}

interface AmountRule {
  readonly measure: string;
  readonly component: string | null;
  readonly amount: (claimed: InstanceType<typeof Yen>) => InstanceType<typeof Yen>;
}

function engineCondition(condition: Condition): unknown {
  if ('fact' in condition)
    return { fact: condition.fact, operator: condition.operator, value: condition.value };
  if ('not' in condition) return { not: engineCondition(condition.not) };
  if ('all' in condition) return { all: condition.all.map(engineCondition) };
  return { any: condition.any.map(engineCondition) };
}

function factsRead(condition: Condition, into: Set<string>): void {
  if ('fact' in condition) into.add(condition.fact);
  else if ('not' in condition) factsRead(condition.not, into);
  else
    for (const child of 'all' in condition ? condition.all : condition.any) factsRead(child, into);
}

export class NaiveEngine {
  private readonly engine: Engine;
  private readonly amounts: AmountRule[] = [];
  /** Every fact a rule reads, with the default a missing one gets. */
  private readonly defaults: Record<string, unknown> = {};
  private readonly entities = new Map<string, Record<string, unknown>>();

  constructor(entities: readonly unknown[], ruleSet: RuleSet = bundledRuleSet()) {
    this.engine = new Engine([], { allowUndefinedFacts: false });
    for (const operator of decimalOperators()) this.engine.addOperator(operator);
    const facts = new Set<string>(['program', 'fiscalYear']);
    for (const measure of ruleSet.measures) {
      for (const version of measure.versions) {
        for (const component of version.components) {
          const index = this.amounts.length;
          const method = component.amount;
          const floor = (value: InstanceType<typeof Yen>) =>
            value.toDecimalPlaces(0, Yen.ROUND_FLOOR);
          // A rate may be a fraction the sources state ("2/3"): multiply, then divide.
          const times = (value: InstanceType<typeof Yen>, rate: string) => {
            const [numerator, denominator] = rate.split('/');
            const product = value.times(numerator ?? rate);
            return denominator === undefined ? product : product.div(denominator);
          };
          this.amounts.push({
            measure: measure.id,
            component: component.id ?? null,
            amount:
              method.method === 'rate'
                ? (claimed) => floor(times(claimed, method.rate.value))
                : method.method === 'per-person'
                  ? (claimed) => (claimed.gt(0) ? new Yen(method.unitAmount.value) : new Yen(0))
                  : method.method === 'bond'
                    ? (claimed) =>
                        floor(
                          times(
                            floor(times(claimed, method.allocationRate.value)),
                            method.taxMeasureRate.value,
                          ),
                        )
                    : // No amount a first approach would compute (一般管理費, informational items).
                      () => new Yen(0),
          });
          const range: unknown[] = [
            { fact: 'program', operator: 'in', value: measure.programs },
            {
              fact: 'fiscalYear',
              operator: 'greaterThanInclusive',
              value: String(version.fiscalYears.from),
            },
          ];
          if (version.fiscalYears.through !== null)
            range.push({
              fact: 'fiscalYear',
              operator: 'lessThanInclusive',
              value: String(version.fiscalYears.through),
            });
          factsRead(version.conditions, facts);
          factsRead(component.conditions, facts);
          const rule: RuleProperties = {
            name: `${measure.id}@${version.id}#${component.id ?? ''}`,
            conditions: {
              all: [
                ...range,
                engineCondition(version.conditions),
                engineCondition(component.conditions),
              ],
            } as TopLevelCondition,
            event: { type: 'eligible', params: { index } },
          };
          this.engine.addRule(rule);
        }
      }
    }
    for (const fact of facts) {
      const definition = Object.hasOwn(ruleSet.glossary.facts, fact)
        ? ruleSet.glossary.facts[fact]
        : undefined;
      this.defaults[fact] =
        definition !== undefined && 'default' in definition ? definition.default : null;
    }
    for (const entity of entities) {
      if (entity !== null && typeof entity === 'object') {
        const record = entity as Record<string, unknown>;
        if (typeof record.code === 'string') this.entities.set(record.code, record);
      }
    }
  }

  get ruleCount(): number {
    return this.amounts.length;
  }

  /** One line: build its facts, run the engine, take the largest success event's amount. */
  async evaluate(raw: unknown): Promise<NaiveResult> {
    const line = (raw ?? {}) as Record<string, unknown>;
    const id = typeof line.id === 'string' ? line.id : '';
    const entity = typeof line.entity === 'string' ? this.entities.get(line.entity) : undefined;
    const year = parseFiscalYear(line.fiscalYear ?? line.date);
    const claimed = parseYen(line.amount);
    const invalid = {
      id,
      status: 'invalid',
      measure: null,
      component: null,
      amount: null,
    } as const;
    if (entity === undefined || !claimed.ok) return invalid;
    let fiscalYear: number;
    if (year.ok) fiscalYear = year.value;
    else if (typeof line.date === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(line.date)) {
      const month = Number(line.date.slice(5, 7));
      fiscalYear = Number(line.date.slice(0, 4)) - (month >= 4 ? 0 : 1);
    } else return invalid;
    const attributes = (entity.attributes ?? {}) as Record<string, unknown>;
    const lineFacts = (line.facts ?? {}) as Record<string, unknown>;
    const facts: Record<string, unknown> = { ...this.defaults };
    for (const [name, value] of Object.entries(attributes)) facts[name] = value;
    for (const [name, value] of Object.entries(lineFacts)) {
      // The glossary's number facts compare as decimal strings under the project's operators.
      facts[name] = typeof value === 'number' ? String(value) : value;
    }
    facts.program = line.program;
    facts.costType = line.costType;
    facts.entityKind = entity.kind;
    facts.fiscalYear = String(fiscalYear);
    const { events } = await this.engine.run(facts);
    const yen = new Yen(claimed.value);
    let best: { rule: AmountRule; amount: InstanceType<typeof Yen> } | null = null;
    for (const event of events) {
      const rule = this.amounts[(event.params as { index: number }).index];
      if (rule === undefined) continue;
      const amount = rule.amount(yen);
      if (best === null || amount.gt(best.amount)) best = { rule, amount };
    }
    if (best === null)
      return { id, status: 'no-match', measure: null, component: null, amount: null };
    return {
      id,
      status: 'eligible',
      measure: best.rule.measure,
      component: best.rule.component,
      amount: best.amount.toFixed(0),
    };
  }
}

// Long file: one checker walks every part of a measure against the glossary; its leaf type rules sit with it.
import { BUILTIN_FACTS } from '../eligibility/builtin-fact.js';
import type { RuleIssue } from '../core/rule-set-error.js';
import { conditionLeaves } from '../eligibility/explain-condition.js';
import { isLeaf, type Condition, type ConditionLeaf } from '../schema/condition.js';
import type { AssumptionsFile, FactDefinition, Glossary } from '../schema/glossary.js';
import type { Measure, Parameter } from '../schema/measure.js';
import { checkAssumptionMentions } from './check-assumption-mentions.js';
import { checkComponentLabels } from './check-component-labels.js';
import { checkInForce } from './check-in-force.js';
import { findQuote } from './find-quote.js';

const NUMERIC_OPERATORS = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);
const LIST_OPERATORS = new Set(['contains', 'doesNotContain', 'containsAny']);

/** A rate in [0, 1]: a decimal, or a fraction n/d with n ≤ d. */
function isUnitRate(value: string): boolean {
  const fraction = /^([1-9]\d*)\/([1-9]\d*)$/.exec(value);
  if (fraction !== null) return BigInt(fraction[1] ?? '0') <= BigInt(fraction[2] ?? '1');
  return /^(0(\.\d+)?|1(\.0+)?)$/.test(value);
}

/** The values a rule may compare an enum or list fact with (builtins take theirs from the glossary). */
function allowedValues(
  factId: string,
  definition: FactDefinition,
  glossary: Glossary,
): readonly string[] | null {
  if (factId === 'costType') return Object.keys(glossary.costTypes);
  if (factId === 'entityKind') return Object.keys(glossary.entityKinds);
  if (factId === 'program') return Object.keys(glossary.programs);
  if (definition.type === 'enum' || definition.type === 'string-array')
    return definition.values ?? null;
  return null;
}

/** Why a leaf's operator or value does not fit its fact's type, or null. */
function checkLeafType(
  leaf: ConditionLeaf,
  definition: FactDefinition,
  glossary: Glossary,
): string | null {
  const { operator, value } = leaf;
  switch (definition.type) {
    case 'boolean':
      if (operator !== 'equal' && operator !== 'notEqual')
        return `boolean fact ${leaf.fact} takes equal or notEqual, not ${operator}`;
      if (typeof value !== 'boolean')
        return `boolean fact ${leaf.fact} is compared with true or false`;
      return null;
    case 'number':
      if (!NUMERIC_OPERATORS.has(operator))
        return `number fact ${leaf.fact} takes a numeric comparison, not ${operator}`;
      if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))
        return `number fact ${leaf.fact} is compared with a decimal string such as "5"`;
      return null;
    case 'date':
      // Date facts are read to derive other facts (glossary derivedFrom), not compared by rules.
      return `date fact ${leaf.fact} is not compared by rules: test the fact derived from it`;
    case 'enum':
    case 'string-array': {
      const isList = definition.type === 'string-array';
      const wantsArray = isList
        ? operator === 'containsAny'
        : operator === 'in' || operator === 'notIn';
      const okOperator = isList
        ? LIST_OPERATORS.has(operator)
        : ['equal', 'notEqual', 'in', 'notIn'].includes(operator);
      if (!okOperator) return `${definition.type} fact ${leaf.fact} does not take ${operator}`;
      const values = Array.isArray(value) ? value : [value];
      if (wantsArray !== Array.isArray(value))
        return `${operator} on ${leaf.fact} takes ${wantsArray ? 'a list of values' : 'one value'}`;
      const allowed = allowedValues(leaf.fact, definition, glossary);
      const unknown = values.filter(
        (v) => typeof v !== 'string' || (allowed !== null && !allowed.includes(v)),
      );
      if (unknown.length > 0)
        return `${leaf.fact} has no value ${unknown.map((v) => JSON.stringify(v)).join(', ')}`;
      return null;
    }
  }
}

function isYen(value: string): boolean {
  return /^(0|[1-9]\d*)$/.test(value);
}

/**
 * Everything about one measure that its schema cannot say: year coverage, citations, facts,
 * operators, assumptions, ids. Returns every problem found.
 */
export function checkMeasure(
  measure: Measure,
  file: string,
  glossary: Glossary,
  assumptions: AssumptionsFile['assumptions'],
  sources: Readonly<Record<string, string>> | undefined,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const report = (path: string, message: string): void => {
    issues.push({ file, path, message });
  };
  const usedSources = new Set<string>();
  const cite = (path: string, ids: readonly string[] | undefined): void => {
    for (const id of ids ?? []) {
      usedSources.add(id);
      if (!Object.hasOwn(measure.sources, id)) report(path, `cites ${id}, which is not in sources`);
    }
  };
  const assume = (path: string, ids: readonly string[] | undefined): void => {
    for (const id of ids ?? [])
      if (!Object.hasOwn(assumptions, id))
        report(path, `names assumption ${id}, which is not in assumptions.json`);
  };

  checkAssumptionMentions(measure, assumptions, report);
  checkInForce(measure, report);
  checkComponentLabels(measure, report);
  cite('inForceFrom', measure.inForceFrom?.cite);
  assume('inForceFrom', measure.inForceFrom?.assumptions);

  for (const program of measure.programs) {
    if (!Object.hasOwn(glossary.programs, program))
      report('programs', `program ${program} is not in the glossary`);
  }

  // Fiscal-year coverage: ascending, contiguous, no overlap; only the last may be open-ended.
  measure.versions.forEach((version, index) => {
    const path = `versions[${version.id}].fiscalYears`;
    const { from, through } = version.fiscalYears;
    if (through !== null && through < from)
      report(path, `through ${through} is before from ${from}`);
    const next = measure.versions[index + 1];
    if (next === undefined) return;
    if (through === null) report(path, `only the last version may be open-ended (through null)`);
    else if (next.fiscalYears.from <= through)
      report(path, `overlaps version ${next.id} (FY${next.fiscalYears.from})`);
    else if (next.fiscalYears.from > through + 1)
      report(path, `gap: no version covers FY${through + 1}–FY${next.fiscalYears.from - 1}`);
  });
  const versionIds = measure.versions.map((version) => version.id);
  if (new Set(versionIds).size !== versionIds.length)
    report('versions', 'version ids are not unique');

  for (const version of measure.versions) {
    const base = `versions[${version.id}]`;
    cite(`${base}.fiscalYears`, version.fiscalYears.cite);
    assume(`${base}.fiscalYears`, version.fiscalYears.assumptions);
    assume(`${base}.fiscalYears`, version.fiscalYears.endAssumptions);
    if (
      version.fiscalYears.endAssumptions !== undefined &&
      version !== measure.versions[measure.versions.length - 1]
    ) {
      report(
        `${base}.fiscalYears.endAssumptions`,
        'only the last version can carry the assumptions behind the end of the measure',
      );
    }
    assume(base, version.assumptions);
    if (version.personClass !== undefined) {
      cite(`${base}.personClass`, version.personClass.cite);
      if (!Object.hasOwn(glossary.facts, version.personClass.fact))
        report(
          `${base}.personClass`,
          `fact ${version.personClass.fact} is not defined in the glossary`,
        );
    }
    const named = version.components.filter((component) => component.id !== undefined);
    if (version.components.length > 1 && named.length !== version.components.length) {
      report(`${base}.components`, 'a measure with several components names every one of them');
    }
    const componentIds = named.map((component) => component.id);
    if (new Set(componentIds).size !== componentIds.length)
      report(`${base}.components`, 'component ids are not unique');

    const leafIds = new Set<string>();
    const checkCondition = (path: string, condition: Condition): void => {
      if (!isLeaf(condition)) {
        cite(path, condition.cite);
        if ('not' in condition) checkCondition(`${path}.not`, condition.not);
        else
          ('all' in condition ? condition.all : condition.any).forEach((child, i) => {
            checkCondition(`${path}.${'all' in condition ? 'all' : 'any'}[${i}]`, child);
          });
        return;
      }
      const leafPath = `${path}(${condition.id})`;
      if (leafIds.has(condition.id))
        report(leafPath, `condition id ${condition.id} is used twice in version ${version.id}`);
      leafIds.add(condition.id);
      cite(leafPath, condition.cite);
      assume(leafPath, condition.assumptions);
      // Own properties only: a fact named "constructor" must not find Object.prototype's.
      const definition = Object.hasOwn(glossary.facts, condition.fact)
        ? glossary.facts[condition.fact]
        : undefined;
      if (definition === undefined) {
        report(leafPath, `fact ${condition.fact} is not defined in the glossary`);
        return;
      }
      const problem = checkLeafType(condition, definition, glossary);
      if (problem !== null) report(leafPath, problem);
    };
    checkCondition(`${base}.conditions`, version.conditions);

    for (const [index, component] of version.components.entries()) {
      const path = `${base}.components[${component.id ?? index}]`;
      checkCondition(`${path}.conditions`, component.conditions);
      if (conditionLeaves({ all: [version.conditions, component.conditions] }).length === 0) {
        report(path, 'has no condition at all: every line of the program would be eligible');
      }
      assume(path, component.assumptions);
      cite(`${path}.inForceFrom`, component.inForceFrom?.cite);
      assume(`${path}.inForceFrom`, component.inForceFrom?.assumptions);
      const amount = component.amount;
      const isBond = amount.method === 'bond';
      if (
        (amount.method !== 'none' && isBond !== (measure.kind === 'local-bond')) ||
        (amount.method === 'overhead' && measure.kind !== 'contract-expense')
      ) {
        report(
          `${path}.amount`,
          `method ${amount.method} does not fit a measure of kind ${measure.kind}`,
        );
      }
      if (measure.kind === 'informational' && amount.method !== 'none')
        report(`${path}.amount`, 'an informational measure gives no amount: use method none');
      if (amount.method === 'none') {
        cite(`${path}.amount`, amount.cite);
        assume(`${path}.amount`, amount.assumptions);
      }
      if (amount.method === 'overhead') {
        for (const id of amount.baseComponents)
          if (!version.components.some((other) => other.id === id && other !== component))
            report(
              `${path}.amount.baseComponents`,
              `names ${id}, not another component of this version`,
            );
        for (const fact of [amount.rateFact, amount.taxFact])
          if (!Object.hasOwn(glossary.facts, fact))
            report(`${path}.amount`, `fact ${fact} is not in the glossary`);
      }
      const parameters: Record<string, Parameter> =
        amount.method === 'rate'
          ? { rate: amount.rate }
          : amount.method === 'per-person'
            ? { unitAmount: amount.unitAmount }
            : amount.method === 'bond'
              ? { allocationRate: amount.allocationRate, taxMeasureRate: amount.taxMeasureRate }
              : amount.method === 'overhead'
                ? { maxRate: amount.maxRate }
                : {};
      for (const [name, parameter] of Object.entries(parameters)) {
        cite(`${path}.amount.${name}`, parameter.cite);
        assume(`${path}.amount.${name}`, parameter.assumptions);
        if (name === 'unitAmount' ? !isYen(parameter.value) : !isUnitRate(parameter.value)) {
          report(
            `${path}.amount.${name}`,
            name === 'unitAmount' ? 'is whole yen' : 'is a rate between 0 and 1',
          );
        }
      }
      if (amount.method === 'bond' && amount.termYears !== undefined)
        cite(`${path}.amount.termYears`, amount.termYears.cite);
      for (const cap of component.caps ?? []) {
        cite(`${path}.caps[${cap.id}]`, cap.cite);
        assume(`${path}.caps[${cap.id}]`, cap.assumptions);
        if (cap.limit !== null && !isYen(cap.limit))
          report(`${path}.caps[${cap.id}]`, 'limit is whole yen');
        if (
          cap.limit === null &&
          cap.shareOf === undefined &&
          cap.ofAllowed === undefined &&
          cap.policyKey === undefined
        )
          report(`${path}.caps[${cap.id}]`, 'an unstated limit needs a policyKey');
        if (cap.ofAllowed !== undefined) {
          const target = cap.ofAllowed.component;
          cite(`${path}.caps[${cap.id}].ofAllowed`, cap.ofAllowed.rate.cite);
          assume(`${path}.caps[${cap.id}].ofAllowed`, cap.ofAllowed.rate.assumptions);
          if (cap.scope !== 'entity' || cap.limit !== null)
            report(
              `${path}.caps[${cap.id}]`,
              'a limit of an allowed total needs scope "entity" and limit null',
            );
          if (!isUnitRate(cap.ofAllowed.rate.value))
            report(`${path}.caps[${cap.id}].ofAllowed.rate`, 'is a rate between 0 and 1');
          if (
            !version.components.some(
              (other) => other.id === target && other.amount.method === 'overhead',
            )
          )
            report(
              `${path}.caps[${cap.id}].ofAllowed`,
              `names ${target}, not an overhead component of this version`,
            );
        }
        if (cap.on === 'amount' && (cap.scope !== 'line' || component.amount.method !== 'rate'))
          report(
            `${path}.caps[${cap.id}]`,
            'a limit on the amount needs scope "line" and amount method "rate"',
          );
        if (cap.shareOf !== undefined) {
          cite(`${path}.caps[${cap.id}].shareOf`, cap.shareOf.rate.cite);
          if (cap.scope !== 'line')
            report(`${path}.caps[${cap.id}]`, 'a limit taken from a line fact needs scope "line"');
        }
        if (cap.when !== undefined) {
          const definition = Object.hasOwn(glossary.facts, cap.when.fact)
            ? glossary.facts[cap.when.fact]
            : undefined;
          const allowed =
            definition === undefined ? null : allowedValues(cap.when.fact, definition, glossary);
          const unknown =
            allowed === null
              ? []
              : cap.when.in.filter(
                  (value) => typeof value !== 'string' || !allowed.includes(value),
                );
          if (unknown.length > 0)
            report(
              `${path}.caps[${cap.id}].when`,
              `value(s) ${unknown.map((value) => JSON.stringify(value)).join(', ')} not among ${cap.when.fact}'s values`,
            );
        }
        if (cap.deductAfter !== undefined) {
          const where = `${path}.caps[${cap.id}].deductAfter`;
          cite(where, cap.deductAfter.cite);
          assume(where, cap.deductAfter.assumptions);
          for (const costType of cap.deductAfter.costTypes)
            if (!Object.hasOwn(glossary.costTypes, costType))
              report(where, `cost type ${costType} is not in the glossary`);
        }
        if (cap.term !== undefined) {
          cite(`${path}.caps[${cap.id}].term`, cap.term.cite);
          assume(`${path}.caps[${cap.id}].term`, cap.term.priorAssumptions);
          // What the term's state is carried by: a person, or a plan named by a fact.
          if (cap.scope === 'person' ? cap.term.keyFact !== undefined : cap.scope !== 'entity')
            report(
              `${path}.caps[${cap.id}].term`,
              'a term cap has scope "person", or "entity" with a keyFact',
            );
          if (cap.scope === 'entity' && cap.term.keyFact === undefined)
            report(`${path}.caps[${cap.id}].term`, 'a term cap of scope "entity" needs a keyFact');
          // A term's earlier years are replayed alone: nothing they count may depend on other groups.
          if (
            component.amount.method === 'overhead' ||
            (component.caps ?? []).some((other) => other.scope === 'measure')
          )
            report(
              `${path}.caps[${cap.id}].term`,
              'a term cap cannot share a component with a measure-wide cap or 一般管理費',
            );
        }
        for (const fact of [
          cap.when?.fact,
          cap.shareOf?.fact,
          cap.term?.keyFact,
          cap.term?.priorFact,
        ])
          if (
            fact !== undefined &&
            !(BUILTIN_FACTS as readonly string[]).includes(fact) &&
            !Object.hasOwn(glossary.facts, fact)
          )
            report(`${path}.caps[${cap.id}]`, `fact ${fact} is not in the glossary`);
      }
      if (component.headcount !== undefined) {
        cite(`${path}.headcount`, component.headcount.cite);
        assume(`${path}.headcount`, component.headcount.assumptions);
      }
    }
  }

  for (const [id, source] of Object.entries(measure.sources)) {
    if (!usedSources.has(id)) report(`sources.${id}`, 'is cited by nothing');
    if (sources === undefined) continue;
    const text = sources[source.file];
    if (text === undefined)
      report(`sources.${id}`, `source document ${source.file} is not in the rule set's sources`);
    else {
      const problem = findQuote(source, text);
      if (problem !== null) report(`sources.${id}`, `quote ${problem}`);
    }
  }
  return issues;
}

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
        return `はい/いいえの事実 ${leaf.fact} の比較は equal か notEqual です（${operator} は使えません）`;
      if (typeof value !== 'boolean')
        return `はい/いいえの事実 ${leaf.fact} は true か false と比較します`;
      return null;
    case 'number':
      if (!NUMERIC_OPERATORS.has(operator))
        return `数値の事実 ${leaf.fact} の比較は大小比較です（${operator} は使えません）`;
      if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))
        return `数値の事実 ${leaf.fact} は "5" のような10進数の文字列と比較します`;
      return null;
    case 'date':
      // Date facts are read to derive other facts (glossary derivedFrom), not compared by rules.
      return `日付の事実 ${leaf.fact} はルールで比較しません。そこから導く事実を条件にしてください`;
    case 'enum':
    case 'string-array': {
      const isList = definition.type === 'string-array';
      const wantsArray = isList
        ? operator === 'containsAny'
        : operator === 'in' || operator === 'notIn';
      const okOperator = isList
        ? LIST_OPERATORS.has(operator)
        : ['equal', 'notEqual', 'in', 'notIn'].includes(operator);
      if (!okOperator)
        return `${definition.type === 'enum' ? '選択肢' : '一覧'}の事実 ${leaf.fact} に ${operator} は使えません`;
      const values = Array.isArray(value) ? value : [value];
      if (wantsArray !== Array.isArray(value))
        return `${leaf.fact} の ${operator} は${wantsArray ? '値の一覧' : '値 1 つ'}と比較します`;
      const allowed = allowedValues(leaf.fact, definition, glossary);
      const unknown = values.filter(
        (v) => typeof v !== 'string' || (allowed !== null && !allowed.includes(v)),
      );
      if (unknown.length > 0)
        return `${leaf.fact} に値 ${unknown.map((v) => JSON.stringify(v)).join('、')} はありません`;
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
      if (!Object.hasOwn(measure.sources, id))
        report(path, `出典 ${id} を引用していますが、sources にありません`);
    }
  };
  const assume = (path: string, ids: readonly string[] | undefined): void => {
    for (const id of ids ?? [])
      if (!Object.hasOwn(assumptions, id))
        report(path, `仮定 ${id} を挙げていますが、assumptions.json にありません`);
  };

  checkAssumptionMentions(measure, assumptions, report);
  checkInForce(measure, report);
  checkComponentLabels(measure, report);
  cite('inForceFrom', measure.inForceFrom?.cite);
  assume('inForceFrom', measure.inForceFrom?.assumptions);

  for (const program of measure.programs) {
    if (!Object.hasOwn(glossary.programs, program))
      report('programs', `事業区分 ${program} が用語集（glossary.json）にありません`);
  }

  // Fiscal-year coverage: ascending, contiguous, no overlap; only the last may be open-ended.
  measure.versions.forEach((version, index) => {
    const path = `versions[${version.id}].fiscalYears`;
    const { from, through } = version.fiscalYears;
    if (through !== null && through < from)
      report(path, `終わりの年度 ${through} が始まりの年度 ${from} より前です`);
    const next = measure.versions[index + 1];
    if (next === undefined) return;
    if (through === null)
      report(path, `終わりの年度を決めない（through null）ことができるのは最後の版だけです`);
    else if (next.fiscalYears.from <= through)
      report(path, `版 ${next.id}（FY${next.fiscalYears.from} から）と年度が重なっています`);
    else if (next.fiscalYears.from > through + 1)
      report(
        path,
        `年度の空白（gap）: FY${through + 1}–FY${next.fiscalYears.from - 1} を定める版がありません`,
      );
  });
  const versionIds = measure.versions.map((version) => version.id);
  if (new Set(versionIds).size !== versionIds.length)
    report('versions', '版の id が重複しています');

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
        '措置の終わりについての仮定を持てるのは最後の版だけです',
      );
    }
    assume(base, version.assumptions);
    if (version.personClass !== undefined) {
      cite(`${base}.personClass`, version.personClass.cite);
      if (!Object.hasOwn(glossary.facts, version.personClass.fact))
        report(
          `${base}.personClass`,
          `事実 ${version.personClass.fact} が用語集（glossary.json）にありません`,
        );
    }
    if (version.personSharedWith !== undefined) {
      cite(`${base}.personSharedWith`, version.personSharedWith.cite);
      assume(`${base}.personSharedWith`, version.personSharedWith.assumptions);
      if (version.personSharedWith.measures.includes(measure.id))
        report(`${base}.personSharedWith`, '措置自身を挙げることはできません');
    }
    const named = version.components.filter((component) => component.id !== undefined);
    if (version.components.length > 1 && named.length !== version.components.length) {
      report(`${base}.components`, '構成要素が複数ある措置では、すべての構成要素に id が必要です');
    }
    const componentIds = named.map((component) => component.id);
    if (new Set(componentIds).size !== componentIds.length)
      report(`${base}.components`, '構成要素の id が重複しています');

    const leafIds = new Set<string>();
    // underAll: every group above the leaf is an `all` (ifStated makes a blank leaf true, which
    // under a `not` would fail the line, and under an `any` pass it, on no evidence).
    const checkCondition = (path: string, condition: Condition, underAll = true): void => {
      if (!isLeaf(condition)) {
        cite(path, condition.cite);
        if ('not' in condition) checkCondition(`${path}.not`, condition.not, false);
        else
          ('all' in condition ? condition.all : condition.any).forEach((child, i) => {
            checkCondition(
              `${path}.${'all' in condition ? 'all' : 'any'}[${i}]`,
              child,
              underAll && 'all' in condition,
            );
          });
        return;
      }
      const leafPath = `${path}(${condition.id})`;
      if (leafIds.has(condition.id))
        report(leafPath, `条件の id ${condition.id} が版 ${version.id} の中で 2 度使われています`);
      leafIds.add(condition.id);
      cite(leafPath, condition.cite);
      assume(leafPath, condition.assumptions);
      // Own properties only: a fact named "constructor" must not find Object.prototype's.
      const definition = Object.hasOwn(glossary.facts, condition.fact)
        ? glossary.facts[condition.fact]
        : undefined;
      if (definition === undefined) {
        report(leafPath, `事実 ${condition.fact} が用語集（glossary.json）にありません`);
        return;
      }
      const problem = checkLeafType(condition, definition, glossary);
      if (problem !== null) report(leafPath, problem);
      if (condition.ifStated === true) {
        if (!underAll)
          report(
            leafPath,
            'ifStated の条件は「すべて（all）」の中にだけ置けます（いずれか・否定の中は不可）',
          );
        // ifStated reads a blank as passing: a fact that is never blank makes it say nothing.
        const defaulted = 'default' in definition && definition.default !== undefined;
        if (definition.scope === 'builtin' || defaulted)
          report(
            leafPath,
            `ifStated の条件の事実 ${condition.fact} は空欄になりません（${definition.scope === 'builtin' ? '台帳の項目' : '既定値あり'}）`,
          );
      }
    };
    checkCondition(`${base}.conditions`, version.conditions);

    for (const [index, component] of version.components.entries()) {
      const path = `${base}.components[${component.id ?? index}]`;
      checkCondition(`${path}.conditions`, component.conditions);
      // A condition a blank meets (ifStated) does not count: every line leaving it blank would pass.
      const tested = conditionLeaves({ all: [version.conditions, component.conditions] }).filter(
        (leaf) => leaf.ifStated !== true,
      );
      if (tested.length === 0) {
        report(
          path,
          '判定する条件がありません（「記入があるときのみ判定」の条件は数えません）。この事業の明細がすべて対象になってしまいます',
        );
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
          `算定方法 ${amount.method} は種類 ${measure.kind} の措置には使えません`,
        );
      }
      if (measure.kind === 'informational' && amount.method !== 'none')
        report(`${path}.amount`, '情報提供の措置は額を出しません。method none にしてください');
      if (amount.method === 'none') {
        cite(`${path}.amount`, amount.cite);
        assume(`${path}.amount`, amount.assumptions);
      }
      if (amount.method === 'overhead') {
        for (const id of amount.baseComponents)
          if (!version.components.some((other) => other.id === id && other !== component))
            report(
              `${path}.amount.baseComponents`,
              `${id} を挙げていますが、この版の他の構成要素ではありません`,
            );
        for (const fact of [amount.rateFact, amount.taxFact])
          if (!Object.hasOwn(glossary.facts, fact))
            report(`${path}.amount`, `事実 ${fact} が用語集（glossary.json）にありません`);
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
            name === 'unitAmount'
              ? '円単位の整数にしてください'
              : '0 から 1 までの率にしてください',
          );
        }
      }
      if (amount.method === 'bond' && amount.termYears !== undefined)
        cite(`${path}.amount.termYears`, amount.termYears.cite);
      for (const cap of component.caps ?? []) {
        cite(`${path}.caps[${cap.id}]`, cap.cite);
        assume(`${path}.caps[${cap.id}]`, cap.assumptions);
        if (cap.limit !== null && !isYen(cap.limit))
          report(`${path}.caps[${cap.id}]`, '上限額は円単位の整数にしてください');
        if (
          cap.limit === null &&
          cap.shareOf === undefined &&
          cap.ofAllowed === undefined &&
          cap.policyKey === undefined
        )
          report(`${path}.caps[${cap.id}]`, '資料に額のない上限には policyKey が必要です');
        if (cap.ofAllowed !== undefined) {
          const target = cap.ofAllowed.component;
          cite(`${path}.caps[${cap.id}].ofAllowed`, cap.ofAllowed.rate.cite);
          assume(`${path}.caps[${cap.id}].ofAllowed`, cap.ofAllowed.rate.assumptions);
          if (cap.scope !== 'entity' || cap.limit !== null)
            report(
              `${path}.caps[${cap.id}]`,
              '認められる額に対する上限は scope "entity"、limit null にしてください',
            );
          if (!isUnitRate(cap.ofAllowed.rate.value))
            report(`${path}.caps[${cap.id}].ofAllowed.rate`, '0 から 1 までの率にしてください');
          if (
            !version.components.some(
              (other) => other.id === target && other.amount.method === 'overhead',
            )
          )
            report(
              `${path}.caps[${cap.id}].ofAllowed`,
              `${target} を挙げていますが、この版の一般管理費（overhead）の構成要素ではありません`,
            );
        }
        if (cap.on === 'amount' && (cap.scope !== 'line' || component.amount.method !== 'rate'))
          report(
            `${path}.caps[${cap.id}]`,
            '額に対する上限は scope "line"、算定方法 "rate" の構成要素にしか付けられません',
          );
        if (cap.shareOf !== undefined) {
          cite(`${path}.caps[${cap.id}].shareOf`, cap.shareOf.rate.cite);
          if (cap.scope !== 'line')
            report(
              `${path}.caps[${cap.id}]`,
              '明細の事実から取る上限は scope "line" にしてください',
            );
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
              `値 ${unknown.map((value) => JSON.stringify(value)).join('、')} は ${cap.when.fact} の値にありません`,
            );
        }
        if (cap.deductAfter !== undefined) {
          const where = `${path}.caps[${cap.id}].deductAfter`;
          cite(where, cap.deductAfter.cite);
          assume(where, cap.deductAfter.assumptions);
          for (const costType of cap.deductAfter.costTypes)
            if (!Object.hasOwn(glossary.costTypes, costType))
              report(where, `経費区分 ${costType} が用語集（glossary.json）にありません`);
        }
        if (cap.term !== undefined) {
          cite(`${path}.caps[${cap.id}].term`, cap.term.cite);
          assume(`${path}.caps[${cap.id}].term`, cap.term.priorAssumptions);
          // What the term's state is carried by: a person, or a plan named by a fact.
          if (cap.scope === 'person' ? cap.term.keyFact !== undefined : cap.scope !== 'entity')
            report(
              `${path}.caps[${cap.id}].term`,
              '期間の上限は scope "person"、または keyFact 付きの "entity" にしてください',
            );
          if (cap.scope === 'entity' && cap.term.keyFact === undefined)
            report(
              `${path}.caps[${cap.id}].term`,
              'scope "entity" の期間の上限には keyFact が必要です',
            );
          // A term's earlier years are replayed alone: nothing they count may depend on other groups.
          if (
            component.amount.method === 'overhead' ||
            (component.caps ?? []).some((other) => other.scope === 'measure')
          )
            report(
              `${path}.caps[${cap.id}].term`,
              '期間の上限は、措置全体の上限や一般管理費と同じ構成要素には付けられません',
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
            report(`${path}.caps[${cap.id}]`, `事実 ${fact} が用語集（glossary.json）にありません`);
      }
      if (component.headcount !== undefined) {
        cite(`${path}.headcount`, component.headcount.cite);
        assume(`${path}.headcount`, component.headcount.assumptions);
      }
    }
  }

  for (const [id, source] of Object.entries(measure.sources)) {
    if (!usedSources.has(id)) report(`sources.${id}`, 'どこからも引用されていません');
    if (sources === undefined) continue;
    const text = sources[source.file];
    if (text === undefined)
      report(`sources.${id}`, `資料 ${source.file} がルールセットの sources にありません`);
    else {
      const problem = findQuote(source, text);
      if (problem !== null) report(`sources.${id}`, problem);
    }
  }
  return issues;
}

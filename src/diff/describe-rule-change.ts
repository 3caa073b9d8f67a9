import { componentText, factText, labelled, measureText, type DiffLabels } from './diff-labels.js';
import { groupYen } from '../core/group-yen.js';
import { IF_STATED } from './diff-conditions.js';
import type { RuleChange } from './rule-change.js';

// The readable (Japanese) line of a rule change, written from its structured fields: `text`, the
// English line kept in --format json for the machines that already read it, is not shown to people.

/** Whole yen as people read it: `1,000,000円`. */
export function yenText(value: string): string {
  return /^-?\d+$/.test(value) ? `${groupYen(value)}円` : value;
}

/** `FY2024–FY2025` → `2024〜2025年度`, `FY2024–` → `2024年度〜`, `FY2024` → `2024年度`. */
export function yearsText(value: string): string {
  return value
    .replace(/FY(\d{4})–FY(\d{4})/g, '$1〜$2年度')
    .replace(/FY(\d{4})–(?!\d)/g, '$1年度〜')
    .replace(/FY(\d{4})/g, '$1年度');
}

const NONE = 'なし';

const MEASURE_FIELDS: Readonly<Record<string, string>> = {
  kind: '種別',
  status: '状態',
  programs: '事業',
};
const PARAMETERS: Readonly<Record<string, string>> = {
  rate: '率',
  unitAmount: '単価',
  allocationRate: '充当率',
  taxMeasureRate: '交付税措置率',
  termYears: '償還年数',
  maxRate: '上限率',
};
const SCOPES: Readonly<Record<string, string>> = {
  entity: '団体・年度ごと',
  person: '1人ごと',
  line: '明細ごと',
  measure: '措置全体',
};
const CAP_FIELDS: Readonly<Record<string, string>> = {
  limit: '額',
  scope: '単位',
  on: '対象',
  when: '適用条件',
  shareOf: '按分元',
  ofAllowed: '基準',
};
const OPERATORS: Readonly<Record<string, string>> = {
  equal: '＝',
  notEqual: '≠',
  in: 'がいずれか',
  notIn: 'がいずれでもない',
  contains: 'が含む',
  doesNotContain: 'が含まない',
  containsAny: 'がいずれかを含む',
  lessThan: '＜',
  lessThanInclusive: '≦',
  greaterThan: '＞',
  greaterThanInclusive: '≧',
};
const GLOSSARY_SECTIONS: Readonly<Record<string, string>> = {
  programs: '事業',
  costTypes: '経費区分',
  entityKinds: '団体区分',
  facts: '事実項目',
};

/** Wording fields: they change no result. */
const WORDING: Readonly<Record<string, string>> = {
  title: '名称',
  summary: '概要',
  label: '表示名',
  cite: '引用',
  assumptions: '前提の参照',
  endAssumptions: '終期の前提の参照',
  note: '注記',
  review: '確認事項',
  id: 'id',
  caution: '注意書き',
  personClass: '人物の区分',
  personSharedWith: '人物を分け合う措置',
};

/** `用語集の事実項目 助言業務である（advisoryDuties）`, from `glossary.<section>.<id>[.field]`. */
function glossaryTerm(change: RuleChange, labels: DiffLabels): string {
  const [, section = '', id = ''] = change.path.split('.');
  return `用語集の${GLOSSARY_SECTIONS[section] ?? section} ${labelled(labels.terms.get(`${section}.${id}`), id)}`;
}

function glossaryField(change: RuleChange): string | undefined {
  return change.path.split('.')[3];
}

/** How a component computes its amount, from describeAmount's line (`rate 1/2` → `率 1/2`). */
export function amountText(value: string | null): string {
  if (value === null) return NONE;
  const [method = '', ...rest] = value.split(' ');
  const words = rest.join(' ');
  const pairs = (text: string): string =>
    text.replace(
      /([A-Za-z]+) (\S+)/g,
      (_, name: string, number: string) =>
        `${PARAMETERS[name] ?? name} ${number === 'unstated' ? '記載なし' : number}`,
    );
  switch (method) {
    case 'rate':
      return `率 ${words}`;
    case 'per-person':
      return `1人当たり ${yenText(words)}`;
    case 'bond':
      return `地方債（${pairs(words)}）`;
    case 'overhead':
      return `一般管理費（${pairs(words)}）`;
    case 'none':
      return `算定なし ${words}`;
    default:
      return value;
  }
}

/** What a condition leaf tests (`advisoryDuties equal true`), with the fact's label. */
function leafText(labels: DiffLabels, value: string | null): string {
  if (value === null) return NONE;
  // describeLeaf writes a condition a line need not state (ifStated) with " if stated" after it.
  const stated = value.endsWith(IF_STATED);
  const match = /^(\S+) (\S+) (.*)$/.exec(stated ? value.slice(0, -IF_STATED.length) : value);
  if (match === null) return value;
  const [, fact = '', operator = '', operand = ''] = match;
  const test = `${factText(labels, fact)} ${OPERATORS[operator] ?? operator} ${operandText(labels, fact, operand)}`;
  return stated ? `${test}（記入があるときのみ判定）` : test;
}

/** A condition's value as people read it: 「研修経費（training）」, はい, 3. */
function operandText(labels: DiffLabels, fact: string, operand: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(operand);
  } catch {
    return operand;
  }
  const one = (value: unknown): string => {
    if (value === true) return 'はい';
    if (value === false) return 'いいえ';
    if (typeof value === 'string') return labelled(labels.values.get(`${fact}=${value}`), value);
    return JSON.stringify(value);
  };
  return Array.isArray(parsed) ? `［${parsed.map(one).join('、')}］` : one(parsed);
}

/** Long wording is shortened; the JSON keeps it whole. */
function clip(value: string | null): string {
  if (value === null) return NONE;
  const chars = Array.from(value);
  return `「${chars.length > 40 ? `${chars.slice(0, 37).join('')}…` : value}」`;
}

/** Where a change is: 措置, years, 構成要素. */
function placeText(change: RuleChange, labels: DiffLabels): string {
  const parts: string[] = [];
  if (change.measure !== null) parts.push(measureText(labels, change.measure));
  if (change.fiscalYears !== null) {
    const { from, through } = change.fiscalYears;
    parts.push(
      through === null
        ? `${from}年度〜`
        : from === through
          ? `${from}年度`
          : `${from}〜${through}年度`,
    );
  }
  if (change.measure !== null && change.component !== null)
    parts.push(componentText(labels, change.measure, change.component));
  return parts.join(' ');
}

/** The last field of a change's path (`…caps[cap-1].limit` → `limit`). */
function fieldOf(change: RuleChange): string {
  const last = change.path.split('.').pop() ?? '';
  return /[[\]()]/.test(last) ? '' : last;
}

/** `上限 募集経費の上限（recruitment-cap）`: an element of a measure by its label. */
function elementText(change: RuleChange, labels: DiffLabels, what: string): string {
  const id = change.id ?? '';
  const label =
    change.measure === null ? undefined : labels.elements.get(`${change.measure}/${id}`);
  return `${what} ${labelled(label, id)}`;
}

function arrow(before: string, after: string): string {
  return `${before} → ${after}`;
}

/** The change in one Japanese line, without its place. */
function whatChanged(change: RuleChange, labels: DiffLabels): string {
  const { before, after } = change;
  const value = (text: string | null): string => text ?? NONE;
  const presence = (what: string): string =>
    before === null ? `${what}を追加` : after === null ? `${what}を削除` : `${what}を変更`;
  switch (change.kind) {
    case 'measure-added':
      return `措置を追加（${yearsText(value(after))}）`;
    case 'measure-removed':
      return `措置を削除（${yearsText(value(before))}）`;
    case 'measure': {
      const field = fieldOf(change);
      return `${MEASURE_FIELDS[field] ?? field}を変更：${arrow(value(before), value(after))}`;
    }
    case 'coverage':
      return `対象年度を変更：${arrow(yearsText(value(before)), yearsText(value(after)))}`;
    case 'version-added':
      return `版 ${change.id ?? ''} を追加（${yearsText(value(after))}）`;
    case 'version-removed':
      return `版 ${change.id ?? ''} を削除（${yearsText(value(before))}）`;
    case 'version-span':
      return `版 ${change.id ?? ''} の対象年度を変更：${arrow(yearsText(value(before)), yearsText(value(after)))}`;
    case 'component-added':
      return `構成要素を追加（${amountText(after)}）`;
    case 'component-removed':
      return `構成要素を削除（${amountText(before)}）`;
    case 'amount-method':
      return `算定方法を変更：${arrow(amountText(before), amountText(after))}`;
    case 'parameter': {
      const name = change.id ?? '';
      const show = (text: string | null): string =>
        text === null ? NONE : name === 'unitAmount' ? yenText(text) : text;
      return `${PARAMETERS[name] ?? name}を変更：${arrow(show(before), show(after))}`;
    }
    case 'cap': {
      const field = fieldOf(change);
      const show = (text: string | null): string =>
        text === null || text === 'unstated'
          ? '記載なし'
          : field === 'limit'
            ? yenText(text)
            : field === 'scope'
              ? (SCOPES[text] ?? text)
              : text;
      return `${elementText(change, labels, '上限')}の${CAP_FIELDS[field] ?? field}を変更：${arrow(show(before), show(after))}`;
    }
    case 'cap-added':
    case 'cap-removed': {
      const limit = value(after ?? before);
      const amount = limit === 'unstated' ? '額の記載なし' : yenText(limit);
      return `${elementText(change, labels, '上限')}を${change.kind === 'cap-added' ? '追加' : '削除'}（${amount}）`;
    }
    case 'headcount':
      return `${elementText(change, labels, '人数枠')}を変更：${arrow(`${value(before)}人`, `${value(after)}人`)}`;
    case 'headcount-added':
      return `${elementText(change, labels, '人数枠')}を追加（${value(after)}人）`;
    case 'headcount-removed':
      return `${elementText(change, labels, '人数枠')}を削除（${value(before)}人）`;
    case 'condition':
      return `${elementText(change, labels, '条件')}を変更：${arrow(leafText(labels, before), leafText(labels, after))}`;
    case 'condition-added':
      return `${elementText(change, labels, '条件')}を追加（${leafText(labels, after)}）`;
    case 'condition-removed':
      return `${elementText(change, labels, '条件')}を削除（${leafText(labels, before)}）`;
    case 'condition-structure':
      return `条件の組み合わせ（すべて・いずれか・否定）を変更：${arrow(value(before), value(after))}`;
    case 'glossary': {
      const field = glossaryField(change);
      const term = glossaryTerm(change, labels);
      if (field === undefined) return presence(term);
      return `${term}の${field}を変更：${arrow(value(before), value(after))}`;
    }
    case 'text': {
      const field = fieldOf(change);
      const subject = change.path.startsWith('glossary.')
        ? `${glossaryTerm(change, labels)}の`
        : change.id === null
          ? ''
          : change.id === change.version
            ? `版 ${change.id} の`
            : `${PARAMETERS[change.id] ?? elementText(change, labels, '').trim()}の`;
      return `${subject}${WORDING[field] ?? '文言'}を変更：${arrow(clip(before), clip(after))}`;
    }
    case 'source':
      return `${presence(`出典 ${change.id ?? ''}`)}${before !== null && after !== null ? `（${fieldOf(change)}）` : ''}`;
    case 'assumption':
      return `${presence(`前提 ${change.id ?? ''}`)}${before !== null && after !== null ? `（${fieldOf(change)}）` : ''}`;
  }
}

/** One rule change as a finance officer reads it: where, then what, ids after their labels. */
export function describeRuleChange(change: RuleChange, labels: DiffLabels): string {
  const place = placeText(change, labels);
  const what = whatChanged(change, labels);
  return place === '' ? what : `${place}：${what}`;
}

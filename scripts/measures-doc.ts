// Renders docs/measures.md and the README's measures table from a validated rule set. Pure: no
// files, no clock — the same rule set gives the same bytes (scripts/generate-measures-doc.ts writes
// and checks them). Works from the zod types, and renders fields it does not know generically, so a
// new amount method, cap option or parameter is documented without touching this file.
import type { RuleSet } from '../src/schema/rule-set.js';
import {
  isLeaf,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
} from '../src/schema/condition.js';
import { KIND_LABELS } from '../src/schema/labels.js';
import type { Measure, MeasureKind, Version } from '../src/schema/measure.js';

const STATUS_LABELS: Readonly<Record<string, string>> = {
  computable: '算定可能：数値はすべて出典に記載 (every number stated)',
  partial: '一部算定：一部の結果は設計上「判定不能」 (some results undetermined by design)',
  informational: '情報のみ：金額は算定しない (no amount is computed)',
};

const METHOD_LABELS: Readonly<Record<string, string>> = {
  rate: '率：対象経費 × 措置率 (rate × base)',
  'per-person': '1人あたり定額 (a unit amount per person and fiscal year)',
  bond: '地方債：起債額 = 充当率 × 対象経費、措置額 = 交付税措置率 × 起債額 (bond)',
  none: '算定なし：金額は算定しない (no computable amount)',
  overhead: '一般管理費等：直接経費 × 率を上限 (overhead)',
};

const SCOPE_LABELS: Readonly<Record<string, string>> = {
  entity: '1団体・年度・構成要素ごと',
  person: '1人・年度ごと',
  line: '明細ごと',
  measure: '1団体・年度・措置全体',
};

/** Japanese labels of the keys the schema has today; any other key is shown as itself. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  rate: '措置率 (rate)',
  unitAmount: '単価 (unit amount)',
  allocationRate: '充当率 (allocation rate)',
  taxMeasureRate: '交付税措置率 (tax measure rate)',
  termYears: '償還年限 (term)',
  maxRate: '上限率 (max rate)',
  outcome: '判定 (outcome)',
  reason: '理由 (reason)',
  rateFact: '率の事実 (rate fact)',
  taxFact: '消費税の事実 (tax fact)',
  baseComponents: '基礎とする構成要素 (base components)',
  on: '上限の対象 (on: base 対象経費 / amount 措置額・補助額)',
  when: '対象の限定 (when)',
  shareOf: '明細の事実に対する割合 (share of a line fact)',
  ofAllowed: '他の構成要素の許容額に対する割合 (share of what another component allows)',
  fact: '事実 (fact)',
  in: '値 (in)',
  policyKey: 'ポリシーで上書き可 (policy key)',
  note: '注記 (note)',
  review: '要確認 (review)',
  ifStated: '記入があるときのみ判定 (if stated)',
  cite: '出典 (cite)',
  assumptions: '前提 (assumptions)',
  endAssumptions: '終了の前提 (end assumptions)',
  limit: '上限 (limit)',
  label: '説明 (label)',
  value: '値 (value)',
};

type Entry = [string, unknown];

function fields(value: object): Entry[] {
  return Object.entries(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A-2 < A-11: by the number, then as text. */
function compareAssumptionIds(a: string, b: string): number {
  const number = (id: string) => Number(/\d+/.exec(id)?.[0] ?? '0');
  return number(a) - number(b) || compareText(a, b);
}

/** Escapes the characters Markdown would read as formatting, so text renders as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`);
}

/** A code span; identifiers never hold backticks, but values from rule files might. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

/** `1000000` → `1,000,000円` (digits grouped as text, never through a float). */
export function formatYen(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (match === null) return `${value}円`;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}円`;
}

/** `0.7` → `70%`, exactly (the decimal point moves two places as text). */
export function formatPercent(value: string): string | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (match === null) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  const padded = fraction.padEnd(2, '0');
  const integer = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  return `${sign}${integer}${rest === '' ? '' : `.${rest}`}%`;
}

/** 2019 → 令和元年度, 2025 → 令和7年度, 2018 → 平成30年度. */
export function japaneseFiscalYear(year: number): string {
  const [era, first] =
    year >= 2019 ? ['令和', 2019] : year >= 1989 ? ['平成', 1989] : ['昭和', 1926];
  const n = year - first + 1;
  return `${era}${n === 1 ? '元' : String(n)}年度`;
}

/** `FY2023–FY2025`, `FY2025` for one year, `FY2025–` when the sources state no end. */
export function formatFiscalYears(from: number, through: number | null): string {
  if (through === from) return `FY${from}`;
  return `FY${from}–${through === null ? '' : `FY${through}`}`;
}

/** `令和5年度～令和7年度`, `令和7年度`, `令和7年度～`. */
export function formatJapaneseFiscalYears(from: number, through: number | null): string {
  if (through === from) return japaneseFiscalYear(from);
  return `${japaneseFiscalYear(from)}～${through === null ? '' : japaneseFiscalYear(through)}`;
}

/** The span a measure's versions cover together (versions never overlap and leave no gap). */
export function measureSpan(measure: Measure): { from: number; through: number | null } {
  const spans = measure.versions.map((version) => version.fiscalYears);
  const from = Math.min(...spans.map((span) => span.from));
  const through = spans.some((span) => span.through === null)
    ? null
    : Math.max(...spans.map((span) => span.through ?? 0));
  return { from, through };
}

/**
 * Every string in an array under a key `accept` admits, anywhere in `node` — so a new element
 * that carries `cite` or `assumptions` is collected without this walker knowing about it.
 */
export function collectStrings(node: unknown, accept: (key: string) => boolean): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of fields(value)) {
      if (accept(key) && Array.isArray(child)) {
        for (const item of child) if (typeof item === 'string') found.add(item);
      }
      walk(child);
    }
  };
  walk(node);
  return [...found];
}

const isAssumptionsKey = (key: string) => /assumptions$/i.test(key);
const isCiteKey = (key: string) => key === 'cite';

function sortedMeasures(ruleSet: RuleSet): Measure[] {
  return [...ruleSet.measures].sort((a, b) => compareText(a.id, b.id));
}

function kindLabel(kind: MeasureKind): string {
  return KIND_LABELS[kind];
}

function tableCell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/**
 * The measures table (id, 名称, kind, status, FY span), ordered by id. `link` is where the ids
 * point: `docs/measures.md` from the README, `` inside docs/measures.md.
 */
export function renderMeasuresTable(ruleSet: RuleSet, link = 'docs/measures.md'): string {
  const rows = sortedMeasures(ruleSet).map((measure) => {
    const span = measureSpan(measure);
    return [
      `[${code(measure.id)}](${link}#${measure.id})`,
      tableCell(measure.title),
      tableCell(kindLabel(measure.kind)),
      measure.status,
      formatFiscalYears(span.from, span.through),
    ];
  });
  return `${table(['measure', '名称', 'kind', 'status', 'FY'], rows).join('\n')}\n`;
}

/** Renders one measure's parts; `anchor` ties citations to the measure's sources section. */
class MeasureWriter {
  readonly lines: string[] = [];

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly measure: Measure,
  ) {}

  private sourceAnchor(id: string): string {
    return `${this.measure.id}--${id}`;
  }

  private cites(ids: readonly string[]): string {
    return ids.map((id) => `[${code(id)}](#${this.sourceAnchor(id)})`).join(', ');
  }

  private assumptionRefs(ids: readonly string[]): string {
    return ids.map((id) => `[${id}](#${this.measure.id}--${id})`).join(', ');
  }

  /** ` — 出典: …` and ` — 前提: …` for an element's own `cite` and `assumptions` arrays. */
  private refs(element: object): string {
    let text = '';
    for (const [key, value] of fields(element)) {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) continue;
      if (isCiteKey(key)) text += ` — 出典: ${this.cites(value)}`;
      else if (isAssumptionsKey(key) && value.length > 0) {
        text += ` — ${keyLabel(key)}: ${this.assumptionRefs(value)}`;
      }
    }
    return text;
  }

  /** A value in the rule file, as Markdown: ids as code, prose as text, yen and rates readable. */
  private scalar(key: string, value: string | number | boolean | null): string {
    if (value === null) return '記載なし (not stated in the sources)';
    if (typeof value !== 'string') return code(String(value));
    if (/amount|limit|yen/i.test(key) && /^-?\d+(\.\d+)?$/.test(value)) {
      return `**${formatYen(value)}**`;
    }
    if (/rate$/i.test(key)) {
      const percent = formatPercent(value);
      return percent === null ? code(value) : `**${value}**（${percent}）`;
    }
    return /^[\w.:/+-]+$/.test(value) ? code(value) : escapeMarkdown(value);
  }

  /** A parameter-like object: `{ value, label, cite }`, whatever else it carries. */
  private parameter(key: string, parameter: Record<string, unknown>, indent: string): void {
    const value = parameter.value;
    const shown =
      typeof value === 'number' && /years$/i.test(key)
        ? `**${value}年**`
        : this.scalar(key, isScalar(value) ? value : JSON.stringify(value));
    const label =
      typeof parameter.label === 'string' ? ` — ${escapeMarkdown(parameter.label)}` : '';
    this.lines.push(`${indent}- ${keyLabel(key)}: ${shown}${label}${this.refs(parameter)}`);
    this.extras(parameter, ['value', 'label', 'cite', 'assumptions'], `${indent}  `);
  }

  /** Any field, generically: a parameter, a scalar, a list, or a nested object. */
  private field(key: string, value: unknown, indent: string): void {
    const item = `${indent}- ${keyLabel(key)}:`;
    if (isRecord(value) && 'value' in value && 'label' in value) {
      this.parameter(key, value, indent);
    } else if (isScalar(value)) {
      this.lines.push(`${item} ${this.scalar(key, value)}`);
    } else if (Array.isArray(value) && value.every(isScalar)) {
      if (isCiteKey(key)) this.lines.push(`${item} ${this.cites(value.map(String))}`);
      else if (isAssumptionsKey(key))
        this.lines.push(`${item} ${this.assumptionRefs(value.map(String))}`);
      else this.lines.push(`${item} ${value.map((v) => this.scalar(key, v)).join(', ')}`);
    } else if (Array.isArray(value)) {
      this.lines.push(item);
      value.forEach((element, index) => {
        this.field(`${key}[${index}]`, element, `${indent}  `);
      });
    } else if (isRecord(value)) {
      this.lines.push(`${item}${this.refs(value)}`);
      this.extras(value, ['cite', 'assumptions', 'endAssumptions'], `${indent}  `);
    }
  }

  /** The fields of `element` not in `known`, in the rule file's order. */
  private extras(element: object, known: readonly string[], indent: string): void {
    for (const [key, value] of fields(element)) {
      if (!known.includes(key) && value !== undefined) this.field(key, value, indent);
    }
  }

  private leaf(condition: ConditionLeaf, indent: string): void {
    const value = Array.isArray(condition.value)
      ? `[${condition.value.join(', ')}]`
      : String(condition.value);
    const expression = code(`${condition.fact} ${condition.operator} ${value}`);
    this.lines.push(
      `${indent}- ${escapeMarkdown(condition.label)} — ${expression}${this.refs(condition)}`,
    );
    this.extras(
      condition,
      ['id', 'fact', 'operator', 'value', 'label', 'cite', 'assumptions'],
      `${indent}  `,
    );
  }

  private condition(condition: Condition, indent: string): void {
    if (isLeaf(condition)) {
      this.leaf(condition, indent);
      return;
    }
    const group: ConditionGroup = condition;
    const label =
      group.label === undefined || group.label === '' ? '' : `：${escapeMarkdown(group.label)}`;
    if ('not' in group) {
      this.lines.push(`${indent}- 次に該当しないこと (not)${label}${this.refs(group)}`);
      this.condition(group.not, `${indent}  `);
    } else {
      const children = 'all' in group ? group.all : group.any;
      const heading = 'all' in group ? 'すべてを満たすこと (all)' : 'いずれかを満たすこと (any)';
      this.lines.push(`${indent}- ${heading}${label}${this.refs(group)}`);
      for (const child of children) this.condition(child, `${indent}  `);
    }
    this.extras(group, ['all', 'any', 'not', 'label', 'cite'], `${indent}  `);
  }

  /** A version's or component's conditions; an unlabelled top-level `all` is just its list. */
  private conditions(title: string, root: ConditionGroup): void {
    this.lines.push(`**${title}**`, '');
    const plain =
      'all' in root &&
      root.label === undefined &&
      root.cite === undefined &&
      fields(root).length === 1;
    if (plain && root.all.length === 0) this.lines.push('- （なし / none）');
    else if (plain) for (const child of root.all) this.condition(child, '');
    else this.condition(root, '');
    this.lines.push('');
  }

  private component(component: Version['components'][number]): void {
    const id = component.id === undefined ? '（単一 / single）' : code(component.id);
    this.lines.push(`#### 構成要素 ${id}: ${escapeMarkdown(component.title)}`, '');
    // The short name the result workbook and table show as 構成要素 (check-rules requires it).
    if (component.label !== undefined)
      this.lines.push(`表示名 (label): ${escapeMarkdown(component.label)}`, '');
    if (component.assumptions !== undefined && component.assumptions.length > 0) {
      this.lines.push(`前提 (assumptions): ${this.assumptionRefs(component.assumptions)}`, '');
    }
    this.conditions('条件 (conditions)', component.conditions);

    const amount: Record<string, unknown> = component.amount;
    const method = String(amount.method);
    this.lines.push(
      `**算定方法 (amount)**: ${code(method)} — ${METHOD_LABELS[method] ?? method}${this.refs(amount)}`,
      '',
    );
    const before = this.lines.length;
    this.extras(amount, ['method', 'cite', 'assumptions'], '');
    if (this.lines.length > before) this.lines.push('');

    if (component.caps !== undefined && component.caps.length > 0) {
      this.lines.push('**上限 (caps)**', '');
      for (const cap of component.caps) {
        const share =
          cap.ofAllowed !== undefined
            ? `認められる ${code(cap.ofAllowed.component)} × ${cap.ofAllowed.rate.value}（${escapeMarkdown(cap.ofAllowed.rate.label)}）`
            : cap.shareOf === undefined
              ? null
              : `明細の ${code(cap.shareOf.fact)} × ${cap.shareOf.rate.value}（${escapeMarkdown(cap.shareOf.rate.label)}）`;
        const limit =
          cap.limit === null
            ? (share ?? '記載なし (not stated in the sources)')
            : `**${formatYen(cap.limit)}**${share === null ? '' : `、かつ ${share}`}`;
        // A cap over a term outlives the fiscal year: its scope reads per person or per plan.
        const term = cap.term;
        const scope =
          term === undefined
            ? SCOPE_LABELS[cap.scope]
            : term.keyFact === undefined
              ? '1人ごとに年度をまたいで通算 (per person, over the term)'
              : `${code(term.keyFact)} ごとに年度をまたいで通算 (per ${term.keyFact}, over the term)`;
        this.lines.push(
          `- ${code(cap.id)}: ${escapeMarkdown(cap.label)} — 範囲 (scope): ${code(cap.scope)}${scope === undefined ? '' : `（${scope}）`} — 上限額 (limit): ${limit}${this.refs(cap)}`,
        );
        if (term !== undefined)
          this.lines.push(
            `  - 過年度算入額 (prior counted): 最初の明細の ${code(term.priorFact)}、記載がなければ0円 — 前提 (assumptions): ${this.assumptionRefs(term.priorAssumptions)}`,
          );
        this.extras(cap, ['id', 'label', 'scope', 'limit', 'cite', 'assumptions', 'term'], '  ');
      }
      this.lines.push('');
    }
    if (component.headcount !== undefined) {
      const headcount = component.headcount;
      this.lines.push(
        '**人数上限 (headcount)**',
        '',
        `- ${code(headcount.id)}: ${escapeMarkdown(headcount.label)} — **${headcount.limit}名**${this.refs(headcount)}`,
      );
      this.extras(headcount, ['id', 'label', 'limit', 'cite', 'assumptions'], '  ');
      this.lines.push('');
    }
    const before2 = this.lines.length;
    this.extras(
      component,
      ['id', 'title', 'label', 'conditions', 'amount', 'caps', 'headcount', 'assumptions'],
      '',
    );
    if (this.lines.length > before2) {
      this.lines.splice(before2, 0, '**その他 (other fields)**', '');
      this.lines.push('');
    }
  }

  private version(version: Version): void {
    const { from, through } = version.fiscalYears;
    this.lines.push(
      `### バージョン ${code(version.id)}: ${formatFiscalYears(from, through)}（${formatJapaneseFiscalYears(from, through)}）`,
      '',
      `- 年度 (fiscal years): ${formatFiscalYears(from, through)}（${formatJapaneseFiscalYears(from, through)}）${this.refs(version.fiscalYears)}`,
    );
    this.extras(
      version.fiscalYears,
      ['from', 'through', 'cite', 'assumptions', 'endAssumptions'],
      '  ',
    );
    if (version.note !== undefined)
      this.lines.push(`- 注記 (note): ${escapeMarkdown(version.note)}`);
    if (version.assumptions !== undefined && version.assumptions.length > 0) {
      this.lines.push(`- 前提 (assumptions): ${this.assumptionRefs(version.assumptions)}`);
    }
    this.extras(
      version,
      ['id', 'fiscalYears', 'conditions', 'components', 'assumptions', 'note'],
      '',
    );
    this.lines.push('');
    this.conditions('共通条件 (version conditions)', version.conditions);
    for (const component of version.components) this.component(component);
  }

  private sources(): void {
    const cited = new Set(collectStrings(this.measure.versions, isCiteKey));
    this.lines.push('### 出典 (sources)', '');
    for (const [id, source] of fields(this.measure.sources)) {
      if (!isRecord(source)) continue;
      const unused = cited.has(id) ? '' : '（どの要素からも引用されていない / not cited）';
      this.lines.push(
        `<a id="${this.sourceAnchor(id)}"></a>**${code(id)}** — ${code(String(source.file))} 行 (lines) ${String(source.lines)}${unused}`,
        '',
        ...String(source.quote)
          .split(/\r?\n/)
          .map((line) => (line === '' ? '>' : `> ${escapeMarkdown(line)}`)),
        '',
      );
      const before = this.lines.length;
      this.extras(source, ['file', 'lines', 'quote'], '');
      if (this.lines.length > before) this.lines.push('');
    }
  }

  private assumptions(): void {
    const ids = collectStrings(this.measure, isAssumptionsKey).sort(compareAssumptionIds);
    if (ids.length === 0) return;
    this.lines.push('### 前提 (assumptions)', '');
    for (const id of ids) {
      const assumption = this.ruleSet.assumptions[id];
      const anchor = `<a id="${this.measure.id}--${id}"></a>`;
      if (assumption === undefined) {
        this.lines.push(
          `- ${anchor}**${id}** — （assumptions.json にない / not in assumptions.json）`,
        );
        continue;
      }
      this.lines.push(
        `- ${anchor}**${id}** ${escapeMarkdown(assumption.title)}`,
        '',
        `  ${escapeMarkdown(assumption.text).replace(/\r?\n/g, '\n  ')}`,
        '',
      );
      const before = this.lines.length;
      this.extras(assumption, ['title', 'text'], '  ');
      if (this.lines.length > before) this.lines.push('');
    }
    if (this.lines.at(-1) !== '') this.lines.push('');
  }

  write(): string[] {
    const measure = this.measure;
    const span = measureSpan(measure);
    const programs = measure.programs
      .map((program) => {
        const label = this.ruleSet.glossary.programs[program]?.label;
        return `${code(program)}${label === undefined ? '' : `（${escapeMarkdown(label)}）`}`;
      })
      .join(', ');
    this.lines.push(
      `<a id="${measure.id}"></a>`,
      '',
      `## ${code(measure.id)} ${escapeMarkdown(measure.title)}`,
      '',
      `- 種別 (kind): ${escapeMarkdown(kindLabel(measure.kind))} (${code(measure.kind)})`,
      `- 状態 (status): ${code(measure.status)} — ${STATUS_LABELS[measure.status] ?? measure.status}`,
      `- 事業 (programs): ${programs}`,
      `- 年度 (fiscal years): ${formatFiscalYears(span.from, span.through)}（${formatJapaneseFiscalYears(span.from, span.through)}）`,
      `- 概要 (summary): ${escapeMarkdown(measure.summary)}`,
    );
    this.extras(
      measure,
      ['$schema', 'id', 'title', 'kind', 'status', 'programs', 'summary', 'sources', 'versions'],
      '',
    );
    this.lines.push('');
    for (const version of measure.versions) this.version(version);
    this.sources();
    this.assumptions();
    return this.lines;
  }
}

function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? code(key);
}

/** docs/measures.md: a table of contents, then every measure in full. */
export function renderMeasuresDoc(ruleSet: RuleSet): string {
  const measures = sortedMeasures(ruleSet);
  const lines = [
    '# 措置一覧 (Measures)',
    '',
    '<!-- Generated from rules/ by scripts/generate-measures-doc.ts: do not edit, run `npm run docs`. -->',
    '',
    'このファイルは `rules/` のルールファイルから `npm run docs` で生成する（手で編集しない。`npm test` は古いと失敗する）。',
    'Generated from the rule files in `rules/`; edit those and run `npm run docs`.',
    '各措置の年度別バージョン、条件、算定方法とパラメータ、上限、出典（原文の引用）、前提を示す。',
    '',
    `${measures.length} 件の措置 (measures):`,
    '',
    renderMeasuresTable(ruleSet, '').trimEnd(),
    '',
  ];
  for (const measure of measures) {
    lines.push('---', '', ...new MeasureWriter(ruleSet, measure).write());
  }
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

export const README_START = '<!-- measures:start -->';
export const README_END = '<!-- measures:end -->';

/** `text` with what lies between the measures markers replaced by `content`. */
export function replaceMarkedSection(text: string, content: string): string {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`no ${README_START} … ${README_END} markers`);
  }
  return `${text.slice(0, start + README_START.length)}\n\n${content.trimEnd()}\n\n${text.slice(end)}`;
}

/** One message per generated file whose current text (null: missing) differs from the expected. */
export function staleMessages(
  files: readonly { path: string; expected: string; actual: string | null }[],
): string[] {
  return files
    .filter((file) => file.actual !== file.expected)
    .map((file) => `${file.path} is stale: run npm run docs`);
}

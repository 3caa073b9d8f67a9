import type { Glossary } from '../schema/glossary.js';

/** A ledger field a spreadsheet column can hold (docs/contract.md §1, §5.2), with its Japanese header. */
export interface FieldColumn {
  readonly field: string;
  readonly label: string;
  readonly aliases: readonly string[];
  /** Shown as an input hint in the template. */
  readonly hint: string;
}

/** The columns of docs/contract.md §5.2 in template order: the line's fields with its entity's beside them. */
export const FIELD_COLUMNS: readonly FieldColumn[] = [
  { field: 'id', label: '明細ID', aliases: ['ID', '番号'], hint: '明細ごとに一意の番号' },
  {
    field: 'entity',
    label: '団体コード',
    aliases: ['全国地方公共団体コード'],
    hint: '6桁（検査数字付き）例: 392081',
  },
  {
    field: 'entityName',
    label: '団体名',
    aliases: [],
    hint: '団体の最初の行に記入（以降の行は空欄可）',
  },
  { field: 'entityKind', label: '団体区分', aliases: [], hint: '一覧から選択' },
  {
    field: 'entityNonRecipient',
    label: '不交付団体',
    aliases: [],
    hint: 'はい / いいえ（空欄 = いいえ）',
  },
  {
    field: 'fiscalYear',
    label: '年度',
    aliases: ['会計年度'],
    hint: '2025 / R7 / 令和7年度（空欄なら支出日から）',
  },
  { field: 'date', label: '支出日', aliases: [], hint: '2025/6/30 または 令和7年6月30日' },
  { field: 'program', label: '事業', aliases: [], hint: '一覧から選択' },
  { field: 'costType', label: '経費区分', aliases: ['経費'], hint: '一覧から選択' },
  {
    field: 'amount',
    label: '金額',
    aliases: ['支出額'],
    hint: '円単位の整数。戻入はマイナス',
  },
  {
    field: 'person',
    label: '人物',
    aliases: ['人物ID'],
    hint: '人ごとの上限・人数がある措置で必須。同じ人は空白や大文字・小文字まで同じ表記で',
  },
  {
    field: 'claim',
    label: '申請措置',
    aliases: [],
    hint: '特定の措置だけで判定する場合の措置ID（通常は空欄）',
  },
  { field: 'memo', label: '摘要', aliases: ['備考'], hint: 'そのまま結果に写されます' },
];

export const ENTITY_COLUMN_FIELDS: Readonly<Record<string, string>> = {
  entityName: 'name',
  entityKind: 'kind',
  entityNonRecipient: 'nonRecipient',
};

/** What a header names: a line field, an entity field, a line fact or an entity attribute. */
export type ColumnTarget =
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'fact'; readonly name: string }
  | { readonly kind: 'attribute'; readonly name: string };

function normalizeHeader(text: string): string {
  return text.normalize('NFKC').trim();
}

/** Resolves header texts (field names, Japanese aliases, facts.X, attributes.X, fact labels). */
export class HeaderResolver {
  private readonly byName = new Map<string, ColumnTarget>();

  constructor(glossary: Glossary) {
    for (const column of FIELD_COLUMNS) {
      const target = { kind: 'field', field: column.field } as const;
      for (const name of [column.field, column.label, ...column.aliases])
        this.byName.set(normalizeHeader(name), target);
    }
    for (const [name, definition] of Object.entries(glossary.facts)) {
      if (definition.scope === 'builtin') continue;
      const target: ColumnTarget =
        definition.scope === 'line' ? { kind: 'fact', name } : { kind: 'attribute', name };
      this.byName.set(normalizeHeader(definition.label), target);
      this.byName.set(
        normalizeHeader(`${definition.scope === 'line' ? 'facts' : 'attributes'}.${name}`),
        target,
      );
    }
  }

  resolve(header: string): ColumnTarget | undefined {
    const text = normalizeHeader(header);
    const known = this.byName.get(text);
    if (known !== undefined) return known;
    const fact = /^facts\.([A-Za-z][A-Za-z0-9]*)$/.exec(text);
    if (fact?.[1] !== undefined) return { kind: 'fact', name: fact[1] };
    const attribute = /^attributes\.([A-Za-z][A-Za-z0-9]*)$/.exec(text);
    if (attribute?.[1] !== undefined) return { kind: 'attribute', name: attribute[1] };
    return undefined;
  }
}

/** "A", "B", …, "Z", "AA": a spreadsheet column letter for a 0-based index. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// Long file: the one catalogue of every code kofuzei emits, one entry each, read by people.
/**
 * Every machine-readable code kofuzei emits, in one place: what kind of code it is, what it means
 * (in Japanese for the people who sign off on the yen, in English for the engineers), and the exit
 * code of a refusal. `KofuzeiError`, report warnings and line reasons take their code types from
 * here, and docs/codes.md is generated from it (scripts/generate-codes-doc.ts), so a code cannot
 * be emitted without being documented, nor documented without being emitted
 * (test/unit/codes-catalogue.test.ts).
 *
 * A per-line input error (`ReportError`, the line `invalid`) carries an `input` code beside the
 * row, field, expected and received values it names (docs/contract.md §2.6).
 */

/**
 * - `refusal`: thrown as KofuzeiError — the whole input or command is refused, no report is made.
 * - `warning`: a `warnings` entry of the report — the report is made; someone should look.
 * - `reason`: a `reasons` entry of a line — why it is ineligible, undetermined, or eligible with 0.
 * - `input`: an `errors` entry of the report — a line (or an entity, and every line booked to it)
 *   is `invalid`; the message names the row, the column and what to write instead.
 */
export type CodeKind = 'refusal' | 'warning' | 'reason' | 'input';

export interface CodeEntry {
  readonly kind: CodeKind;
  /** One line for a municipal finance clerk. */
  readonly ja: string;
  /** One line for an engineer. */
  readonly en: string;
  /** The CLI's exit status when a refusal ends a command (docs/contract.md §5.3). */
  readonly exit?: 1 | 2 | 70;
}

const refusal = (ja: string, en: string, exit: 1 | 2 | 70 = 2) =>
  ({ kind: 'refusal', ja, en, exit }) as const;
const warning = (ja: string, en: string) => ({ kind: 'warning', ja, en }) as const;
const reason = (ja: string, en: string) => ({ kind: 'reason', ja, en }) as const;
const input = (ja: string, en: string) => ({ kind: 'input', ja, en }) as const;

export const CODES = {
  // Refusals: arguments and paths.
  USAGE: refusal(
    'コマンドの引数・オプションの指定が正しくありません',
    'a command-line argument or option is malformed or not one of the accepted values',
  ),
  PATH_NOT_FOUND: refusal(
    '指定したファイルまたはフォルダがありません',
    'a path given on the command line does not exist',
  ),
  PATH_NOT_REGULAR: refusal(
    '指定したパスが通常のファイルやフォルダではありません（デバイス、循環するリンクなど）',
    'a path is not a regular file or folder (a device, a FIFO, a symbolic-link loop)',
  ),
  // Refusals: rule sets.
  RULES_UNREADABLE: refusal(
    'ルールのフォルダまたはファイルを読めません',
    'the rules directory, or a file in it, cannot be read (missing, not a folder, too large, a link out of it)',
  ),
  RULES_INVALID: refusal(
    'ルールセットに誤りがあります（問題をすべて列挙します）',
    'the rule set failed validation; the message lists every problem',
    1,
  ),
  // A bug, not an input: the offline page shows it in place of a result (the CLI exits 70).
  INTERNAL: refusal(
    '予期しないエラーが起きました（kofuzei の不具合です。入力は失われていません）',
    'an unexpected error inside kofuzei (a bug): the offline page shows it instead of a result; the CLI prints it and exits 70',
    70,
  ),
  GIT_UNAVAILABLE: refusal(
    'git:REF のルールを読むための git がありません',
    'rules were asked for as git:REF but git is not installed or not on PATH',
  ),
  GIT_FAILED: refusal(
    'git:REF のルールを git から取り出せませんでした',
    'git failed while reading a git:REF rule set (not a repository, git error)',
  ),
  GIT_REF_NOT_FOUND: refusal(
    'git:REF で指定したコミットがありません',
    'the commit named by git:REF does not exist in the repository',
  ),
  // Refusals: the ledger.
  LEDGER_UNREADABLE: refusal(
    '台帳ファイルを読めません（存在しない、空、権限がないなど）',
    'the ledger file cannot be read: missing, empty, unreadable or not a regular file',
  ),
  LEDGER_UNUSABLE: refusal(
    '台帳ファイルの形が正しくないため、台帳として読めません',
    'the ledger file was read but is not a ledger (malformed JSON, CSV or workbook structure)',
  ),
  LEDGER_TOO_LARGE: refusal(
    '台帳ファイルが読み取りの上限を超えています',
    'the ledger exceeds an input limit (bytes, rows, cells, unpacked workbook size)',
  ),
  LEDGER_FORMAT_UNSUPPORTED: refusal(
    '台帳ファイルの形式（拡張子、または中身のブックの形式）に対応していません',
    'the ledger file has an extension its reader does not read (readLedgerFile: .json only), or its bytes are another format: an Excel workbook named .csv, an .xls or a password-protected workbook',
  ),
  LEDGER_ENCODING_UNSUPPORTED: refusal(
    '台帳の CSV の文字コード（UTF-16 など）に対応していません',
    'a CSV ledger is in UTF-16 or UTF-32 (by its byte-order mark or its NUL bytes); only UTF-8 and Shift_JIS are read',
  ),
  LEDGER_DUPLICATE_KEY: refusal(
    '台帳の JSON に同じ項目名が2回書かれています',
    'a JSON object in the ledger has the same key twice; kofuzei does not guess which one counts',
  ),
  LEDGER_CHANGED_DURING_RUN: refusal(
    '判定の途中で台帳ファイルが書き換えられました',
    'the ledger file changed while it was being read or evaluated; the result would mix two versions',
  ),
  LEDGER_NOT_CONVERTIBLE: refusal(
    '入力エラーのある台帳は様式・CSV に変換できません（kofuzei evaluate で確かめて直してください）',
    'template --ledger was given a ledger with input errors; the converted file would hide them',
  ),
  RESULT_NOT_READY: refusal(
    '保存する判定結果がありません（表示中の台帳の判定が終わってから保存してください）',
    'the offline page was asked for a download before the ledger on screen was evaluated',
  ),
  // Refusals: the policy.
  POLICY_UNREADABLE: refusal(
    'ポリシーファイルを読めません',
    'the policy file cannot be read (missing, too large, not a regular file)',
  ),
  POLICY_INVALID: refusal(
    'ポリシーの内容が正しくありません（不明な項目、不正な値）',
    'the policy has an unknown key or a malformed value',
  ),
  // Refusals: output.
  OUTPUT_IS_INPUT: refusal(
    '出力先が入力ファイルと同じため、上書きせずに中止しました',
    'the output path (-o) is one of the input files; writing it would destroy the input',
  ),
  OUTPUT_UNWRITABLE: refusal(
    '出力ファイルを書き込めません',
    'the output file cannot be written (folder missing, no permission, disk full)',
  ),
  EVALUATION_STOPPED: refusal(
    '評価が途中で止まりました（逐次処理のメモリ上限を超えたか、外部から停止されました）',
    'the streamed evaluation stopped before its end: its capped heap was full, or a signal stopped it',
  ),
  ENCODING_LOSSY: refusal(
    'Shift_JIS で書けない文字があるため、CSV を書き出せません',
    'a Shift_JIS CSV cannot hold a character of the output; the row and column are named',
  ),
  XLSX_TOO_MANY_ROWS: refusal(
    '結果の行数が Excel のシートの上限を超えています',
    'the report has more rows than an xlsx sheet can hold',
  ),

  // Warnings: the ledger as read.
  UNKNOWN_FIELD: warning(
    '台帳に kofuzei の知らない項目があります（読み飛ばしました）',
    'a ledger field kofuzei does not know; it is ignored',
  ),
  UNKNOWN_FACT: warning(
    '用語集にない事実（facts）の項目があります（判定には使いません）',
    'a line fact the glossary does not define; it is not used by any rule',
  ),
  UNKNOWN_ATTRIBUTE: warning(
    '用語集にない団体の属性があります（判定には使いません）',
    'an entity attribute the glossary does not define; it is not used by any rule',
  ),
  UNRECOGNIZED_VALUE: warning(
    '事実の値が用語集の選択肢にありません',
    'a fact value is not one of the values the glossary lists for it',
  ),
  DATE_OUTSIDE_FISCAL_YEAR: warning(
    '支出日が指定された年度の外にあります',
    "a line's date falls outside the fiscal year it states",
  ),
  DUPLICATE_ENTITY_MERGED: warning(
    '同じ内容の団体が2回書かれていたため、1つにまとめました',
    'an entity listed twice with identical fields was merged into one',
  ),
  DATE_SERIAL_READ: warning(
    '支出日の欄の数値を Excel の日付シリアル値として日付に読み替えました（確かめてください）',
    'a bare Excel date serial in a spreadsheet date column was read as the day it stands for',
  ),
  PERSON_ID_NORMALIZED: warning(
    '人物IDの全角・半角などの違いを揃えて同じ人物として扱いました',
    'a person id was NFKC-normalised; ids differing only in width count as one person',
  ),
  FORMULA_NOT_VERIFIED: warning(
    'Excel の式を検算できなかったため、保存されている値を使いました',
    'a workbook formula could not be recomputed; its saved value was used unverified',
  ),
  HIDDEN_SHEET_SKIPPED: warning(
    '非表示のシートは読まず、最初の表示されているシートを台帳として読みました',
    'hidden sheets were skipped; the first visible sheet was read as the ledger',
  ),
  OTHER_SHEET_NOT_READ: warning(
    '台帳として読むのは最初の表示されているシートだけです。ほかのシートに記入があります（読んでいません）',
    'another visible sheet holds cells; only the first visible sheet is read as the ledger',
  ),
  HIDDEN_COLUMN_READ: warning(
    '非表示の列の値も読み取りました',
    'a hidden column was read; its values count like any other',
  ),
  // Warnings: the evaluation.
  PERSON_FACTS_APPLIED: warning(
    '人物の属性を、同じ人物の他の行から補いました',
    "a person attribute was taken from the person's other lines",
  ),
  HEADCOUNT_DEFAULT_SELECTION: warning(
    '人数の上限を超えたため、既定の順序で対象者を選びました（A-11）',
    'a headcount cap was exceeded; the people counted were chosen by the default order (A-11)',
  ),
  UNDETERMINED_ALTERNATIVE: warning(
    '別の措置も適用できる可能性があり、不足している事実によっては選択が変わります',
    'another measure could also apply and may give more; the missing facts could change the choice',
  ),
  SHARES_CAP_WITH_UNDETERMINED: warning(
    '判定保留の明細が同じ上限（または人数上限）を先に使う可能性があり、その結果しだいでこの明細の額が変わります',
    'an undetermined line could count first under the same cap or headcount: once its facts are filled in, this line may get another amount',
  ),
  RULE_CAUTION: warning(
    'ルールの出典に注意書きがあります（要望中、読み取りの確度が低いなど）',
    'the rule carries a caution from its sources (e.g. 「要望中」, a low-confidence reading)',
  ),
  MANUAL_REVIEW: warning(
    'ルールが担当者による確認を求めています',
    'the rule asks for a manual review of this line',
  ),
  NEGATIVE_LINE_UNDER_BINDING_CAP: warning(
    '上限を超えた累計の中に負の明細があります（経費の訂正として数えました。確認してください）',
    'a negative line in a scope whose running total exceeded its cap: counted as a correction, it gives back headroom only below the limit',
  ),
  PERSON_CLASS_CONFLICT: warning(
    '同じ人物が同じ団体・年度に異なる区分（集落支援員の専任と兼任など）で計上されています（確認してください）',
    "a person is taken by one measure in two classes (e.g. 集落支援員 専任 and 兼任) in one entity and fiscal year; each class's per-person cap applied, review by hand",
  ),
  PERSON_IN_TWO_MEASURES: warning(
    '同じ人物が同じ団体・年度に、人物を分け合う2つの措置（常勤の普通交付税と非常勤の特別交付税など）で算定されています（確認してください）',
    'a person is taken in one entity and fiscal year by two measures that share persons (e.g. 常勤 under 普通交付税, 非常勤 under 特別交付税); review by hand',
  ),
  PERSON_ID_LOOK_ALIKE: warning(
    '空白・中黒・ダッシュや英字の大文字・小文字だけが違う人物IDがあり、別々の人物として算定しています（同じ人物なら人物IDを揃えてください）',
    'two person ids of one entity, measure and fiscal year (or term) differ only in whitespace, middle dots, dash forms or ASCII letter case; each is counted as its own person (its own cap, headcount place or unit amount): check they are two persons',
  ),
  RECEIPT_NOT_DEDUCTED: warning(
    '負担金の受入れが対象外と判定され、対象となった同じ人物の経費から控除されていません（確認してください）',
    "a 負担金 received (deducted after a person cap, A-02) is not deducted: its own facts fail while the same person's costs were taken; review by hand",
  ),
  BOND_TERM_NOT_STATED: warning(
    '出典に償還年限がないため、元利償還の予定を計算していません',
    'the sources state no repayment term for the bond, so no debt-service schedule is computed',
  ),

  // Reasons (REASON_CODES, in the order docs/contract.md §2.2 lists them).
  CONDITION_FAILED: reason('措置の条件を満たしていません', 'a condition of the measure is not met'),
  FACT_MISSING: reason(
    '判定に必要な事実が台帳にありません',
    'a fact the decision needs is missing from the line',
  ),
  OUT_OF_PERIOD: reason(
    '年度が措置の最終年度より後です',
    "the line's fiscal year is after the measure's last version",
  ),
  NOT_YET_IN_FORCE: reason(
    '年度が措置（またはその項目）の創設より前です（対象期間前）',
    "the line's fiscal year is before the year the sources say the measure or component was created",
  ),
  NO_VERSION: reason(
    'その年度に適用できるルールの版がありません',
    "no version of the measure covers the line's fiscal year",
  ),
  NO_MEASURE: reason('該当する措置がありません', 'no measure applies to the line'),
  NON_RECIPIENT: reason(
    '不交付団体または特別区のため、交付税による措置はありません（0円）',
    'a 不交付団体 or 特別区 receives no allocation tax, so the amount is 0',
  ),
  HEADCOUNT_EXCLUDED: reason(
    '人数の上限を超えたため、この人は算定に含まれません',
    'the person is beyond the headcount cap and is not counted',
  ),
  AMOUNT_ON_FIRST_LINE: reason(
    '1人あたりの額は、その人の年度最初の行に計上しています',
    "a per-person amount is carried on the person's first line of the fiscal year",
  ),
  PERSON_TOTAL_NOT_POSITIVE: reason(
    'その人の経費の合計が0円以下のため、1人あたりの額はありません',
    "the person's total cost is not positive, so no per-person amount is given",
  ),
  NOT_COMPUTABLE: reason(
    '出典が項目を挙げるだけで金額の算定方法を示していません（判定保留）、又はこの項目は団体の措置の対象にならないと示しています（対象外：他の機関が負担する、財政措置ではない、団体の種類が対象外など）',
    'the sources name the item but give no number to compute an amount (undetermined), or say it gives the entity nothing (ineligible: another body pays, no fiscal measure, the entity excluded)',
  ),
  CAP_NOT_STATED: reason(
    '上限があるのに出典にその金額がないため、判定を保留しました',
    'a cap applies but the sources do not state its amount',
  ),
  CORRECTION_UNDER_LINE_CAP: reason(
    '1行ごとの上限の下にある戻入（マイナスの行）です',
    'a correction (negative line) under a cap on each line alone',
  ),

  // Input errors: a line or an entity of the ledger is invalid (the report's `errors`).
  FIELD_REQUIRED: input('必須の欄が空です', 'a required field is missing or empty'),
  FIELD_INVALID: input(
    '欄の値が受け付ける形ではありません（日付、金額、年度、コードなど）',
    'a field holds a value of the wrong form (date, amount, fiscal year, code, fact value)',
  ),
  RECORD_NOT_OBJECT: input(
    '明細または団体が、項目を持つ1件の記録（JSON のオブジェクト）になっていません',
    'a line or entity is not a JSON object',
  ),
  RECORD_NOT_JSON: input(
    'JSON Lines の台帳の行が JSON として読めません（途中で切れている、区切りの誤りなど）',
    'a JSON Lines line is not JSON (cut short, a stray or missing delimiter)',
  ),
  RECORD_TOO_LONG: input(
    'JSON Lines の台帳の1行が長すぎるため読んでいません（上限 1 MiB）',
    'a JSON Lines line is longer than 1 MiB and was not read',
  ),
  NOT_A_LEDGER: input(
    '台帳の形（entities と lines の2つの一覧）になっていません',
    'the input is not a ledger object with arrays entities and lines',
  ),
  UNKNOWN_PROGRAM: input(
    '事業が用語集にありません（候補を「もしかして」で示します）',
    'program is not a program of the glossary (the closest are suggested)',
  ),
  UNKNOWN_COST_TYPE: input(
    '経費区分が用語集にありません（候補を「もしかして」で示します）',
    'costType is not a cost type of the glossary (the closest are suggested)',
  ),
  UNKNOWN_CLAIM: input(
    '申請措置がルールセットの措置にありません',
    'claim is not a measure id of the rule set (the closest are suggested)',
  ),
  CLAIM_OTHER_PROGRAM: input(
    '申請措置が、明細の事業とは別の事業の措置です',
    "claim names a measure of another program than the line's",
  ),
  UNKNOWN_ENTITY: input(
    '団体コードが entities（団体の一覧）にありません',
    "the line's entity code is not among the ledger's entities",
  ),
  ENTITY_INVALID: input(
    '明細の団体の記載に誤りがあるため、その団体の明細はすべて判定できません',
    'the line is booked to an entity whose entry has errors',
  ),
  ENTITY_CONFLICT: input(
    '同じ団体コードの記載（団体名・団体区分など）が食い違っています',
    'two entries or rows for one entity code disagree (name, kind, attributes)',
  ),
  ENTITY_CODE_KIND_MISMATCH: input(
    '団体区分とコードの種類が合いません（事業者は法人番号13桁、団体は6桁の団体コード）',
    'a contractor needs a 13-digit corporate number and a local government a 6-digit entity code',
  ),
  DUPLICATE_ID: input(
    '同じ明細IDが複数の明細に使われています（どれも判定しません）',
    'a line id is used by more than one line; all of them are invalid',
  ),
  FACT_WRONG_SCOPE: input(
    '団体の属性を明細に（または明細の事実を団体に）書いています',
    'an entity attribute was given as a line fact, or a line fact as an entity attribute',
  ),
  FACT_CONTRADICTION: input(
    '入力した事実が、ほかの欄から計算した値と食い違っています',
    'a given fact contradicts the value derived from other fields',
  ),
  DUPLICATE_KEY: input(
    'JSON の1つのオブジェクトに同じキーが2回書かれています',
    'a key is written twice in one JSON object (which value was meant is unknown)',
  ),
  CSV_ROW_TOO_LONG: input(
    'CSV の行のセルが見出しより多く、値がずれている可能性があります（カンマ入りの金額など）',
    'a CSV row has more cells than the header; its values may have shifted',
  ),
  CELL_SHOWN_OTHERWISE: input(
    'セルの表示形式が、セルの値と違う数を表示しています（千円単位・非表示など）',
    'a number cell whose format shows another number (units of 千円, a scaling comma, %, hidden)',
  ),
  TEMPLATE_EXAMPLE_ROW: input(
    '様式の記入例の行が残っています（削除してから判定してください）',
    "the template's example row is still in the sheet (its memo unchanged); it is not counted",
  ),
  CELL_VALUE_MALFORMED: input(
    'セルに保存された値が、セルの種類（数値・日付など）の値として読めません（ファイルの不具合）',
    'a cell\'s saved text is not a value of its type (a number saved as "1,000,000", a bad date)',
  ),
  CELL_ERROR_VALUE: input(
    'セルがエラー値（#N/A、#DIV/0! など）です',
    'a cell holds an error value (#N/A, #DIV/0! and the like)',
  ),
  FORMULA_NOT_SAVED: input(
    '式のセルに保存された値がありません（Excel で開いて保存し直してください）',
    'a formula cell has no saved value, or its saved value is an error',
  ),
  FORMULA_MISMATCH: input(
    '式のセルの保存された値が、式の計算結果と違います',
    "a formula cell's saved value differs from what the formula computes",
  ),
  MERGED_CELL: input('結合されたセルがあります', 'a row of the ledger sheet has merged cells'),
  HIDDEN_ROW: input('非表示の行があります', 'a row of the ledger sheet is hidden'),
  PERSON_REQUIRED: input(
    '人ごとの上限がある措置のため、人物の欄が必要です',
    'the measure caps per person, so the line needs a person id',
  ),
  HEADCOUNT_EXCEEDED: input(
    '人数の上限を超える人が選ばれています',
    'more persons are selected for a headcount cap than it allows',
  ),
} as const satisfies Record<string, CodeEntry>;

export type Code = keyof typeof CODES;
/** The codes of one kind in the catalogue. */
export type CodeOfKind<K extends CodeKind> = {
  [C in Code]: (typeof CODES)[C]['kind'] extends K ? C : never;
}[Code];
/** A KofuzeiError's code: the whole input or command is refused. */
export type ErrorCode = CodeOfKind<'refusal'>;
/** A report warning's code. */
export type WarningCode = CodeOfKind<'warning'>;
/** A report line reason's code. */
export type ReasonCode = CodeOfKind<'reason'>;
/** A report error's code: a line or entity of the ledger is invalid. */
export type InputErrorCode = CodeOfKind<'input'>;

function codesOf<K extends CodeKind>(kind: K): readonly CodeOfKind<K>[] {
  return (Object.keys(CODES) as Code[]).filter(
    (code): code is CodeOfKind<K> => CODES[code].kind === kind,
  );
}

export const ERROR_CODES = codesOf('refusal');
export const WARNING_CODES = codesOf('warning');
export const REASON_CODES = codesOf('reason');
export const INPUT_ERROR_CODES = codesOf('input');

// Clerk-first (docs/contract.md §2.6): what a person reads is Japanese, and rule ids never stand
// alone. The rules this test holds every text to:
//   1. Japanese: every report warning `message`, reason `text` and error `message` of the engine,
//      every stderr line of the CLI (except the `ルール:` rules-source line, which names a folder
//      and a hash, and JSON lines), every line of the terminal table (except its `--` rulers) and
//      the texts of the 前提 and エラー sheets contain a hiragana, katakana or kanji character.
//   2. Labels: a fact id, a measure id or a component id appears only in brackets after its label
//      — directly after 「（」 — or as an error's field path `facts.<id>`, never on its own. Held
//      for the texts the engine writes about facts and measures: warnings (not RULE_CAUTION, whose
//      and MANUAL_REVIEW's texts the rule files write, nor PERSON_CLASS_CONFLICT, whose class values may spell a
//      component id), FACT_MISSING reasons (an allocator's missing facts are labelled by the report),
//      engine errors, and the terminal table (the 一般管理費 消費税 cap's text included: it names
//      the overhead component by its label, 「ヘ 一般管理費等（ippan-kanrihi） の認められる額が確定しない」).
// Messages about reading a ledger (its fields, columns and values) are written where the ledger
// is read; the input warnings below are held to these rules by the ledger readers' own tests.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import type { Report } from '../src/schema/report.js';
import { costTypesOf, reportLabels } from '../src/spreadsheet/report-labels.js';
import { reportSheets } from '../src/spreadsheet/report-sheets.js';
import { runCli } from './helpers/cli.js';
import { bareIds, JAPANESE } from './helpers/clerk-text.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger, SAMPLE_LEDGER } from './helpers/paths.js';

/** A cell as text (null and numbers as their string). */
const text = (cell: unknown): string => (typeof cell === 'string' ? cell : JSON.stringify(cell));

/** Warnings the ledger readers write (their texts are the readers' to keep Japanese). */
const INPUT_WARNINGS = new Set(['UNKNOWN_FIELD', 'UNKNOWN_ATTRIBUTE', 'UNRECOGNIZED_VALUE']);
/** Errors the engine itself finds (the allocators); every other error is about reading a field. */
const ENGINE_ERROR_FIELDS = new Set(['person', 'facts.selectedForHeadcount']);

const rules = bundledRuleSet();

/** Each person-read text of a report that breaks a rule, with where it came from. */
function problemsOf(name: string, report: Report): string[] {
  const labelled = new Set<string>([
    ...report.warnings
      .filter(
        (warning) =>
          !INPUT_WARNINGS.has(warning.code) &&
          warning.code !== 'RULE_CAUTION' &&
          warning.code !== 'MANUAL_REVIEW' &&
          warning.code !== 'PERSON_CLASS_CONFLICT',
      )
      .map((warning) => warning.message),
    ...report.lines.flatMap((line) =>
      line.reasons.filter((reason) => reason.code === 'FACT_MISSING').map((reason) => reason.text),
    ),
    ...report.errors
      .filter((error) => ENGINE_ERROR_FIELDS.has(error.field))
      .map((error) => error.message),
  ]);
  const texts: string[] = [
    ...report.warnings
      .filter((warning) => !INPUT_WARNINGS.has(warning.code))
      .map((warning) => warning.message),
    ...report.lines.flatMap((line) => line.reasons.map((reason) => reason.text)),
    ...report.errors
      .filter((error) => ENGINE_ERROR_FIELDS.has(error.field))
      .map((error) => error.message),
  ];
  // A warning about a line names it as a clerk does: 「明細 ID:」, not the English "line ID:".
  const englishLine = report.warnings
    .filter((warning) => !INPUT_WARNINGS.has(warning.code) && /^line /u.test(warning.message))
    .map((warning) => `${name}: starts with "line": ${warning.message}`);
  return [
    ...englishLine,
    ...texts.flatMap((text) => [
      ...(JAPANESE.test(text) ? [] : [`${name}: not Japanese: ${text}`]),
      ...(labelled.has(text) ? bareIds(text) : []).map(
        (id) => `${name}: ${id} without its label: ${text}`,
      ),
    ]),
  ];
}

const ledgers = [sampleLedger(), ...fixtureLedgers(), ...acceptanceLedgers()];

/**
 * A run of 8 characters (brackets and spaces aside) a text says twice: a FACT_MISSING reason that
 * quoted its condition and then its fact's label, which for a yes/no fact restate each other
 * (「研修等が育成プログラムに記載された…であること（育成プログラムに記載された研修等である…が未入力）」).
 */
function saidTwice(text: string): string | null {
  const plain = text.replace(/[（）「」\s]/gu, '');
  for (let at = 0; at + 8 <= plain.length; at += 1) {
    const run = plain.slice(at, at + 8);
    if (plain.indexOf(run, at + 1) >= 0) return run;
  }
  return null;
}

describe('texts a clerk reads', () => {
  it('the rule-2 check finds a bare id and lets a labelled one pass', () => {
    expect(bareIds('（inTrainingProgram が未入力）')).toEqual([]);
    expect(bareIds('line L1: inTrainingProgram = true taken')).toEqual(['inTrainingProgram']);
    expect(bareIds('研修（inTrainingProgram）が未入力')).toEqual([]);
    expect(bareIds('392081 FY2024 kyoryokutai-tokko: …')).toEqual(['kyoryokutai-tokko']);
  });

  it('a missing fact names the condition once: its fact, then what the fact must be', async () => {
    expect(
      saidTwice(
        '研修等が育成プログラムに記載されたものであること（育成プログラムに記載された研修等である（inTrainingProgram）が未入力）',
      ),
    ).toBe('育成プログラムに');
    expect(
      saidTwice('育成プログラムに記載された研修等である（inTrainingProgram）が未入力'),
    ).toBeNull();
    const problems: string[] = [];
    let conditions = 0;
    for (const { name, ledger, policy } of ledgers) {
      const report = await evaluate(ledger, policy === undefined ? {} : { policy });
      for (const line of report.lines)
        for (const reason of line.reasons) {
          if (reason.code !== 'FACT_MISSING' || reason.condition === null || reason.fact === null)
            continue;
          conditions += 1;
          const twice = saidTwice(reason.text);
          if (twice !== null)
            problems.push(`${name} ${line.id}: 「${twice}」 twice: ${reason.text}`);
          if (
            !reason.text.startsWith(
              `${rules.glossary.facts[reason.fact]?.label ?? '?'}（${reason.fact}）が未入力`,
            )
          )
            problems.push(`${name} ${line.id}: not led by the fact: ${reason.text}`);
        }
    }
    expect(conditions).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('a cap names the fact it lacks once, and its label names no bare id', async () => {
    // bunsan-energy-masterplan/04: the cap label said 「計画は planId で示す」 and the text then
    // asked for planId: both became 「マスタープランの計画番号（…）（planId）」, said twice.
    const problems: string[] = [];
    let allocatorReasons = 0;
    for (const { name, ledger, policy } of ledgers) {
      const report = await evaluate(ledger, policy === undefined ? {} : { policy });
      for (const line of report.lines) {
        for (const cap of line.caps)
          for (const id of bareIds(cap.label))
            problems.push(`${name} ${line.id}: cap ${cap.id} names ${id} without its label`);
        for (const reason of line.reasons) {
          if (reason.code !== 'FACT_MISSING' || reason.condition !== null) continue;
          allocatorReasons += 1;
          for (const fact of line.missingFacts) {
            const label = rules.glossary.facts[fact]?.label ?? fact;
            const times = reason.text.split(label).length - 1;
            if (times > 1)
              problems.push(`${name} ${line.id}: ${fact} ${times} times: ${reason.text}`);
          }
        }
      }
    }
    expect(allocatorReasons).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('report warnings, reasons and engine errors over the samples and fixtures', async () => {
    const problems: string[] = [];
    for (const { name, ledger, policy } of ledgers) {
      const report = await evaluate(ledger, policy === undefined ? {} : { policy });
      problems.push(...problemsOf(name, report));
    }
    expect(problems).toEqual([]);
  });

  it('the 前提 and エラー sheets of the result workbook', async () => {
    const problems: string[] = [];
    for (const { name, ledger, policy } of ledgers) {
      const report = await evaluate(ledger, policy === undefined ? {} : { policy });
      const { entities = [], lines = [] } = ledger as { entities?: unknown[]; lines?: unknown[] };
      const sheets = reportSheets(report, reportLabels(rules, entities, costTypesOf(lines)));
      for (const sheet of sheets) {
        for (const column of sheet.columns)
          if (!JAPANESE.test(column.header))
            problems.push(`${name}: ${sheet.name} header ${column.header}`);
        // 前提: 名称 and 内容 (rulesVersion's value is a hash); エラー: 項目 and メッセージ.
        const read =
          sheet.name === '前提' ? [1, 2] : sheet.name === 'エラー' ? [4, 7] : ([] as number[]);
        for (const row of sheet.rows)
          for (const index of read) {
            // エラー: the warnings' 項目, and the engine's own errors (the readers' are theirs).
            if (
              sheet.name === 'エラー' &&
              row[0] === 'エラー' &&
              !ENGINE_ERROR_FIELDS.has(text(row[4]).replace(/^.*（|）$/g, ''))
            )
              continue;
            const code = /（([A-Z_]+)）$/.exec(text(row[4]))?.[1] ?? '';
            if (sheet.name === 'エラー' && index === 7 && INPUT_WARNINGS.has(code)) continue;
            const cell = row[index];
            // The values of ルール版 (a hash) and 報告形式 (a number) are not texts.
            if (
              sheet.name === '前提' &&
              ['ルール版', '報告形式'].includes(text(row[0])) &&
              index === 2
            )
              continue;
            if (typeof cell === 'string' && !JAPANESE.test(cell))
              problems.push(`${name}: ${sheet.name}: ${cell}`);
          }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the CLI: stderr lines and the terminal table', async () => {
    const table = await runCli(['evaluate', '--format', 'table', SAMPLE_LEDGER]);
    const lines = table.stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) if (!/^[-\s]+$/.test(line)) expect(line, line).toMatch(JAPANESE);
    // Rule 2 for the table's own columns (lines and totals); 前提 quotes the assumptions' titles.
    const own = lines.slice(0, lines.indexOf('前提（適用した仮定）'));
    for (const line of own) expect(bareIds(line), line).toEqual([]);
    const stderrOf = (stderr: string): string[] =>
      stderr
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('ルール:') && !line.startsWith('{'));
    expect(stderrOf(table.stderr).every((line) => JAPANESE.test(line))).toBe(true);
    // Refusals: the catalogue's Japanese headline leads.
    const missing = await runCli(['evaluate', 'no/such/ledger.json']);
    const usage = await runCli(['evaluate', '--format', 'pdf', SAMPLE_LEDGER]);
    const rulesMissing = await runCli(['check-rules', 'no/such/rules']);
    for (const result of [missing, usage, rulesMissing]) {
      expect(result.code).toBe(2);
      const said = stderrOf(result.stderr);
      expect(said.length).toBeGreaterThan(0);
      for (const line of said) expect(line, line).toMatch(/^kofuzei: [^:]*\p{Script=Han}/u);
    }
    const checked = await runCli(['check-rules']);
    expect(checked.stdout.trim().split('\n').at(-1)).toMatch(/: 措置 \d+ 件、.*— OK（rulesVersion/);
  }, 120_000);
});

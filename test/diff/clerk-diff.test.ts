// Clerk-first (docs/contract.md §2.6) for `kofuzei diff`: a finance officer reads the text and
// markdown formats, so every line a person reads is Japanese and a measure, component or fact id
// appears only in brackets after its label. Markup a person does not read is exempt: the markdown
// marker comment, table rulers and the closing </details>.
import { describe, expect, it } from 'vitest';
import { diffCorpus, type CorpusDiff } from '../../src/diff/diff-corpus.js';
import { diffLabels } from '../../src/diff/diff-labels.js';
import { formatDiffMarkdown, MARKDOWN_MARKER } from '../../src/diff/format-diff-markdown.js';
import { formatDiffText } from '../../src/diff/format-diff-text.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { RuleSet } from '../../src/schema/rule-set.js';
import { bareIds, idPattern, idsOf, JAPANESE } from '../helpers/clerk-text.js';
import { sampleLedger } from '../helpers/paths.js';
import { generateEntities } from '../../bench/generate-ledger.js';
import {
  bundledInput,
  changeMeasure,
  component,
  load,
  must,
  RECRUITMENT_LEDGER,
  version,
} from './helpers.js';

const BASE = load(bundledInput());

/** cio-aide-tokko FY2024–FY2025: 任用等経費 at 1/2 instead of 0.7, the 募集経費 cap at ¥1,200,000. */
function rateAndCap(): RuleSet {
  return load(
    changeMeasure(bundledInput(), 'cio-aide-tokko', (measure) => {
      const appointment = component(measure, 'fy2024-2025', 'appointment');
      if (appointment.amount.method !== 'rate') throw new Error('not a rate');
      appointment.amount.rate.value = '1/2';
      must(component(measure, 'fy2024-2025', 'recruitment').caps?.[0]).limit = '1200000';
    }),
  );
}

/** Many kinds of change at once: a measure gone, a condition, a headcount, a fact's label, wording. */
function manyKinds(): RuleSet {
  const all = bundledInput();
  const input = {
    ...all,
    measures: all.measures.filter(({ file }) => file !== 'gx-advisor.json'),
  };
  changeMeasure(input, 'cio-aide-tokko', (measure) => {
    const appointment = component(measure, 'fy2024-2025', 'appointment');
    must(appointment.headcount).limit += 1;
    appointment.title = `${appointment.title}（改）`;
    version(measure, 'fy2024-2025').note = '注記を追加';
  });
  changeMeasure(input, 'dx-leader-training-tokko', (measure) => {
    const first = must(measure.versions[0]?.components[0]);
    const leaf = 'all' in first.conditions ? first.conditions.all[0] : undefined;
    if (leaf === undefined || !('fact' in leaf)) throw new Error('no leaf');
    leaf.value = ['training'];
  });
  const glossary = input.glossary as { facts: Record<string, { label: string }> };
  const fact = must(glossary.facts.advisoryDuties);
  fact.label = `${fact.label}（改）`;
  return load(input);
}

async function corpusOf(head: RuleSet): Promise<CorpusDiff> {
  const sample = sampleLedger();
  const files = [];
  for (const { path, ledger, policy } of [
    { path: 'ledgers/cap.json', ledger: RECRUITMENT_LEDGER, policy: undefined },
    { path: 'samples/ledger.json', ledger: sample.ledger, policy: sample.policy },
  ]) {
    const options = policy === undefined ? {} : { policy };
    files.push({
      path,
      base: await evaluate(ledger, { ...options, rules: BASE }),
      head: await evaluate(ledger, { ...options, rules: head }),
    });
  }
  return diffCorpus({
    base: { rules: 'git:origin/main', ruleSet: BASE },
    head: { rules: 'rules', ruleSet: head },
    files,
  });
}

const MARKUP = (line: string): boolean =>
  line === MARKDOWN_MARKER || line === '</details>' || /^\|(?: -+:? \|)+$/.test(line);

/** Each line that breaks a rule, with why. */
function problemsOf(output: string, head: RuleSet): string[] {
  const ids = idPattern(new Set([...idsOf(BASE), ...idsOf(head)]));
  return output
    .split('\n')
    .filter((line) => line.trim() !== '' && !MARKUP(line))
    .flatMap((line) => [
      ...(JAPANESE.test(line) ? [] : [`not Japanese: ${line}`]),
      ...bareIds(line, ids).map((id) => `${id} without its label: ${line}`),
    ]);
}

describe('kofuzei diff for people', () => {
  it('the check finds a bare id and an English line', () => {
    expect(problemsOf('total 392081 FY2025 cio-aide-tokko/recruitment', BASE)).toEqual([
      'not Japanese: total 392081 FY2025 cio-aide-tokko/recruitment',
      'cio-aide-tokko without its label: total 392081 FY2025 cio-aide-tokko/recruitment',
      'recruitment without its label: total 392081 FY2025 cio-aide-tokko/recruitment',
    ]);
  });

  it('a changed rate and cap over two ledgers: every text and markdown line', async () => {
    const head = rateAndCap();
    const diff = await corpusOf(head);
    expect(diff.summary.changedFiles).toBe(2);
    expect(diff.ruleChanges.map((change) => change.kind)).toEqual(['parameter', 'cap']);
    const labels = diffLabels(BASE, head);
    const text = formatDiffText(diff, labels);
    expect(text).toContain('率を変更：0.7 → 1/2');
    expect(text).toContain('の額を変更：1,000,000円 → 1,200,000円');
    expect(problemsOf(text, head)).toEqual([]);
    expect(problemsOf(formatDiffMarkdown(diff, labels), head)).toEqual([]);
  });

  // A first file of more changed lines than a comment holds used to leave the comment with no file
  // at all: it now shows the rows that fit and counts the rest, then counts the files after it.
  it('a file too long for a comment shows the lines that fit, and counts the rest', async () => {
    const head = rateAndCap();
    const cities = generateEntities(6)
      .filter((entity) => entity.kind !== 'prefecture')
      .slice(0, 1_200);
    // Per entity 700,000 + 600,000 of 募集経費: the second line counts 300,000 under a cap of
    // 1,000,000 and 500,000 under 1,200,000, so 1,200 lines change.
    const ledger = {
      entities: cities,
      lines: cities.flatMap((entity) =>
        ['700000', '600000'].map((amount, index) => ({
          id: `${entity.code}-${index + 1}`,
          entity: entity.code,
          fiscalYear: 2025,
          program: 'cio-aide',
          costType: 'recruitment',
          amount,
        })),
      ),
    };
    const sample = sampleLedger();
    const files = [];
    for (const [path, input] of [
      ['ledgers/many.json', ledger],
      ['samples/ledger.json', sample.ledger],
    ] as const)
      files.push({
        path,
        base: await evaluate(input, { rules: BASE }),
        head: await evaluate(input, { rules: head }),
      });
    const diff = diffCorpus({
      base: { rules: 'git:origin/main', ruleSet: BASE },
      head: { rules: 'rules', ruleSet: head },
      files,
    });
    expect(diff.files[0]?.lines).toHaveLength(1_200);
    const markdown = formatDiffMarkdown(diff, diffLabels(BASE, head));
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    // As many rows as fit: one more would not (a row is about 250 characters).
    expect(markdown.length).toBeGreaterThan(59_000);
    const shown = /変更のあった明細 1200件のうち (\d+)件を表示。残りの (\d+)件は/u.exec(markdown);
    expect(Number(shown?.[1])).toBeGreaterThan(100);
    expect(Number(shown?.[1]) + Number(shown?.[2])).toBe(1_200);
    // The entities' 1,200 changed totals come after the lines: none of them fits.
    expect(markdown).toContain('_変更のあった集計 1200件は、コメントが長くなりすぎるため省略。');
    expect(markdown).toContain('<code>ledgers/many.json</code>');
    expect(markdown).toContain('_ほか 1件の変更のあったファイルは');
    expect(problemsOf(markdown, head)).toEqual([]);
  }, 60_000);

  it('many kinds of rule change: every rule-change line', async () => {
    const head = manyKinds();
    const diff = await corpusOf(head);
    const kinds = new Set(diff.ruleChanges.map((change) => change.kind));
    for (const kind of ['measure-removed', 'headcount', 'condition', 'text'] as const)
      expect(kinds).toContain(kind);
    const labels = diffLabels(BASE, head);
    expect(problemsOf(formatDiffText(diff, labels), head)).toEqual([]);
    expect(problemsOf(formatDiffMarkdown(diff, labels), head)).toEqual([]);
  });
});

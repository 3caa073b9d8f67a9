import { readFileSync } from 'node:fs';
import { diffCorpus, type CorpusDiff } from '../diff/diff-corpus.js';
import { diffLabels, type DiffLabels } from '../diff/diff-labels.js';
import { formatDiffMarkdown } from '../diff/format-diff-markdown.js';
import { formatDiffText } from '../diff/format-diff-text.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { RuleSetError } from '../core/rule-set-error.js';
import { evaluate } from '../evaluate/evaluate.js';
import { FixtureSchema } from '../fixtures/fixture.js';
import { parseFixtureText } from '../fixtures/parse-fixture-text.js';
import { japaneseIssueText } from '../schema/japanese-issues.js';
import { collectJsonFiles } from '../node/collect-json-files.js';
import { writeFileAtomic } from '../node/atomic-file.js';
import { refuseOutputOverInput } from '../node/refuse-output-over-input.js';
import { readLedgerFile } from '../node/read-ledger-file.js';
import { readPolicyFile } from '../node/read-policy-file.js';
import { readRuleDir } from '../node/read-rule-dir.js';
import { parseGitRuleSpec, readRuleSetFromGit } from '../node/read-rule-set-from-git.js';
import type { PolicyInput } from '../core/policy.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import type { RuleSet, RuleSetInput } from '../schema/rule-set.js';
import type { Report } from '../schema/report.js';
import { displayPath } from './display-path.js';
import { bundledRulesDir } from './package-paths.js';

export interface DiffCommandOptions {
  readonly base: string;
  readonly head: string;
  readonly format?: string;
  readonly output?: string;
  readonly policy?: string;
}

const FORMATS = ['text', 'json', 'markdown'];

/** A rules folder or `git:REF[:path]`; rule errors name the side they come from. */
function loadSide(spec: string, defaultDir: string): RuleSet {
  const input: RuleSetInput =
    parseGitRuleSpec(spec) === null ? readRuleDir(spec) : readRuleSetFromGit(spec, { defaultDir });
  try {
    return loadRuleSet(input);
  } catch (error) {
    if (error instanceof RuleSetError)
      throw new RuleSetError(
        error.issues.map((issue) => ({ ...issue, file: `${spec}: ${issue.file}` })),
      );
    throw error;
  }
}

/** A fixture is diffed on its ledger and its own policy; anything else is taken as a ledger. */
function ledgerOf(
  path: string,
  file: string,
  json: unknown,
  policy: PolicyInput | undefined,
): { ledger: unknown; policy: PolicyInput | undefined } {
  const isFixture =
    json !== null && typeof json === 'object' && 'ledger' in json && 'expected' in json;
  if (!isFixture) return { ledger: json, policy };
  // Read again as `kofuzei test` reads a fixture (its ledger at the depth of a fixture's, a key
  // written twice outside the ledger's lines refused), so both commands judge the same ledger.
  const text = parseFixtureText(readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''));
  if ('problem' in text)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}: 事例（フィクスチャ）として読めません: ${text.problem}`,
    );
  const fixture = FixtureSchema.safeParse(text.json, { reportInput: true });
  // Not "not a ledger": the file is a fixture, and what is wrong with it is said as `test` says it.
  if (!fixture.success)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}: 事例（フィクスチャ）の形ではありません: ${japaneseIssueText(fixture.error)}`,
    );
  // A fixture runs under its own policy (none: the default), never --policy: as `kofuzei test`.
  return {
    ledger: (text.json as { ledger: unknown }).ledger,
    policy: fixture.data.policy,
  };
}

async function evaluateWith(
  path: string,
  ledger: unknown,
  rules: RuleSet,
  policy: PolicyInput | undefined,
): Promise<Report> {
  let report: Report;
  try {
    report = await evaluate(ledger, { rules, ...(policy === undefined ? {} : { policy }) });
  } catch (error) {
    // An invalid policy is the file's problem: say which file.
    if (error instanceof KofuzeiError && !(error instanceof RuleSetError))
      throw new KofuzeiError(error.code, `${path}: ${error.message}`);
    throw error;
  }
  // As in `evaluate`: a file that is not a ledger at all is unusable input, not a diff.
  const shapeError = report.errors.find(
    (error) => error.line === null && !error.field.startsWith('entities['),
  );
  if (shapeError !== undefined)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}: 台帳の形ではありません: ${shapeError.message}`,
    );
  return report;
}

/** The diff as the chosen format. */
export function formatDiff(diff: CorpusDiff, format: string, labels: DiffLabels): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  return format === 'markdown' ? formatDiffMarkdown(diff, labels) : formatDiffText(diff, labels);
}

/**
 * `kofuzei diff --base RULES --head RULES PATH...`: evaluates every ledger or fixture under the
 * paths with both rule sets and reports what changed and which rule change explains it.
 */
export async function diffCommand(
  paths: readonly string[],
  options: DiffCommandOptions,
): Promise<{ output: string; diff: CorpusDiff }> {
  const format = options.format ?? 'text';
  if (!FORMATS.includes(format))
    throw new KofuzeiError('USAGE', `--format ${format}: 使える形式は ${FORMATS.join('、')} です`);
  // `git:REF` without a path reads the folder that the head rules are in the working tree.
  const defaultDir = parseGitRuleSpec(options.head) === null ? options.head : bundledRulesDir();
  const head = loadSide(options.head, defaultDir);
  const base = loadSide(options.base, defaultDir);
  const policy = options.policy === undefined ? undefined : readPolicyFile(options.policy);

  const found = collectJsonFiles(paths);
  if (found.length === 0)
    throw new KofuzeiError('USAGE', `${paths.join(' ')}: .json の台帳・事例が見つかりません`);
  if (options.output !== undefined)
    refuseOutputOverInput(options.output, [
      ...found.map((path) => ({ path, what: '台帳またはフィクスチャ' })),
      { path: options.policy, what: 'ポリシーファイル' },
      { path: options.base, what: '--base のルールフォルダ' },
      { path: options.head, what: '--head のルールフォルダ' },
    ]);
  const files: { path: string; base: Report; head: Report }[] = [];
  for (const file of found) {
    const path = displayPath(file);
    const input = ledgerOf(path, file, readLedgerFile(file), policy);
    files.push({
      path,
      base: await evaluateWith(path, input.ledger, base, input.policy),
      head: await evaluateWith(path, input.ledger, head, input.policy),
    });
  }
  const diff = diffCorpus({
    base: { rules: options.base, ruleSet: base },
    head: { rules: options.head, ruleSet: head },
    files,
  });
  const output = formatDiff(diff, format, diffLabels(base, head));
  if (options.output === undefined) return { output, diff };
  writeFileAtomic(options.output, output);
  const { summary } = diff;
  const what = diff.changed
    ? `ファイル ${summary.files}件のうち ${summary.changedFiles}件で明細 ${summary.changedLines}件、集計 ${summary.changedTotals}件が変更`
    : `ファイル ${summary.files}件で変更なし`;
  return { output: `${options.output}: ${what}\n`, diff };
}

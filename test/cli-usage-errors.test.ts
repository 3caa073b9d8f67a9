// Clerk-first (docs/contract.md §2.6, §5.3): a mistyped command line is told in Japanese — the
// errors commander itself raises (unknown option or command, missing or extra arguments, a
// missing value) and the CLI's own checks of option values — always exit 2, never a stack trace.
import { describe, expect, it } from 'vitest';
import { ownStderr, runCli, withoutRuleSource } from './helpers/cli.js';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const STACK = '    at ';

/** The error line: the first line of stderr after the rule-set line (commander's help follows it). */
async function usageError(args: readonly string[]): Promise<string> {
  const result = await runCli(args);
  const stderr = withoutRuleSource(ownStderr(result.stderr));
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(stderr).not.toContain(STACK);
  // No English of commander's ("error: unknown option", "Did you mean", "too many arguments").
  expect(stderr).not.toMatch(/error:|Did you mean|Expected|argument missing|not specified/u);
  return stderr.split('\n')[0] ?? '';
}

describe('command-line mistakes are told in Japanese, exit 2', () => {
  it('an unknown option, with the close one', async () => {
    expect(await usageError(['evaluate', 'ledger.json', '--fromat', 'json'])).toBe(
      'kofuzei: 不明なオプション --fromat です。もしかして --format？',
    );
  });

  it('an unknown option with nothing close', async () => {
    expect(await usageError(['evaluate', 'ledger.json', '--zzzzzz'])).toBe(
      'kofuzei: 不明なオプション --zzzzzz です。',
    );
  });

  it('an unknown command, with the close one', async () => {
    expect(await usageError(['evalute', 'ledger.json'])).toBe(
      'kofuzei: 不明なコマンド evalute です。もしかして evaluate？',
    );
  });

  it('a missing argument', async () => {
    expect(await usageError(['evaluate'])).toBe('kofuzei: 引数 <ledger> がありません。');
  });

  it('too many arguments', async () => {
    expect(await usageError(['evaluate', 'a.json', 'b.json'])).toBe(
      'kofuzei: evaluate の引数が多すぎます（1 個まで、2 個あります）。',
    );
  });

  it('an option without its value', async () => {
    expect(await usageError(['evaluate', 'a.json', '--format'])).toBe(
      'kofuzei: オプション --format <format> に値がありません。',
    );
  });

  it('a required option not given', async () => {
    expect(await usageError(['template'])).toBe(
      'kofuzei: オプション -o, --output <file> を指定してください（必須です）。',
    );
  });

  it('with --format json: the USAGE refusal as one JSON line, no help after it', async () => {
    const result = await runCli(['evaluate', 'a.json', '--format', 'json', '--fromat']);
    expect(result.code).toBe(2);
    expect(ownStderr(result.stderr).trim()).toBe(
      JSON.stringify({
        error: { code: 'USAGE', message: '不明なオプション --fromat です。もしかして --format？' },
      }),
    );
  });

  it('the help that follows the error is the Japanese one', async () => {
    const result = await runCli(['evaluate', 'a.json', '--fromat', 'json']);
    expect(ownStderr(result.stderr)).toContain('使い方: kofuzei evaluate');
  });

  for (const [args, says] of [
    [
      ['evaluate', 'a.json', '--format', 'xml'],
      '--format xml: 使える形式は json、jsonl、table、csv、xlsx です',
    ],
    [
      ['evaluate', 'a.json', '--encoding', 'latin1'],
      '--encoding latin1: utf8 か shift_jis を指定してください',
    ],
    [
      ['diff', 'a.json', '--base', 'r', '--head', 'r', '--format', 'html'],
      '--format html: 使える形式は text、json、markdown です',
    ],
    [
      ['template', '-o', 'out.pdf'],
      '-o out.pdf: 書き出し先は .xlsx か .csv のファイルにしてください',
    ],
  ] as const)
    it(`an invalid value: ${args.join(' ')}`, async () => {
      const line = await usageError(args);
      expect(line).toContain(says);
      expect(line.replace(/--?[a-z]+|[a-z0-9_.]+/giu, '')).toMatch(JAPANESE);
    });
});

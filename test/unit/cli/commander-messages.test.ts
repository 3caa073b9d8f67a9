import { describe, expect, it } from 'vitest';
import { commanderMessage } from '../../../src/cli/commander-messages.js';

// The shapes the CLI does not raise today (choices, conflicts) are still worded in Japanese, and
// a shape unknown to the table keeps a Japanese heading.
describe('commanderMessage', () => {
  it.each([
    [
      "error: unknown option '--fromat'\n(Did you mean one of --format, --from?)\n",
      '不明なオプション --fromat です。もしかして --format、--from のどれか？',
    ],
    [
      "error: option '--kind <kind>' argument 'x' is invalid. Allowed choices are a, b.\n",
      'オプション --kind <kind> の値 x は使えません（使える値: a、b）。',
    ],
    [
      "error: command-argument value 'x' is invalid for argument 'kind'. Allowed choices are a, b.\n",
      '引数 <kind> の値 x は使えません（使える値: a、b）。',
    ],
    [
      "error: option '--a' cannot be used with option '--b'\n",
      'オプション --a と オプション --b は同時に指定できません。',
    ],
    [
      'error: too many arguments. Expected 0 arguments but got 1.\n',
      '引数が多すぎます（0 個まで、1 個あります）。',
    ],
    ['error: something new\n', 'コマンドの指定が正しくありません（something new）'],
  ])('%j', (text, expected) => {
    expect(commanderMessage(text)).toBe(expected);
  });
});

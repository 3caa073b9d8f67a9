/**
 * commander writes its own errors in English ("error: unknown option '--fromat'"); the CLI is
 * read by finance officers, so each one is rewritten in Japanese here. commander has no message
 * hooks, only `outputError`, so the known English shapes (commander 14, lib/command.js) are
 * matched; an unknown shape keeps commander's text after a Japanese heading rather than vanish.
 */

/** `(Did you mean --format?)` / `(Did you mean one of a, b?)` → 「もしかして --format？」. */
function suggestion(text: string | undefined): string {
  if (text === undefined) return '';
  const match = /^\(Did you mean (?:one of )?(.+)\?\)$/u.exec(text.trim());
  if (match === null) return '';
  const names = (match[1] ?? '').split(', ');
  return names.length === 1
    ? `もしかして ${names[0]}？`
    : `もしかして ${names.join('、')} のどれか？`;
}

/** `option '--a'` (commander's name of an option in a conflict) → `オプション --a`. */
function optionName(text = ''): string {
  return text.replace(/^option '(.*)'$/u, 'オプション $1');
}

/** `a, b` (commander's list of choices) → 「a、b」. */
function list(text = ''): string {
  return text.split(', ').join('、');
}

type Rewrite = (match: RegExpExecArray) => string;

const REWRITES: readonly (readonly [RegExp, Rewrite])[] = [
  [
    /^error: unknown option '(.*)'(?:\n([^]*))?$/u,
    (m) => `不明なオプション ${m[1]} です。${suggestion(m[2])}`,
  ],
  [
    /^error: unknown command '(.*)'(?:\n([^]*))?$/u,
    (m) => `不明なコマンド ${m[1]} です。${suggestion(m[2])}`,
  ],
  [/^error: missing required argument '(.*)'$/u, (m) => `引数 <${m[1]}> がありません。`],
  [/^error: option '(.*)' argument missing$/u, (m) => `オプション ${m[1]} に値がありません。`],
  [
    /^error: required option '(.*)' not specified$/u,
    (m) => `オプション ${m[1]} を指定してください（必須です）。`,
  ],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/u,
    (m) =>
      `${m[1] === undefined ? '' : `${m[1]} の`}引数が多すぎます（${m[2]} 個まで、${m[3]} 個あります）。`,
  ],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/u,
    (m) => `オプション ${m[1]} の値 ${m[2]} は使えません（使える値: ${list(m[3])}）。`,
  ],
  [
    /^error: command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/u,
    (m) => `引数 <${m[2]}> の値 ${m[1]} は使えません（使える値: ${list(m[3])}）。`,
  ],
  [
    /^error: (.*) cannot be used with (.*)$/u,
    (m) => `${optionName(m[1])} と ${optionName(m[2])} は同時に指定できません。`,
  ],
];

/** commander's error text (one or more lines ending in a newline) in Japanese, as one line
 * without the `kofuzei: ` the CLI puts before it. */
export function commanderMessage(text: string): string {
  const message = text.replace(/\n+$/u, '');
  for (const [pattern, rewrite] of REWRITES) {
    const match = pattern.exec(message);
    if (match !== null) return rewrite(match);
  }
  // A shape this table does not know (a newer commander): still a Japanese heading first.
  return `コマンドの指定が正しくありません（${message.replace(/^error: /u, '')}）`;
}

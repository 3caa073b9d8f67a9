import * as z from 'zod';

type Issue = z.core.$ZodIssue;

/** Issues that show the input does not even have the shape of a union branch (wrong keys). */
function shapeMismatches(issues: readonly Issue[]): number {
  return issues.filter(
    (issue) =>
      issue.code === 'unrecognized_keys' ||
      (issue.code === 'invalid_type' &&
        issue.path.length === 1 &&
        issue.message.includes('undefined')),
  ).length;
}

/**
 * zod reports a value that fits no branch of a union (a condition is a leaf or an all/any/not group)
 * as one vague "Invalid input" at the union. Descend into the branch the value was meant to be —
 * the one whose keys it has — so each problem is named where it is, one issue per problem.
 */
function flattenIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path }];
    const branches = issue.errors.map((branch) => flattenIssues(branch, path));
    const best = branches.reduce((chosen, branch) =>
      shapeMismatches(branch) < shapeMismatches(chosen) ||
      (shapeMismatches(branch) === shapeMismatches(chosen) && branch.length < chosen.length)
        ? branch
        : chosen,
    );
    return best;
  });
}

/** zod's own wording, fit for a person: the codes it words in full, said in Japanese. */
const JAPANESE_ISSUE = z.locales.ja().localeError;
const WORDED = new Set([
  'invalid_type',
  'invalid_value',
  'unrecognized_keys',
  'too_big',
  'too_small',
]);

/**
 * A schema problem in Japanese (zod's ja locale; the issue was parsed with `reportInput` so it can
 * say what it received). A rule's own message (a regex's, a refinement's) is kept after it in
 * brackets, since the locale only knows the kind of problem.
 */
function japaneseMessage(issue: Issue): string {
  // A refinement that words its problem in Japanese already says it whole.
  if (issue.code === 'custom' && JAPANESE.test(issue.message)) return issue.message;
  const worded = JAPANESE_ISSUE(issue as unknown as Parameters<typeof JAPANESE_ISSUE>[0]);
  const japanese = typeof worded === 'string' ? worded : worded?.message;
  if (japanese === undefined) return issue.message;
  if (issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big')
    return japaneseTypeNames(japanese);
  return WORDED.has(issue.code) ? japanese : `${japanese}（${issue.message}）`;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

/** The locale names types as zod does ("stringが期待されました"): said in Japanese. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  boolean: '真偽値（true・false）',
  object: 'オブジェクト（{…}）',
  record: 'オブジェクト（{…}）',
  array: '配列（[…]）',
  nan: 'NaN',
};

function japaneseTypeNames(message: string): string {
  return message
    .replace(/が期待されましたが、undefinedが入力されました$/u, 'が必要です（未入力）')
    .replace(
      /(?<=^|[:：、]\s*)(string|number|int|boolean|object|record|array|nan)(?=が|は)/gu,
      (name) => TYPE_NAMES[name] ?? name,
    );
}

/**
 * A zod error's problems, each at its path, in Japanese (parse with `reportInput: true` so that
 * they can say what was received): a union's problems at the branch the value was meant to be.
 */
export function japaneseIssues(error: z.ZodError): { path: string; message: string }[] {
  return flattenIssues(error.issues).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: japaneseMessage(issue),
  }));
}

/** japaneseIssues as one line: 「path: message; …」 (「(全体)」 for the value itself). */
export function japaneseIssueText(error: z.ZodError): string {
  return japaneseIssues(error)
    .map(({ path, message }) => `${path === '' ? '(全体)' : path}: ${message}`)
    .join('; ');
}

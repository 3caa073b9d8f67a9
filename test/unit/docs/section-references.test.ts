import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths.js';

/**
 * Every `§` reference in the repository names a document inside it and resolves to one of that
 * document's numbered headings; no text points at documents outside the repository.
 *
 * A reference is a document name followed by `§N(.N)*`: a path ending in `.md` (resolved from the
 * referencing file's folder, then from the repository root, then from docs/) or a bare name `x`
 * standing for `docs/x.md` (`decisions §1.6`). Further sections may follow it (`§1.4, §1.5`, `§1.4–§1.8`,
 * `§1/§2`). In a markdown file with numbered headings, a `§` no document name introduces refers
 * to that file itself; anywhere else it is an error. A heading holds section `N` when it starts
 * with that number (`## 2. Report`, `### 1.2 Line`).
 */

const SCANNED = [
  'src',
  'test',
  'scripts',
  'bench',
  'docs',
  'fixtures',
  'README.md',
  'CHANGELOG.md',
];
const EXTENSIONS = /\.(ts|js|md|json|sh)$/;
const SELF = 'test/unit/docs/section-references.test.ts';

/** Texts that name documents outside the repository. `../shared/acceptance` is a data folder
 * the test scripts run when it is present (scripts/test.sh, test/helpers/paths.ts), not a text. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\.\.\/shared(?!\/acceptance\b)/g, what: 'a path into ../shared' },
  { pattern: /shared\/domain/g, what: 'shared/domain' },
  { pattern: /\bCONTRACT\b/g, what: 'the CONTRACT (now docs/contract.md)' },
];

/** Between a document name and its `§`: spaces, line breaks and comment markers. */
const GAP = String.raw`(?:[\s*#]|//)+`;
const SECTION = String.raw`§(\d+(?:\.\d+)*)`;
const SEP = String.raw`(?:,(?:${GAP})?(?:and\s+)?|[–-]|/|\s(?:and|or)\s)`;
const MORE = String.raw`(?:(?:${GAP})?${SEP}(?:${GAP})?${SECTION})`;
const REFERENCE = new RegExp(
  String.raw`(?<name>(?:[\w.-]+/)*[\w.-]+\.md|\b[A-Za-z][\w-]*)\`?${GAP}${SECTION}${MORE}*`,
  'g',
);

function filesUnder(path: string): string[] {
  const full = join(REPO_ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return EXTENSIONS.test(path) ? [path] : [];
  return readdirSync(full)
    .filter((name) => name !== 'node_modules')
    .sort()
    .flatMap((name) => filesUnder(`${path}/${name}`));
}

const headingCache = new Map<string, ReadonlySet<string>>();

/** The section numbers a markdown file's headings hold. */
function sectionsOf(file: string): ReadonlySet<string> {
  let sections = headingCache.get(file);
  if (sections === undefined) {
    const path = join(REPO_ROOT, file);
    sections = new Set(
      (existsSync(path) ? readFileSync(path, 'utf8') : '')
        .split('\n')
        .map((line) => /^#{1,6}\s+(?:§\s*)?(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(line)?.[1])
        .filter((number): number is string => number !== undefined),
    );
    headingCache.set(file, sections);
  }
  return sections;
}

/** The repository file a document name stands for, or undefined. */
function documentOf(name: string, from: string): string | undefined {
  const candidates = name.endsWith('.md')
    ? [join(dirname(from), name), name, `docs/${name}`]
    : [`docs/${name}.md`];
  return candidates
    .map((candidate) => relative(REPO_ROOT, join(REPO_ROOT, candidate)))
    .find((candidate) => !candidate.startsWith('..') && existsSync(join(REPO_ROOT, candidate)));
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Every problem with the `§` references and outside names in one file's text. */
export function referenceProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const covered = new Set<number>();
  // A markdown file with numbered sections may cite them without naming itself.
  const self = file.endsWith('.md') && sectionsOf(file).size > 0 ? file : undefined;
  for (const match of text.matchAll(REFERENCE)) {
    const named = match.groups?.name ?? '';
    const resolved = documentOf(named, file);
    const document = resolved ?? self;
    const name = resolved === undefined && self !== undefined ? self : named;
    for (const section of match[0].matchAll(new RegExp(SECTION, 'g'))) {
      const at = match.index + section.index;
      covered.add(at);
      const where = `${file}:${lineAt(text, at)}: ${name} §${section[1]}`;
      if (document === undefined) problems.push(`${where}: no document ${name} in the repository`);
      else if (!sectionsOf(document).has(section[1] ?? ''))
        problems.push(`${where}: ${document} has no heading §${section[1]}`);
    }
  }
  for (const match of text.matchAll(/§/g)) {
    if (covered.has(match.index)) continue;
    const section = new RegExp(`^${SECTION}`).exec(text.slice(match.index))?.[1];
    if (self === undefined || section === undefined)
      problems.push(`${file}:${lineAt(text, match.index)}: § that names no document`);
    else if (!sectionsOf(self).has(section))
      problems.push(`${file}:${lineAt(text, match.index)}: ${self} has no heading §${section}`);
  }
  if (file !== SELF) {
    for (const { pattern, what } of FORBIDDEN) {
      for (const match of text.matchAll(pattern))
        problems.push(`${file}:${lineAt(text, match.index)}: names ${what}`);
    }
  }
  return problems;
}

describe('section references', () => {
  it('resolve every § to a heading of a document in the repository, and name nothing outside it', () => {
    const problems = SCANNED.flatMap(filesUnder)
      .filter((file) => file !== SELF)
      .flatMap((file) => referenceProblems(file, readFileSync(join(REPO_ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('finds the kinds of broken reference it is for', () => {
    expect(referenceProblems('src/x.ts', '// (measures.md §5.1) and CONTRACT §2')).toEqual([
      'src/x.ts:1: measures.md §5.1: docs/measures.md has no heading §5.1',
      'src/x.ts:1: CONTRACT §2: no document CONTRACT in the repository',
      'src/x.ts:1: names the CONTRACT (now docs/contract.md)',
    ]);
    expect(
      referenceProblems('src/x.ts', '// docs/decisions.md §1.4–§9.9, see ../shared/x'),
    ).toEqual([
      'src/x.ts:1: docs/decisions.md §9.9: docs/decisions.md has no heading §9.9',
      'src/x.ts:1: names a path into ../shared',
    ]);
    expect(referenceProblems('src/x.ts', '/**\n * (§1.7) and decisions §1.6,\n * §1.8 */')).toEqual(
      ['src/x.ts:2: § that names no document'],
    );
    expect(referenceProblems('docs/x.md', 'decisions.md §1.1; `docs/contract.md` §5.3')).toEqual(
      [],
    );
    expect(referenceProblems('docs/contract.md', 'see §1.2 and (§5.3), not §7')).toEqual([
      'docs/contract.md:1: docs/contract.md §7: docs/contract.md has no heading §7',
    ]);
  });
});

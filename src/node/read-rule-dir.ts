import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { RuleSetInput } from '../schema/rule-set.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { readRegularFile } from './read-regular-file.js';
import { jsonSyntaxProblem } from '../ledger/json-syntax-problem.js';
import { missingRuleFile } from './missing-rule-file.js';

/** Limits on what a rules directory may hold (the bundled rules are ≈ 1.3 MB in all). */
export const RULE_DIR_LIMITS = {
  /** One rule file or source document. */
  fileBytes: 16 * 1024 * 1024,
  /** All rule files and source documents together. */
  totalBytes: 256 * 1024 * 1024,
} as const;

/**
 * Reads the regular files of a rules directory, never following a link: check-rules would
 * otherwise confirm quotes from any file on the machine (a link to /etc/passwd), and a link to
 * /dev/zero or a FIFO would hang or exhaust memory. Each file must be inside the directory.
 */
class RuleDirReader {
  private total = 0;

  constructor(
    private readonly root: string,
    private readonly shownDir: string,
  ) {}

  /** The file at `relative` inside the directory; messages name it as the user wrote the dir. */
  read(relative: string, entry: Dirent): string {
    const path = join(this.shownDir, relative);
    if (entry.isSymbolicLink())
      throw new KofuzeiError(
        'RULES_UNREADABLE',
        `${path}: シンボリックリンクです。ルールディレクトリの中の通常のファイルだけを読みます`,
      );
    const actual = join(this.root, relative);
    const bytes = readRegularFile(actual, {
      code: 'RULES_UNREADABLE',
      maxBytes: RULE_DIR_LIMITS.fileBytes,
      noFollow: true,
      shownAs: path,
    });
    // No link was followed to get here, but a bind mount or a swapped parent could still lead out.
    if (!realpathSync(actual).startsWith(this.root + sep))
      throw new KofuzeiError('RULES_UNREADABLE', `${path}: ルールディレクトリの外にあります`);
    this.total += bytes.length;
    if (this.total > RULE_DIR_LIMITS.totalBytes)
      throw new KofuzeiError(
        'RULES_UNREADABLE',
        `${path}: ルールディレクトリのファイルの合計が上限 ${RULE_DIR_LIMITS.totalBytes / (1024 * 1024)} MiB を超えています`,
      );
    return bytes.toString('utf8');
  }
}

/** A rule file's text as JSON; RULES_UNREADABLE naming the file as the user wrote the dir. */
function parseRuleFile(text: string, dir: string, relative: string): unknown {
  // A file saved with a BOM (Windows メモ帳) is read as ledgers, policies and fixtures are.
  const body = text.replace(/^\uFEFF/u, '');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new KofuzeiError(
      'RULES_UNREADABLE',
      `${join(dir, relative)}: JSON として読めません（${jsonSyntaxProblem(body)}）`,
    );
  }
}

function entriesOf(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** A rules directory's files as read, before any is parsed (see readRuleDirTexts). */
export interface RuleDirTexts {
  readonly glossary: string;
  readonly assumptions: string;
  /** Measure files in file-name order (the rule-set order). */
  readonly measures: readonly { readonly file: string; readonly text: string }[];
  /** Source documents by file name. */
  readonly sources: Readonly<Record<string, string>>;
}

/**
 * The texts of a rules directory's files: glossary.json, assumptions.json, one JSON file per
 * measure (in file-name order) and the source documents under sources/, none parsed yet (the CLI
 * compares them with the texts its compiled rules were built from, src/cli/compiled-rules.ts).
 * Every file read must be a regular file inside the directory (no links, FIFOs or devices) of at
 * most RULE_DIR_LIMITS.fileBytes; anything else is refused with RULES_UNREADABLE naming the file.
 */
export function readRuleDirTexts(dir: string): RuleDirTexts {
  let root: string;
  let entries: Dirent[];
  try {
    // The directory itself may be reached through a link the user chose; its contents may not.
    root = realpathSync(dir);
    entries = entriesOf(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'そのようなフォルダがありません'
        : code === 'ENOTDIR'
          ? 'フォルダではなくファイルです。ルールのフォルダ（glossary.json のあるフォルダ）を指定してください'
          : code === 'EACCES' || code === 'EPERM'
            ? '読む権限がありません'
            : `フォルダを読めません（${code ?? '原因不明のエラー'}）`;
    throw new KofuzeiError(
      'RULES_UNREADABLE',
      `${dir}: ルールのフォルダとして読めません（${why}）`,
    );
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const required = ['glossary.json', 'assumptions.json'];
  for (const name of required) {
    if (!byName.has(name)) throw new KofuzeiError('RULES_UNREADABLE', missingRuleFile(dir, name));
  }
  const reader = new RuleDirReader(root, dir);
  const text = (name: string): string => reader.read(name, byName.get(name) as Dirent);
  const sources: Record<string, string> = {};
  const sourceEntry = byName.get('sources');
  if (sourceEntry?.isSymbolicLink() === true)
    throw new KofuzeiError(
      'RULES_UNREADABLE',
      `${join(dir, 'sources')}: シンボリックリンクです。ルールディレクトリの中のフォルダだけを読みます`,
    );
  if (sourceEntry?.isDirectory() === true) {
    const sourceDir = join(dir, 'sources');
    if (!lstatSync(join(root, 'sources')).isDirectory())
      throw new KofuzeiError(
        'RULES_UNREADABLE',
        `${sourceDir}: フォルダではありません（sources は原典の .txt を入れるフォルダです）`,
      );
    for (const entry of entriesOf(join(root, 'sources'))) {
      if (entry.name.endsWith('.txt'))
        sources[entry.name] = reader.read(join('sources', entry.name), entry);
    }
  }
  return {
    glossary: text('glossary.json'),
    assumptions: text('assumptions.json'),
    measures: entries
      .filter((entry) => entry.name.endsWith('.json') && !required.includes(entry.name))
      .map((entry) => ({ file: entry.name, text: text(entry.name) })),
    sources,
  };
}

/** The texts of a rules directory (read from `dir`, named so in messages) parsed as JSON. */
export function parseRuleDirTexts(texts: RuleDirTexts, dir: string): RuleSetInput {
  return {
    glossary: parseRuleFile(texts.glossary, dir, 'glossary.json'),
    assumptions: parseRuleFile(texts.assumptions, dir, 'assumptions.json'),
    measures: texts.measures.map(({ file, text }) => ({
      file,
      json: parseRuleFile(text, dir, file),
    })),
    sources: texts.sources,
  };
}

/**
 * Reads a rules directory: glossary.json, assumptions.json, one JSON file per measure (in file-name
 * order, which is the rule-set order) and the source documents under sources/. Every file read
 * must be a regular file inside the directory (no links, FIFOs or devices) of at most
 * RULE_DIR_LIMITS.fileBytes; anything else is refused with RULES_UNREADABLE naming the file, as is
 * a file that is not JSON.
 */
export function readRuleDir(dir: string): RuleSetInput {
  return parseRuleDirTexts(readRuleDirTexts(dir), dir);
}

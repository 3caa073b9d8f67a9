import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { RuleSetInput } from '../schema/rule-set.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { readRegularFile } from './read-regular-file.js';

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

  json(relative: string, entry: Dirent): unknown {
    const text = this.read(relative, entry);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new KofuzeiError(
        'RULES_UNREADABLE',
        `${join(this.shownDir, relative)}: not valid JSON (${(error as Error).message})`,
      );
    }
  }
}

function entriesOf(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/**
 * Reads a rules directory: glossary.json, assumptions.json, one JSON file per measure (in file-name
 * order, which is the rule-set order) and the source documents under sources/. Every file read
 * must be a regular file inside the directory (no links, FIFOs or devices) of at most
 * RULE_DIR_LIMITS.fileBytes; anything else is refused with RULES_UNREADABLE naming the file.
 */
export function readRuleDir(dir: string): RuleSetInput {
  let root: string;
  let entries: Dirent[];
  try {
    // The directory itself may be reached through a link the user chose; its contents may not.
    root = realpathSync(dir);
    entries = entriesOf(root);
  } catch {
    throw new KofuzeiError('RULES_UNREADABLE', `${dir}: not a readable rules directory`);
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const required = ['glossary.json', 'assumptions.json'];
  for (const name of required) {
    if (!byName.has(name)) throw new KofuzeiError('RULES_UNREADABLE', `${dir}: has no ${name}`);
  }
  const reader = new RuleDirReader(root, dir);
  const json = (name: string): unknown => reader.json(name, byName.get(name) as Dirent);
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
      throw new KofuzeiError('RULES_UNREADABLE', `${sourceDir}: not a folder`);
    for (const entry of entriesOf(join(root, 'sources'))) {
      if (entry.name.endsWith('.txt'))
        sources[entry.name] = reader.read(join('sources', entry.name), entry);
    }
  }
  return {
    glossary: json('glossary.json'),
    assumptions: json('assumptions.json'),
    measures: entries
      .filter((entry) => entry.name.endsWith('.json') && !required.includes(entry.name))
      .map((entry) => ({ file: entry.name, json: json(entry.name) })),
    sources,
  };
}

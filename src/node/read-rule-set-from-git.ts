import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { KofuzeiError } from '../core/kofuzei-error.js';
import type { RuleSetInput } from '../schema/rule-set.js';
import { jsonSyntaxProblem } from '../ledger/json-syntax-problem.js';
import { missingRuleFile } from './missing-rule-file.js';

/** Rule sources can be whole PDFs turned to text: allow far more than execFileSync's 1 MiB. */
const MAX_BUFFER = 256 * 1024 * 1024;

export interface GitRuleSpec {
  readonly ref: string;
  /** The rules folder in the repository, relative to its top level; null = the default. */
  readonly path: string | null;
}

/** `git:REF` or `git:REF:path` (a ref never contains a colon); null when it is not a git spec. */
export function parseGitRuleSpec(spec: string): GitRuleSpec | null {
  if (!spec.startsWith('git:')) return null;
  const rest = spec.slice('git:'.length);
  const colon = rest.indexOf(':');
  const ref = colon < 0 ? rest : rest.slice(0, colon);
  const path = colon < 0 ? null : rest.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  if (ref === '' || ref.startsWith('-'))
    throw new KofuzeiError('USAGE', `${spec}: git:REF または git:REF:path の形で指定してください`);
  return { ref, path: path === '' ? null : path };
}

function git(args: readonly string[], cwd: string, spec: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: MAX_BUFFER,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT')
      throw new KofuzeiError(
        'GIT_UNAVAILABLE',
        `${spec}: git が見つかりません（インストールされていないか、PATH にありません）`,
      );
    const detail = (failure.stderr ?? '').trim().split('\n')[0] ?? '';
    throw new KofuzeiError(
      'GIT_FAILED',
      `${spec}: git ${args[0] ?? ''} が失敗しました${detail === '' ? '' : `（git の出力: ${detail}）`}`,
    );
  }
}

function parseJson(text: string, where: string): unknown {
  // A file committed with a BOM is read as the rules folder reads it.
  const body = text.replace(/^\uFEFF/u, '');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new KofuzeiError(
      'RULES_UNREADABLE',
      `${where}: JSON として読めません（${jsonSyntaxProblem(body)}）`,
    );
  }
}

export interface ReadRuleSetFromGitOptions {
  /**
   * The rules folder on disk (usually the head rules): its repository is the one read, and its
   * place in that repository is the folder read at REF when the spec names no path.
   */
  readonly defaultDir: string;
  /** Where git runs instead (the repository); default: `defaultDir` when it is a folder. */
  readonly cwd?: string;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads a rule set as it is at a git ref — `git:origin/main` or `git:v1.2.0:rules` — the same way
 * readRuleDir reads a folder: glossary.json, assumptions.json, the measure files and sources/*.txt.
 * Without a path, the folder is `defaultDir`'s place in the repository (usually the head rules).
 */
export function readRuleSetFromGit(spec: string, options: ReadRuleSetFromGitOptions): RuleSetInput {
  const parsed = parseGitRuleSpec(spec);
  if (parsed === null)
    throw new KofuzeiError('USAGE', `${spec}: git:REF または git:REF:path の形で指定してください`);
  const defaultDir = resolve(options.defaultDir);
  const cwd = resolve(options.cwd ?? (isDirectory(defaultDir) ? defaultDir : '.'));
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd, spec).trim();
  } catch (error) {
    if (error instanceof KofuzeiError && error.code === 'GIT_FAILED')
      throw new KofuzeiError('GIT_FAILED', `${spec}: ${cwd} は git のリポジトリの中にありません`);
    throw error;
  }
  let commit: string;
  try {
    // `--end-of-options`: a ref such as "--output=x" is never read as an option.
    commit = git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${parsed.ref}^{commit}`],
      top,
      spec,
    ).trim();
  } catch (error) {
    if (error instanceof KofuzeiError && error.code === 'GIT_FAILED')
      throw new KofuzeiError(
        'GIT_REF_NOT_FOUND',
        `${spec}: リポジトリ ${top} にコミット ${parsed.ref} がありません`,
      );
    throw error;
  }
  let dir = parsed.path;
  if (dir === null) {
    // git prints the top level with symlinks resolved (/tmp → /private/tmp on macOS).
    const fromTop = relative(top, isDirectory(defaultDir) ? realpathSync(defaultDir) : defaultDir);
    if (fromTop.startsWith('..') || isAbsolute(fromTop))
      throw new KofuzeiError(
        'USAGE',
        `${spec}: ${options.defaultDir} はリポジトリ ${top} の外にあります。git:${parsed.ref}:フォルダ の形でルールのフォルダを指定してください`,
      );
    dir = fromTop.split(sep).join('/');
  }
  const prefix = dir === '' ? '' : `${dir}/`;
  const files = git(
    ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', dir === '' ? '.' : dir],
    top,
    spec,
  )
    .split('\0')
    .filter((file) => file.startsWith(prefix))
    .map((file) => file.slice(prefix.length));
  const where = `${spec} (${dir === '' ? '.' : dir})`;
  if (files.length === 0)
    throw new KofuzeiError(
      'RULES_UNREADABLE',
      `${where}: ${parsed.ref} の時点にこのフォルダがありません`,
    );
  const show = (file: string): string => git(['show', `${commit}:${prefix}${file}`], top, spec);
  const required = ['glossary.json', 'assumptions.json'];
  for (const name of required)
    if (!files.includes(name))
      throw new KofuzeiError('RULES_UNREADABLE', missingRuleFile(where, name));

  const sources: Record<string, string> = {};
  for (const file of files.filter((name) => /^sources\/[^/]+\.txt$/.test(name)).sort())
    sources[file.slice('sources/'.length)] = show(file);
  return {
    glossary: parseJson(show('glossary.json'), `${where} glossary.json`),
    assumptions: parseJson(show('assumptions.json'), `${where} assumptions.json`),
    measures: files
      .filter((name) => !name.includes('/') && name.endsWith('.json') && !required.includes(name))
      .sort()
      .map((name) => ({ file: name, json: parseJson(show(name), `${where} ${name}`) })),
    sources,
  };
}

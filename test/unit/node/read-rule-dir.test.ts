import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../../src/core/kofuzei-error.js';
import { loadRuleDir } from '../../../src/node/load-rule-dir.js';
import { RULE_DIR_LIMITS, readRuleDir } from '../../../src/node/read-rule-dir.js';
import { RULES_DIR } from '../../helpers/paths.js';

const SOURCE = '000_8b575c24c1c2c428.txt';
const temps: string[] = [];

/** A copy of the repository's rules directory in a fresh temp folder. */
function copyRules(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kofuzei-rules-')), 'rules');
  temps.push(dir);
  cpSync(RULES_DIR, dir, { recursive: true });
  return dir;
}

function refusal(dir: string): KofuzeiError {
  try {
    readRuleDir(dir);
  } catch (error) {
    if (error instanceof KofuzeiError) return error;
    throw error;
  }
  throw new Error(`${dir} was read`);
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('readRuleDir: only regular files inside the directory', () => {
  it('reads the repository rules', () => {
    expect(Object.keys(readRuleDir(RULES_DIR).sources ?? {}).length).toBeGreaterThan(0);
  });

  it('refuses a source document that links to /etc/passwd (check-rules is no oracle)', () => {
    const dir = copyRules();
    unlinkSync(join(dir, 'sources', SOURCE));
    symlinkSync('/etc/passwd', join(dir, 'sources', SOURCE));
    const error = refusal(dir);
    expect(error.code).toBe('RULES_UNREADABLE');
    expect(error.message).toContain(join(dir, 'sources', SOURCE));
    expect(error.message).toContain('シンボリックリンク');
  });

  it('refuses a source document that links to /dev/zero without reading it', () => {
    const dir = copyRules();
    symlinkSync('/dev/zero', join(dir, 'sources', 'zero.txt'));
    expect(refusal(dir).message).toContain(join(dir, 'sources', 'zero.txt'));
  });

  it('refuses a rule file that links to a file outside the directory', () => {
    const dir = copyRules();
    const outside = join(dir, '..', 'outside.json');
    writeFileSync(outside, '{}');
    symlinkSync(outside, join(dir, 'zz-linked.json'));
    expect(refusal(dir).message).toContain(join(dir, 'zz-linked.json'));
  });

  it('refuses a sources folder that is a link', () => {
    const dir = copyRules();
    const elsewhere = join(dir, '..', 'elsewhere');
    cpSync(join(dir, 'sources'), elsewhere, { recursive: true });
    rmSync(join(dir, 'sources'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'sources'));
    expect(refusal(dir).message).toContain(join(dir, 'sources'));
  });

  it('refuses a FIFO without blocking on it', () => {
    const dir = copyRules();
    execFileSync('mkfifo', [join(dir, 'sources', 'pipe.txt')]);
    const error = refusal(dir);
    expect(error.message).toContain(join(dir, 'sources', 'pipe.txt'));
    expect(error.message).toContain('FIFO');
  });

  it('refuses a file above the per-file limit, naming it and the limit', () => {
    const dir = copyRules();
    writeFileSync(
      join(dir, 'sources', 'huge.txt'),
      Buffer.alloc(RULE_DIR_LIMITS.fileBytes + 1, 0x61),
    );
    const error = refusal(dir);
    expect(error.message).toContain(join(dir, 'sources', 'huge.txt'));
    expect(error.message).toContain('16 MiB');
  });

  it('refuses a .json entry that is a folder', () => {
    const dir = copyRules();
    execFileSync('mkdir', [join(dir, 'zz-folder.json')]);
    expect(refusal(dir).code).toBe('RULES_UNREADABLE');
  });

  it('may itself be reached through a link the user chose', () => {
    const dir = copyRules();
    const link = join(dir, '..', 'link-to-rules');
    symlinkSync(dir, link);
    expect(readRuleDir(link).measures.length).toBe(readRuleDir(dir).measures.length);
  });
});

describe('readRuleDir: what a clerk or rule author is told, in Japanese', () => {
  it('names a folder that cannot be read', () => {
    const dir = join(tmpdir(), 'kofuzei-no-such-rules-folder');
    expect(refusal(dir).message).toBe(
      `${dir}: ルールのフォルダとして読めません（そのようなフォルダがありません）`,
    );
    // A ledger given as --rules by mistake is a file, not a folder.
    const file = join(copyRules(), 'glossary.json');
    expect(refusal(file).message).toBe(
      `${file}: ルールのフォルダとして読めません（フォルダではなくファイルです。ルールのフォルダ（glossary.json のあるフォルダ）を指定してください）`,
    );
  });

  it('reads rule files saved with a BOM, and says where one is not JSON after it', () => {
    const dir = copyRules();
    const glossary = join(dir, 'glossary.json');
    writeFileSync(glossary, `\uFEFF${readFileSync(glossary, 'utf8')}`);
    expect(loadRuleDir(dir).version).toBe(loadRuleDir(RULES_DIR).version);
    writeFileSync(join(dir, 'zz-bom.json'), '\uFEFF{"id": x}');
    expect(refusal(dir).message).toContain('zz-bom.json: JSON として読めません（1 行 8 列: ');
  });

  it('points at a bad escape itself, counting an emoji as one column', () => {
    const dir = copyRules();
    writeFileSync(join(dir, 'zz-escape.json'), '{"title": "😀 \\x"}');
    expect(refusal(dir).message).toContain(
      'zz-escape.json: JSON として読めません（1 行 14 列: 文字列の中の「\\」の使い方が正しくありません',
    );
  });

  it('names the required file a folder lacks', () => {
    const dir = copyRules();
    unlinkSync(join(dir, 'glossary.json'));
    expect(refusal(dir).message).toBe(
      `${dir}: glossary.json がありません（ルールのフォルダには glossary.json と assumptions.json が必要です）`,
    );
  });

  it('says where a rule file is not JSON: line, column and what', () => {
    const dir = copyRules();
    writeFileSync(join(dir, 'zz-broken.json'), '{\n  "id": "x",\n  "label": \n}\n');
    expect(refusal(dir).message).toBe(
      `${join(dir, 'zz-broken.json')}: JSON として読めません（4 行 1 列: JSON の値（"…"、数値、true/false/null、{…}、[…]）が必要です（"}" があります））`,
    );
  });
});

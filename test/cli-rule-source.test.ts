import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastLine } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/paths.js';

// The built CLI in a package-like folder (package.json, dist/, rules/, node_modules), as `npm i`
// lays it out: the default rules are that folder's rules/, read from disk, not dist/'s copy.

const MEASURE = 'dx-leader-training-tokko';
let pkg = '';

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(pkg, 'dist', 'cli.js'), ...args],
      { cwd: pkg, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The 措置率 of the measure in the package's rules/, changed in place (no rebuild). */
function setRate(from: string, to: string): void {
  const file = join(pkg, 'rules', `${MEASURE}.json`);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(`"value": "${from}"`);
  writeFileSync(file, text.replaceAll(`"value": "${from}"`, `"value": "${to}"`));
}

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'kofuzei-pkg-'));
  for (const name of ['package.json', 'dist', 'rules'])
    cpSync(join(REPO_ROOT, name), join(pkg, name), { recursive: true });
  cpSync(join(REPO_ROOT, 'fixtures', MEASURE), join(pkg, 'fixtures'), { recursive: true });
  cpSync(join(REPO_ROOT, 'samples'), join(pkg, 'samples'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(pkg, 'node_modules'));
});

afterAll(() => {
  rmSync(pkg, { recursive: true, force: true });
});

describe('the CLI evaluates the rules/ on disk by default', { timeout: 120_000 }, () => {
  it('names the rule set it used on stderr, stdout keeping the result', async () => {
    const result = await run(['test', 'fixtures']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^ルール: ${join(pkg, 'rules')} \\(rulesVersion [0-9a-f]{64}\\)$`, 'mu'),
    );
    expect(result.stdout).not.toContain('ルール');
    expect(lastLine(result.stdout)).toMatch(/^\d+ passed, 0 failed$/u);
    expect(result.stdout).toMatch(/^合格 \d+ 件、不合格 0 件$/mu);
  });

  it('test fails after a number in rules/ changes, without a rebuild; --update rewrites', async () => {
    const before = await run(['test', 'fixtures']);
    setRate('0.7', '0.6');
    try {
      const after = await run(['test', 'fixtures']);
      expect(after.code).toBe(1);
      expect(lastLine(after.stdout)).toMatch(/^\d+ passed, [1-9]\d* failed$/u);
      expect(after.stdout).toMatch(/^合格 \d+ 件、不合格 [1-9]\d* 件$/mu);
      // A different rule set, and it says so.
      const version = (text: string): string =>
        /rulesVersion ([0-9a-f]{64})/u.exec(text)?.[1] ?? '';
      expect(version(after.stderr)).not.toBe('');
      expect(version(after.stderr)).not.toBe(version(before.stderr));

      const fixtures = join(pkg, 'fixtures');
      const update = await run(['test', '--update', 'fixtures']);
      expect(lastLine(update.stdout), update.stderr).toMatch(
        /^[1-9]\d* rewritten, \d+ unchanged, 0 failed$/u,
      );
      expect(update.stdout).toMatch(/^書き換え [1-9]\d* 件、変更なし \d+ 件、不合格 0 件$/mu);
      expect((await run(['test', fixtures])).code).toBe(0);
    } finally {
      setRate('0.6', '0.7');
    }
  });

  it('evaluate reports the rulesVersion of rules/ on disk; --quiet prints no rule line', async () => {
    const disk = await run(['check-rules']);
    expect(disk.code, disk.stdout).toBe(0);
    const version = /rulesVersion ([0-9a-f]{64})/u.exec(disk.stdout)?.[1];
    const result = await run(['evaluate', 'samples/ledger.json', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { rulesVersion: string }).rulesVersion).toBe(version);
    expect(JSON.parse(result.stderr.split('\n')[0] ?? '')).toEqual({
      rules: { path: join(pkg, 'rules'), rulesVersion: version },
    });
    const table = await run(['evaluate', 'samples/ledger.json', '--format', 'table']);
    expect(table.stderr).toContain(`ルール: ${join(pkg, 'rules')} (rulesVersion ${version})`);
    const quiet = await run(['evaluate', 'samples/ledger.json', '--format', 'json', '-q']);
    expect(quiet.stderr).toBe('');
  });
});

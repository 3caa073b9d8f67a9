// Clerk-first (docs/contract.md §2.6): `--help` is read by finance officers, so the description
// of kofuzei and of each command, every argument and option, and the headings are Japanese; the
// option names themselves (`--format`, `--encoding`…) stay as typed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/paths.js';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** The lines of a help text that break the rule: an English heading, or an entry without Japanese. */
function problemsOf(help: string): string[] {
  return help.split('\n').filter((line) => {
    if (/^(Usage|Arguments|Options|Commands|Global Options):/.test(line)) return true;
    // An entry (`  --format <format>  出力形式…`) or the description under the usage line;
    // lines indented further continue a wrapped entry.
    const entry = /^ {2}\S/.test(line) || (/^\S/.test(line) && !line.startsWith('使い方:'));
    return entry && !JAPANESE.test(line);
  });
}

describe('--help', () => {
  for (const command of [[], ['evaluate'], ['template'], ['test'], ['diff'], ['check-rules']]) {
    it(`kofuzei ${command.join(' ')} --help is Japanese`, async () => {
      const result = await runCli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^使い方: kofuzei/);
      expect(result.stdout).toContain('オプション:');
      expect(problemsOf(result.stdout)).toEqual([]);
    });
  }

  it('keeps the option names as they are typed', async () => {
    const { stdout } = await runCli(['evaluate', '--help']);
    for (const name of ['--format <format>', '--encoding <encoding>', '--fail-on <statuses>'])
      expect(stdout).toContain(name);
  });

  it('--version prints the package version alone', async () => {
    const { version } = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as {
      version: string;
    };
    expect((await runCli(['--version'])).stdout).toBe(`${version}\n`);
  });
});

import { execFile } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

/**
 * Test helper: runs the CLI from source in the repository root, as `npx tsx src/cli/main.ts ...`
 * does, but through `node --import tsx` directly: the same tsx loader without npx's start-up cost.
 */

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, FORCE_COLOR: '0' },
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolvePromise({ code: 0, stdout, stderr });
          return;
        }
        const code = error.code;
        if (typeof code === 'number') resolvePromise({ code, stdout, stderr });
        else reject(new Error(`the CLI did not exit normally: ${error.message}`, { cause: error }));
      },
    );
  });
}

/** stderr without npm's own configuration warnings (which come from npx, not kofuzei). */
export function ownStderr(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');
}

/** The last non-empty line of a text. */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

/**
 * stderr without the line naming the rule set a command used (`ルール: …`, or with
 * `--format json` the JSON line `{"rules": …}`): what remains are the command's own messages.
 */
export function withoutRuleSource(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('ルール: ') && !line.startsWith('{"rules":'))
    .join('\n');
}

/**
 * The exit code `kofuzei evaluate --format json` owes for the report it printed: 1 when a line is
 * invalid (the report is still written whole), else 0 (docs/contract.md §5.3).
 */
export function evaluateExitCode(stdout: string): number {
  const report = JSON.parse(stdout) as { lines: readonly { status: string }[] };
  return report.lines.some((line) => line.status === 'invalid') ? 1 : 0;
}

import { spawn } from 'node:child_process';
import type { CliResult } from './cli.js';
import { REPO_ROOT } from './paths.js';

export interface NodeCliOptions {
  /** Extra node flags (e.g. `--import` of a test hook) before the CLI's script. */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Shell commands run before the CLI in the same bash (e.g. `ulimit -f 8`). */
  readonly shellPrefix?: string;
  /** Shell text after the CLI (e.g. `> /dev/full` or `| head -c 10`); bash runs with pipefail. */
  readonly shellSuffix?: string;
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the CLI from source (as test/helpers/cli.ts does) through bash, so that a test can limit it
 * (`ulimit`), redirect its stdout (/dev/full, a closed pipe) or load a hook into it.
 */
export function runNodeCli(
  args: readonly string[],
  options: NodeCliOptions = {},
): Promise<CliResult> {
  const command = [
    process.execPath,
    '--import',
    'tsx',
    ...(options.nodeArgs ?? []),
    'src/cli/main.ts',
    ...args,
  ]
    .map(quote)
    .join(' ');
  const script = `set -o pipefail; ${options.shellPrefix ?? ''}\n${command} ${options.shellSuffix ?? ''}`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === null) reject(new Error(`the CLI did not exit normally (${String(signal)})`));
      else resolvePromise({ code, stdout, stderr });
    });
  });
}

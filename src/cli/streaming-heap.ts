import { spawnSync } from 'node:child_process';

/**
 * The V8 old-space limit (MiB) a streamed evaluation runs under. Its live heap is bounded by
 * groups and persons, but V8 collects lazily and, left alone, lets garbage grow the process to
 * several times that; a cap makes it collect sooner and keeps peak RSS under 512 MB.
 */
export const STREAMING_HEAP_MIB = 320;

const MARK = 'KOFUZEI_STREAMING_HEAP';

function hasHeapFlag(flags: readonly string[]): boolean {
  return flags.some((flag) => /^--max[-_]old[-_]space[-_]size/u.test(flag));
}

/**
 * Runs this CLI again in a child node with the streaming heap cap, unless a cap is set already
 * (in node's flags or NODE_OPTIONS) or KOFUZEI_STREAMING_HEAP=off; returns the child's exit code,
 * or null when the caller should go on in this process.
 */
export function rerunWithHeapCap(): number | null {
  const mark = process.env[MARK];
  if (mark === 'off' || mark === 'applied') return null;
  const nodeOptions = (process.env.NODE_OPTIONS ?? '').split(/\s+/u);
  if (hasHeapFlag(process.execArgv) || hasHeapFlag(nodeOptions)) return null;
  const script = process.argv[1];
  if (script === undefined) return null;
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${STREAMING_HEAP_MIB}`,
      script,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, [MARK]: 'applied' } },
  );
  if (child.error !== undefined) return null;
  return child.status ?? 1;
}

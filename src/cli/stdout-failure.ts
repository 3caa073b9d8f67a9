import { writeErrorReason } from '../node/write-error-reason.js';
import { EXIT_PIPE_CLOSED, EXIT_UNUSABLE } from './exit-codes.js';

/**
 * What to do when writing to stdout failed: a closed pipe (the reader has what it wanted) ends
 * quietly with EXIT_PIPE_CLOSED; anything else (a full disk behind `> file`, /dev/full, an I/O
 * error) is said on stderr — the output is incomplete — and exits 2. Never a stack trace.
 */
export function stdoutFailure(error: unknown, stderr: (line: string) => void): number {
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return EXIT_PIPE_CLOSED;
  stderr(
    `kofuzei: 標準出力に書き込めませんでした（${writeErrorReason(error)}）。出力は途中で切れており、使えません。`,
  );
  return EXIT_UNUSABLE;
}

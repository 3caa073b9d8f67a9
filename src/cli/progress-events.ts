import type { StreamEvent } from '../evaluate/evaluate-stream.js';

/** Ledgers above this many lines get a progress bar (on a terminal only). */
export const PROGRESS_THRESHOLD = 10_000;

/**
 * Passes events on, drawing a progress bar on stderr as report lines come out — only when stderr
 * is a terminal and the ledger has more than PROGRESS_THRESHOLD lines (known in advance).
 */
export async function* progressEvents(
  events: AsyncIterable<StreamEvent>,
  total: number | undefined,
  stream: NodeJS.WriteStream,
): AsyncGenerator<StreamEvent> {
  if (total === undefined || total <= PROGRESS_THRESHOLD || !stream.isTTY) {
    yield* events;
    return;
  }
  // Loaded only when a bar is drawn: most runs (a small ledger, a pipe) never need its 16 files.
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '判定中 [{bar}] {percentage}% | {value}/{total} 行 | 残り {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  try {
    for await (const event of events) {
      if (event.type === 'line') {
        done += 1;
        if (done % 500 === 0) bar.update(done);
      }
      yield event;
    }
    bar.update(done);
  } finally {
    bar.stop();
  }
}

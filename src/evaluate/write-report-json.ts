import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { reportLineJson } from '../report/report-line-json.js';
import type { StreamEvent } from './evaluate-stream.js';

/** JSON.stringify(value, null, 2), indented to sit `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/** Items per write when an array is written piece by piece. */
const BATCH = 1_000;

/** Writes items rendered and joined by commas, a batch at a time (all as one string may not fit). */
async function writeJoined(
  items: readonly unknown[],
  render: (item: unknown) => string,
  write: (chunk: string) => unknown,
): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items
      .slice(start, start + BATCH)
      .map(render)
      .join(',');
    await write(start === 0 ? batch : `,${batch}`);
  }
}

/**
 * Writes `JSON.stringify(items, null, 2)` indented `depth` levels deep, a batch of items at a time:
 * a national ledger's totals (hundreds of thousands) as one string would outgrow a streaming heap.
 */
async function writeArray(
  items: readonly unknown[],
  depth: number,
  write: (chunk: string) => unknown,
): Promise<void> {
  if (items.length === 0) {
    await write('[]');
    return;
  }
  const indent = `\n${'  '.repeat(depth + 1)}`;
  await write('[');
  await writeJoined(items, (item) => `${indent}${nested(item, depth + 1)}`, write);
  await write(`\n${'  '.repeat(depth)}]`);
}

/**
 * The stream's `end` event as one JSON line, byte for byte `JSON.stringify(event)`, with its totals
 * written a batch at a time (see writeJoined).
 */
export async function writeEndEventLine(
  event: Extract<StreamEvent, { type: 'end' }>,
  write: (chunk: string) => unknown,
): Promise<void> {
  const { summary } = event;
  await write(
    `{"type":"end","summary":{"schemaVersion":${JSON.stringify(summary.schemaVersion)},"rulesVersion":${JSON.stringify(summary.rulesVersion)},"totals":[`,
  );
  await writeJoined(summary.totals, (total) => JSON.stringify(total), write);
  await write(
    `],"assumptions":${JSON.stringify(summary.assumptions)},"lineCount":${JSON.stringify(summary.lineCount)}}}\n`,
  );
}

/**
 * Writes the report of a streaming evaluation as JSON, line by line, byte for byte what
 * `JSON.stringify(report, null, 2)` gives — without ever holding the whole text (a million-line
 * report is longer than a JavaScript string can be). Only warnings and errors are held until the end.
 * `writeLine` writes a report line as reportLineJson renders it two levels deep (a byte writer gives
 * its shared renderings as bytes encoded once, writeReportLineJson).
 */
export async function writeReportJson(
  events: AsyncIterable<StreamEvent>,
  write: (chunk: string) => unknown,
  writeLine: (line: ReportLine) => unknown = (line) => write(reportLineJson(line, 2)),
): Promise<Report['totals']> {
  const errors: ReportError[] = [];
  const warnings: ReportWarning[] = [];
  let started = false;
  let lines = 0;
  for await (const event of events) {
    if (event.type === 'error') errors.push(event.error);
    else if (event.type === 'warning') warnings.push(event.warning);
    else if (event.type === 'line') {
      if (!started) throw new Error('a line arrived before the report header');
      await write(lines === 0 ? '\n    ' : ',\n    ');
      await writeLine(event.line);
      lines += 1;
    } else if (event.type === 'header') {
      started = true;
      await write(
        `{\n  "schemaVersion": 1,\n  "rulesVersion": ${JSON.stringify(event.rulesVersion)},\n  "lines": [`,
      );
    } else {
      const { totals, assumptions } = event.summary;
      await write(lines === 0 ? ']' : '\n  ]');
      await write(',\n  "totals": ');
      await writeArray(totals, 1, write);
      await write(',\n  "assumptions": ');
      await writeArray(assumptions, 1, write);
      await write(',\n  "warnings": ');
      await writeArray(warnings, 1, write);
      await write(',\n  "errors": ');
      await writeArray(errors, 1, write);
      await write('\n}\n');
      return totals;
    }
  }
  throw new Error('the stream ended without its summary');
}

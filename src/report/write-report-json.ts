import type { Report, ReportError, ReportWarning } from '../schema/report.js';
import type { StreamEvent } from '../evaluate/evaluate-stream.js';

/** JSON.stringify(value, null, 2), indented to sit `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Writes the report of a streaming evaluation as JSON, line by line, byte for byte what
 * `JSON.stringify(report, null, 2)` gives — without ever holding the whole text (a million-line
 * report is longer than a JavaScript string can be). Only warnings and errors are held until the end.
 */
export async function writeReportJson(
  events: AsyncIterable<StreamEvent>,
  write: (chunk: string) => unknown,
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
      await write(`${lines === 0 ? '' : ','}\n    ${nested(event.line, 2)}`);
      lines += 1;
    } else if (event.type === 'header') {
      started = true;
      await write(
        `{\n  "schemaVersion": 1,\n  "rulesVersion": ${JSON.stringify(event.rulesVersion)},\n  "lines": [`,
      );
    } else {
      const { totals, assumptions } = event.summary;
      await write(lines === 0 ? ']' : '\n  ]');
      await write(
        `,\n  "totals": ${nested(totals, 1)},\n  "assumptions": ${nested(assumptions, 1)},\n  "warnings": ${nested(warnings, 1)},\n  "errors": ${nested(errors, 1)}\n}\n`,
      );
      return totals;
    }
  }
  throw new Error('the stream ended without its summary');
}

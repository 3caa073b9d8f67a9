// What the CLI says about a ledger file, run in-process (266 spawns would take minutes): the
// command's own evaluateCommand, its stdout captured. The offline page must agree with it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { evaluateCommand } from '../../src/cli/evaluate-command.js';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import type { Report } from '../../src/schema/report.js';

export type CliOutcome = { readonly report: Report } | { readonly refused: string };

/** Per line of a report: its id, status and amount ('' when none), as the page shows them. */
export type LineCells = readonly (readonly [string, string, string])[];

export type CliLines = { readonly lines: LineCells } | { readonly refused: string };

/** The id, status and amount ('' when none) of every line the CLI reported, or its refusal. */
export function cliLines(outcome: CliOutcome): CliLines {
  if ('refused' in outcome) return { refused: outcome.refused };
  return {
    lines: outcome.report.lines.map((line) => [line.id, line.status, line.amount ?? ''] as const),
  };
}

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return {
    stream: stream as unknown as NodeJS.WriteStream,
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** `kofuzei evaluate FILE --format json --quiet`: the report, or the code it was refused with. */
export async function cliJsonReport(path: string): Promise<CliOutcome> {
  const out = capture();
  try {
    await evaluateCommand(path, { format: 'json', quiet: true }, out.stream, () => undefined);
  } catch (error) {
    if (error instanceof KofuzeiError) return { refused: error.code };
    throw error;
  }
  return { report: JSON.parse(out.text()) as Report };
}

/** `kofuzei evaluate FILE --format xlsx -o OUT`: the workbook's bytes. */
export async function cliWorkbook(path: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'kofuzei-web-cli-'));
  try {
    const output = join(dir, '判定結果.xlsx');
    await evaluateCommand(
      path,
      { format: 'xlsx', output, quiet: true },
      capture().stream,
      () => undefined,
    );
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

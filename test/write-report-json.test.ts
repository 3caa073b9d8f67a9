import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFilesUnder } from './helpers/paths.js';
import { evaluateStream, type StreamEvent } from '../src/evaluate/evaluate-stream.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { writeEndEventLine, writeReportJson } from '../src/evaluate/write-report-json.js';
import type { Report } from '../src/schema/report.js';

const root = new URL('..', import.meta.url).pathname;

const ledgers = [
  ...jsonFilesUnder(join(root, 'fixtures')).map((file) => {
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
      ledger: { entities: unknown[]; lines: unknown[] };
      policy?: Record<string, unknown>;
    };
    return { name: file.slice(root.length), ledger: fixture.ledger, policy: fixture.policy };
  }),
  { name: 'no lines', ledger: { entities: [], lines: [] }, policy: undefined },
];

describe('writeReportJson', () => {
  it.each(ledgers)(
    'writes exactly JSON.stringify(report, null, 2) for $name',
    async ({ ledger, policy }) => {
      const options = policy === undefined ? {} : { policy };
      const chunks: string[] = [];
      await writeReportJson(evaluateStream(ledger, options), (chunk) => {
        chunks.push(chunk);
      });
      expect(chunks.join('')).toBe(`${JSON.stringify(await evaluate(ledger, options), null, 2)}\n`);
    },
  );
});

describe('writing many totals a batch at a time', () => {
  const totals = Array.from({ length: 2_345 }, (_, index) => ({
    entity: String(100000 + index),
    fiscalYear: 2025,
    measure: 'm',
    component: index % 2 === 0 ? null : 'c',
    kind: 'special-tax',
    base: String(index * 1000),
    amount: String(index * 700),
    ...(index % 3 === 0 ? { bond: String(index) } : {}),
    lines: 1 + (index % 5),
  })) as unknown as Report['totals'];
  const end = {
    type: 'end' as const,
    summary: {
      schemaVersion: 1 as const,
      rulesVersion: 'r',
      totals,
      assumptions: [{ id: 'A-01', title: 't', text: 'x' }],
      lineCount: 7,
    },
  };

  it('writes the end event exactly as JSON.stringify does, in more than one piece', async () => {
    const chunks: string[] = [];
    await writeEndEventLine(end, (chunk) => {
      chunks.push(chunk);
    });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe(`${JSON.stringify(end)}\n`);
  });

  it('writes the report exactly as JSON.stringify(report, null, 2) does', async () => {
    async function* events(): AsyncGenerator<StreamEvent> {
      await Promise.resolve();
      yield { type: 'header', schemaVersion: 1, rulesVersion: 'r' };
      yield { type: 'warning', warning: { code: 'MANUAL_REVIEW', line: null, message: 'w' } };
      yield end;
    }
    const chunks: string[] = [];
    await writeReportJson(events(), (chunk) => {
      chunks.push(chunk);
    });
    const report: Report = {
      schemaVersion: 1,
      rulesVersion: 'r',
      lines: [],
      totals,
      assumptions: end.summary.assumptions,
      warnings: [{ code: 'MANUAL_REVIEW', line: null, message: 'w' }],
      errors: [],
    };
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});

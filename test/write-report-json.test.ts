import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFilesUnder } from './helpers/paths.js';
import { evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { writeReportJson } from '../src/report/write-report-json.js';

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

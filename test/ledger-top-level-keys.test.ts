import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStream, evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import type { Report } from '../src/schema/report.js';
import { readLedgerBytes } from '../src/web/read-ledger-bytes.js';
import { runCli } from './helpers/cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-top-level-'));
const line = (id: string, amount: string): Record<string, unknown> => ({
  id,
  entity: '392081',
  fiscalYear: 2025,
  program: 'cio-aide',
  costType: 'recruitment',
  amount,
});
const entities = [{ code: '392081', name: '宿毛市', kind: 'city' }];

/**
 * A .json ledger with lines under another top-level key ("Lines" beside "lines") had them
 * dropped with nothing said, exit 0. The file readers name every top-level key they do not read.
 */
describe('top-level keys of a .json ledger that are not read', () => {
  const text = JSON.stringify({
    $schema: 'https://example.org/ledger.schema.json',
    entities,
    lines: [line('L1', '1000')],
    Lines: [line('L2', '7777')],
  });
  const expected =
    '台帳の最上位の項目 "Lines" は読みません（読むのは "entities" と "lines" だけです）';

  it('the CLI warns in the report, first, naming the key ($schema allowed)', async () => {
    const path = join(TMP, 'extra.json');
    writeFileSync(path, text);
    const result = await runCli(['evaluate', path, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.lines.map((each) => each.id)).toEqual(['L1']);
    expect(report.warnings[0]).toMatchObject({ code: 'UNKNOWN_FIELD', line: null });
    expect(report.warnings[0]?.message).toContain(expected);
    expect(report.warnings[0]?.message).not.toContain('$schema');
  });

  it('the offline page reads the file with the same warning', async () => {
    const read = await readLedgerBytes(
      'extra.json',
      new TextEncoder().encode(text),
      bundledRuleSet().glossary,
    );
    const report = await collectStream(evaluateStream(read));
    expect(report.warnings.map((warning) => warning.code)).toEqual(['UNKNOWN_FIELD']);
    expect(report.warnings[0]?.message).toContain(expected);
  });

  it('reads a .jsonl whose first line has $schema beside entities', async () => {
    const path = join(TMP, 'schema.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify({ $schema: 'https://example.org/s.json', entities })}\n${JSON.stringify(line('L1', '1000'))}\n`,
    );
    const result = await runCli(['evaluate', path, '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Report).lines.map((each) => each.id)).toEqual(['L1']);
  });

  it('says nothing of a ledger with entities and lines only', async () => {
    const path = join(TMP, 'plain.json');
    writeFileSync(path, JSON.stringify({ entities, lines: [line('L1', '1000')] }));
    const report = JSON.parse(
      (await runCli(['evaluate', path, '--format', 'json'])).stdout,
    ) as Report;
    expect(report.warnings).toEqual([]);
  });
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/schema/report.js';
import { runCli } from './helpers/cli.js';
import { cioLine, ledgerOf } from './helpers/ledger.js';

/**
 * `kofuzei template --ledger` converts only a ledger evaluate reads without an input error: the
 * converted rows would otherwise carry what was read — a CSV row shifted by an unquoted
 * 1,200,000 (¥1 once converted), an amount of 99999999999999.999 (¥100,000,000,000,000) — with
 * nothing left to say it was wrong, and the converted file would evaluate with exit 0.
 */
const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-template-errors-'));

function file(name: string, text: string): string {
  const path = join(TMP, name);
  writeFileSync(path, text);
  return path;
}

describe('template --ledger refuses a ledger with input errors', () => {
  it.each([
    [
      'a CSV row shifted by an unquoted comma',
      'shift.csv',
      '明細ID,団体コード,団体名,団体区分,年度,事業,経費区分,金額,人物\nA1,392081,宿毛市,市,2025,cio-aide,compensation,1,200,000,P1\n',
      '行 2（明細ID A1）: セルが11個ありますが、見出し行は9列です',
    ],
    [
      'an amount a double would round',
      'round.json',
      JSON.stringify(ledgerOf([cioLine('L1')])).replace(
        '"amount":"1000000"',
        '"amount":99999999999999.999',
      ),
      '99999999999999.999',
    ],
  ])(
    '%s: exit 2, the errors named, nothing written',
    async (_, name, text, named) => {
      const out = join(TMP, `${name}.out.xlsx`);
      const result = await runCli(['template', '--ledger', file(name, text), '-o', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('入力エラーのある台帳は様式・CSV に変換できません');
      expect(result.stderr).toContain(named);
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );

  it('a ledger without errors converts and evaluates to the same yen', async () => {
    const ledger = file('good.json', JSON.stringify(ledgerOf([cioLine('L1'), cioLine('L2')])));
    const out = join(TMP, 'good.csv');
    const written = await runCli(['template', '--ledger', ledger, '-o', out]);
    expect(written.code, written.stderr).toBe(0);
    const amounts = async (path: string) =>
      (
        JSON.parse((await runCli(['evaluate', path, '--format', 'json'])).stdout) as Report
      ).lines.map((line) => [line.id, line.status, line.amount]);
    expect(await amounts(out)).toEqual(await amounts(ledger));
  }, 60_000);
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledRuleSet, evaluate } from '../src/index.js';
import { loadRuleDir } from '../src/node/load-rule-dir.js';
import {
  acceptanceLedgers,
  fixtureLedgers,
  REPO_ROOT,
  RULES_DIR,
  sampleLedger,
} from './helpers/paths.js';
import { reportDigest, zoneOffset } from './helpers/report-digest.js';
import { reportLabels } from '../src/spreadsheet/report-labels.js';
import { writeReportWorkbook } from '../src/spreadsheet/xlsx/write-report-workbook.js';
import { EXAMPLE_LEDGER, writeTemplate } from '../src/spreadsheet/xlsx/write-template.js';

/**
 * docs/decisions.md §1.9: same ledger + rules + policy → byte-identical report, on any machine, time
 * zone and clock. The test script also runs this file under TZ=Asia/Tokyo and America/Los_Angeles;
 * every assertion here is snapshot-free, so it holds in any zone.
 */

const LEDGERS = [...acceptanceLedgers(), ...fixtureLedgers(), sampleLedger()];
/** For the tests that evaluate many times: the acceptance cases, the sample and the engine fixtures (every date and year form). */
const FEWER = LEDGERS.filter(
  (entry) => !entry.name.startsWith('fixtures/') || entry.name.startsWith('fixtures/engine/'),
);

async function reportsText(): Promise<string> {
  const texts: string[] = [];
  for (const { ledger, policy } of FEWER)
    texts.push(JSON.stringify(await evaluate(ledger, policy === undefined ? {} : { policy })));
  return texts.join('\n');
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('determinism (docs/decisions.md §1.9)', () => {
  it('evaluates the same ledger twice to byte-identical JSON', async () => {
    expect(LEDGERS.length).toBeGreaterThan(1);
    for (const { name, ledger, policy } of LEDGERS) {
      const options = policy === undefined ? {} : { policy };
      const first = JSON.stringify(await evaluate(ledger, options));
      const second = JSON.stringify(await evaluate(ledger, options));
      expect(second, name).toBe(first);
    }
  });

  it('gives the same report with the bundled rules and with rules/ loaded from disk', async () => {
    const fromDisk = loadRuleDir(RULES_DIR);
    expect(fromDisk.version).toBe(bundledRuleSet().version);
    const { ledger } = sampleLedger();
    expect(JSON.stringify(await evaluate(ledger, { rules: fromDisk }))).toBe(
      JSON.stringify(await evaluate(ledger)),
    );
  });

  it('does not depend on the time zone: a child process in Pacific/Kiritimati agrees', async () => {
    const here = await reportDigest();
    const output = execFileSync('npx', ['tsx', 'test/helpers/report-digest.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const there = JSON.parse(output.trim().split('\n').pop() ?? '') as {
      digest: string;
      ledgers: number;
      offset: number;
    };
    // The child really ran in UTC+14 …
    expect(there.offset).toBe(-14 * 60);
    // … and evaluated the same ledgers to the same bytes.
    expect(there.ledgers).toBe(here.ledgers);
    expect(there.digest).toBe(here.digest);
  }, 60_000);

  it('does not depend on a time zone change inside the process', async () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = await reportsText();
      const westOffset = zoneOffset();
      process.env.TZ = 'Asia/Kolkata';
      const east = await reportsText();
      expect(zoneOffset()).not.toBe(westOffset);
      expect(east).toBe(west);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('does not read the clock: other system times give the same report', async () => {
    const real = await reportsText();
    for (const now of ['1999-12-31T23:59:59Z', '2031-04-01T00:00:00+09:00']) {
      vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
      expect(new Date().toISOString()).toBe(new Date(now).toISOString());
      expect(await reportsText()).toBe(real);
      vi.useRealTimers();
    }
  });

  it('writes the same result workbook and template bytes at any system time', async () => {
    // exceljs zips each part with the time of writing: two runs gave two files.
    const { ledger } = sampleLedger();
    const report = await evaluate(ledger);
    const labels = reportLabels(bundledRuleSet());
    const write = async (): Promise<string> =>
      [
        await writeReportWorkbook(report, labels),
        await writeTemplate(bundledRuleSet().glossary, EXAMPLE_LEDGER),
      ]
        .map((bytes) => createHash('sha256').update(bytes).digest('hex'))
        .join(' ');
    const real = await write();
    for (const now of ['1999-12-31T23:59:59Z', '2031-04-01T00:00:00+09:00']) {
      vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
      expect(await write()).toBe(real);
      vi.useRealTimers();
    }
  }, 60_000);

  it('does not call Date.now or performance.now while evaluating', async () => {
    const dateNow = vi.spyOn(Date, 'now');
    const performanceNow = vi.spyOn(performance, 'now');
    await reportsText();
    expect(dateNow).not.toHaveBeenCalled();
    expect(performanceNow).not.toHaveBeenCalled();
  });
});

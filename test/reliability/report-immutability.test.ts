import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateStream, type StreamEvent } from '../../src/evaluate/evaluate-stream.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { PolicyInput } from '../../src/core/policy.js';
import type { Report } from '../../src/schema/report.js';
import { writeEndEventLine, writeReportJson } from '../../src/evaluate/write-report-json.js';
import { FIXTURES_DIR, readJson, SAMPLE_LEDGER } from '../helpers/paths.js';
import { streamedBothWays } from '../helpers/streamed-both-ways.js';

/*
 * Issue 13, item 10: a report shares fragments between its lines and, through module-level caches,
 * with later evaluations. Whatever a caller does to a report it was given — set a field, push to an
 * array, delete a key, anywhere in it — must either throw or leave every later report unchanged;
 * and an object two lines (or a line and the totals) share must be frozen all the way down.
 */

interface Case {
  readonly name: string;
  readonly ledger: { entities: unknown[]; lines: unknown[] };
  readonly policy?: PolicyInput;
}

function fixtureCase(path: string, policy?: PolicyInput): Case {
  const fixture = readJson(join(FIXTURES_DIR, path)) as {
    ledger: Case['ledger'];
    policy?: PolicyInput;
  };
  const merged = policy ?? fixture.policy;
  return {
    name: path,
    ledger: fixture.ledger,
    ...(merged === undefined ? {} : { policy: merged }),
  };
}

const CASES: readonly Case[] = [
  { name: 'samples/ledger.json', ledger: readJson(SAMPLE_LEDGER) as Case['ledger'] },
  // caps, alternatives, bonds
  fixtureCase('kaso-bond-datsutanso/01-kaso-special.json'),
  // bonds with the 元利償還 schedule in the totals
  fixtureCase('chiiki-shakai-dx-package-bonds/01-each-bond.json', { bondInterestRate: '0.005' }),
  // reasons showing a list value (string-array facts)
  fixtureCase('dx-taisei-kochiku-itaku/04-taishogai-list.json'),
  fixtureCase('pref-dx-accelerator-futsu/01-qualifying-routes.json'),
  // invalid lines and errors
  fixtureCase('engine/03-invalid-lines-rest-evaluated.json'),
  fixtureCase('cio-aide-tokko/05-explicit-selection-over-cap-invalid.json'),
  // warnings, several measures, assumptions, memo
  fixtureCase('kigyojin-fukugyo-tokko/01-components-and-sub-caps.json'),
  fixtureCase('engine/01-several-measures-totals.json'),
  fixtureCase('pref-dx-talent-tokko/05-municipal-contribution-and-prefecture-receipt.json'),
  fixtureCase('pref-dx-talent-tokko/03-full-time-fy2024-vs-fy2025.json'),
];

function optionsOf(c: Case): { policy?: PolicyInput } {
  return c.policy === undefined ? {} : { policy: c.policy };
}

async function reportText(c: Case): Promise<string> {
  return JSON.stringify(await evaluate(c.ledger, optionsOf(c)));
}

function isNode(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Every object and array reachable from `root`, each once. */
function reachable(root: unknown, into: Set<object> = new Set()): Set<object> {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!isNode(value) || into.has(value)) continue;
    into.add(value);
    for (const key of Reflect.ownKeys(value))
      stack.push((value as Record<PropertyKey, unknown>)[key]);
  }
  return into;
}

const SENTINEL = 'X';

/**
 * Tries every mutation on every reachable object: each field set, a key added, every key deleted,
 * arrays pushed to and emptied. Returns how many succeeded (strict mode: a frozen object throws).
 */
function mutateEverything(root: unknown): number {
  let succeeded = 0;
  const attempt = (mutate: () => unknown): void => {
    try {
      // Reflect.deleteProperty answers false where `delete` would throw.
      if (mutate() !== false) succeeded += 1;
    } catch {
      // frozen: the mutation is refused, which is what we want of shared fragments
    }
  };
  for (const node of reachable(root)) {
    const record = node as Record<PropertyKey, unknown>;
    const keys = Reflect.ownKeys(node).filter((key) => key !== 'length');
    for (const key of keys) attempt(() => (record[key] = SENTINEL));
    attempt(() => (record.injected = SENTINEL));
    if (Array.isArray(node)) {
      attempt(() => node.push(SENTINEL));
      attempt(() => node.unshift(SENTINEL));
    }
    for (const key of keys) attempt(() => Reflect.deleteProperty(record, key));
    if (Array.isArray(node)) attempt(() => (node.length = 0));
  }
  return succeeded;
}

/** An object and everything under it are frozen. */
function deeplyFrozen(node: object): boolean {
  for (const inner of reachable(node)) if (!Object.isFrozen(inner)) return false;
  return true;
}

/** Objects reachable from more than one of the given roots (lines, totals, …): these are shared. */
function sharedBetween(roots: readonly unknown[]): object[] {
  const seenFrom = new Map<object, number>();
  const shared = new Set<object>();
  roots.forEach((root, index) => {
    for (const node of reachable(root)) {
      const first = seenFrom.get(node);
      if (first === undefined) seenFrom.set(node, index);
      else if (first !== index) shared.add(node);
    }
  });
  return [...shared];
}

const before = new Map<string, string>();

beforeAll(async () => {
  for (const c of CASES) before.set(c.name, await reportText(c));
});

async function expectLaterReportsUnchanged(): Promise<void> {
  for (const c of CASES) expect(await reportText(c), c.name).toBe(before.get(c.name));
  // and the streamed report of each, too
  for (const c of CASES) {
    const { held, reread } = await streamedBothWays(c.ledger, optionsOf(c));
    expect(JSON.stringify(held), `${c.name} (streamed)`).toBe(before.get(c.name));
    expect(JSON.stringify(reread), `${c.name} (streamed again per pass)`).toBe(before.get(c.name));
  }
}

describe('a report handed to a caller', () => {
  it.each(CASES)(
    'shares between its lines and totals only objects frozen all the way down: $name',
    async (c) => {
      const report = await evaluate(c.ledger, optionsOf(c));
      const roots = [
        ...report.lines,
        ...report.totals,
        ...report.assumptions,
        ...report.warnings,
        ...report.errors,
      ];
      const loose = sharedBetween(roots).filter((node) => !deeplyFrozen(node));
      expect(loose.map((node) => JSON.stringify(node))).toEqual([]);
    },
  );

  it.each(CASES)(
    'mutated anywhere, leaves later evaluations of it and the other ledgers unchanged: $name',
    async (c) => {
      const report = await evaluate(c.ledger, optionsOf(c));
      expect(JSON.stringify(report)).toBe(before.get(c.name));
      mutateEverything(report);
      await expectLaterReportsUnchanged();
    },
  );

  it.each(CASES)(
    'streamed, its events mutated anywhere, leaves later evaluations unchanged: $name',
    async (c) => {
      const events: StreamEvent[] = [];
      for await (const event of evaluateStream(c.ledger, optionsOf(c))) {
        events.push(event);
        // The consumer may change an event before the next one is made.
        mutateEverything(event);
      }
      mutateEverything(events);
      await expectLaterReportsUnchanged();
    },
  );

  it('through the JSON and JSON Lines writers, hands out nothing that changes later reports', async () => {
    for (const c of CASES) {
      const chunks: string[] = [];
      const totals = await writeReportJson(evaluateStream(c.ledger, optionsOf(c)), (chunk) =>
        chunks.push(chunk),
      );
      expect(JSON.stringify(JSON.parse(chunks.join('')))).toBe(before.get(c.name));
      mutateEverything(totals);
      const lines: string[] = [];
      for await (const event of evaluateStream(c.ledger, optionsOf(c))) {
        if (event.type === 'end') await writeEndEventLine(event, (chunk) => lines.push(chunk));
        else lines.push(`${JSON.stringify(event)}\n`);
        mutateEverything(event);
      }
      expect(lines.join('').split('\n').filter(Boolean).length).toBeGreaterThan(0);
    }
    await expectLaterReportsUnchanged();
  });
});

describe('the report types', () => {
  type Line = Report['lines'][number];
  type Total = Report['totals'][number];
  type Year = NonNullable<Total['schedule']>[number];

  // Checked by tsc (`npx tsc --noEmit -p .`): each assignment must be a compile error.
  function mutations(report: Report, line: Line, total: Total, year: Year): void {
    const [parameter] = line.parameters;
    const [reason] = line.reasons;
    const [citation] = line.citations;
    const [cap] = line.caps;
    const [alternative] = line.alternatives;
    const [assumption] = report.assumptions;
    if (parameter === undefined || reason === undefined || citation === undefined) return;
    if (cap === undefined || alternative === undefined || assumption === undefined) return;
    // @ts-expect-error a parameter is shown by every line of its component
    parameter.value = 'X';
    // @ts-expect-error a list of citations is shared
    line.citations[0] = citation;
    // @ts-expect-error a citation is shared by every evaluation
    citation.quote = 'X';
    // @ts-expect-error a reason is shared by lines judged alike
    reason.text = 'X';
    // @ts-expect-error a cap note is read-only too
    cap.limit = '0';
    // @ts-expect-error an alternative is read-only too
    alternative.indicativeAmount = '0';
    // @ts-expect-error a total is read-only
    total.amount = '0';
    // @ts-expect-error a year of a bond schedule is read-only
    year.taxMeasure = '0';
    // @ts-expect-error an assumption is read-only
    assumption.text = 'X';
    // @ts-expect-error the line itself is typed read-only
    line.amount = '0';
    // @ts-expect-error so are the report's arrays
    report.lines.length = 0;
  }

  it('make every field and array of a report read-only', () => {
    expect(typeof mutations).toBe('function');
  });
});

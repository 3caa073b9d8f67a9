// Replays the edits of the worked example in docs/authoring.md on a copy of the rules:
//
//   npx tsx scripts/authoring-example.ts /tmp/rules-example
//
// It makes exactly the changes the guide shows (a glossary fact, four sources and a new FY2026
// version of cio-aide-tokko). The notice they cite is fictional: it refuses to touch rules/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GlossarySchema, type Glossary } from '../src/schema/glossary.js';
import { MeasureSchema, type Measure } from '../src/schema/measure.js';

const dir = process.argv[2] ?? '';
if (dir === '' || resolve(dir) === resolve('rules')) {
  console.error('usage: npx tsx scripts/authoring-example.ts COPY_OF_RULES (not rules/ itself)');
  process.exit(2);
}

/** The file as written (key order kept), after checking it has the schema's shape. */
function readJson(name: string, schema: { parse: (value: unknown) => unknown }): unknown {
  const json = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
  schema.parse(json);
  return json;
}
function write(name: string, json: unknown): void {
  writeFileSync(join(dir, name), `${JSON.stringify(json, null, 2)}\n`);
}
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${dir}: no ${what} (is it a copy of rules/?)`);
  return value;
}

// 1. The glossary: the fact the new condition reads. No default: a line that does not say is
//    undetermined, never silently ineligible.
const glossary = readJson('glossary.json', GlossarySchema) as Glossary;
glossary.facts.publicRecruitment = {
  type: 'boolean',
  label: '公募により募集を行った',
  scope: 'line',
};
write('glossary.json', glossary);

// 2. The measure: the notice's sentences as sources, then the FY2026 version.
const measure = readJson('cio-aide-tokko.json', MeasureSchema) as Measure;
const notice = '900_example-r8-notice.txt';
Object.assign(measure.sources, {
  'r8-extension': { file: notice, lines: '3', quote: '措置期間を令和8年度まで延長する。' },
  'r8-recruitment-cap': {
    file: notice,
    lines: '4',
    quote: '募集経費の対象経費の上限額を200万円に引き上げる。',
  },
  'r8-public-recruitment': {
    file: notice,
    lines: '5',
    quote: '募集経費は、公募により募集を行った場合に限り対象とする。',
  },
  'r8-rate-headcount': { file: notice, lines: '6', quote: '措置率は0.7、対象上限は3名分とする。' },
});

const previous = must(
  measure.versions.find((version) => version.id === 'fy2024-2025'),
  'version fy2024-2025',
);
// Only the last version may say why the measure ends: FY2024–FY2025 is no longer the last.
delete previous.fiscalYears.endAssumptions;

const next = structuredClone(previous);
next.id = 'fy2026';
next.fiscalYears = { from: 2026, through: 2026, cite: ['r8-extension'] };
next.note = '令和8年度（例示用の架空の通知による延長）。募集経費の上限200万円、公募に限る。';
const appointment = must(next.components[0], 'appointment component');
const recruitment = must(next.components[1], 'recruitment component');
if (appointment.amount.method === 'rate') appointment.amount.rate.cite = ['r8-rate-headcount'];
if (recruitment.amount.method === 'rate') recruitment.amount.rate.cite = ['r8-rate-headcount'];
const headcount = must(appointment.headcount, 'headcount');
headcount.cite = ['r8-rate-headcount'];
if ('all' in recruitment.conditions) {
  recruitment.conditions.all.push({
    id: 'public-recruitment',
    fact: 'publicRecruitment',
    operator: 'equal',
    value: true,
    label: '公募により募集を行ったこと',
    cite: ['r8-public-recruitment'],
  });
}
recruitment.caps = [
  {
    id: 'recruitment-cap',
    label: '募集経費の対象経費の上限額（1団体・年度あたり200万円）',
    scope: 'entity',
    limit: '2000000',
    cite: ['r8-recruitment-cap'],
  },
];
measure.versions.push(next);
write('cio-aide-tokko.json', measure);
console.log(`${dir}: glossary fact publicRecruitment; cio-aide-tokko version fy2026`);

// Run as `node --expose-gc --import tsx test/helpers/json-lines-kept-heap.ts LEDGER.jsonl`: reads
// the JSON Lines ledger, keeps the id of one line in 1,000 (as an evaluation keeps ids and facts),
// and prints how many bytes of heap the kept ids hold after a full collection (JSON on stdout).
import { readJsonLinesLedger } from '../../src/node/read-json-lines.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with --expose-gc');
const path = process.argv[2];
if (path === undefined) throw new Error('usage: json-lines-kept-heap.ts LEDGER.jsonl');
const ledger = readJsonLinesLedger(path);
const lines = ledger.lines as () => AsyncIterable<{ id: string }>;
collect();
const before = process.memoryUsage().heapUsed;
const kept: string[] = [];
let count = 0;
for await (const line of lines()) {
  if (count % 1000 === 0) kept.push(line.id);
  count += 1;
}
collect();
const after = process.memoryUsage().heapUsed;
process.stdout.write(
  `${JSON.stringify({ lines: count, kept: kept.length, heldBytes: after - before })}\n`,
);

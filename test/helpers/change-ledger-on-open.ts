import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * Test hook, loaded into the CLI with `node --import`: changes the ledger file named by
 * KOFUZEI_TEST_CHANGE_LEDGER just before it is opened for the KOFUZEI_TEST_CHANGE_AT-th time (one
 * open a pass), as someone saving the file while `kofuzei evaluate` runs would. How it changes,
 * KOFUZEI_TEST_CHANGE_HOW: `append` (the text of KOFUZEI_TEST_CHANGE_TEXT added at the end) or
 * `replace` (that text written to another file renamed over the ledger).
 */

const target = process.env.KOFUZEI_TEST_CHANGE_LEDGER;
const at = Number(process.env.KOFUZEI_TEST_CHANGE_AT ?? '2');
const how = process.env.KOFUZEI_TEST_CHANGE_HOW ?? 'append';
const text = process.env.KOFUZEI_TEST_CHANGE_TEXT ?? '';
let opens = 0;

function beforeOpen(path: unknown): void {
  if (target === undefined || typeof path !== 'string' || resolve(path) !== resolve(target)) return;
  opens += 1;
  if (opens !== at) return;
  if (how === 'append') fs.appendFileSync(target, text);
  else {
    const next = join(dirname(target), `.next-${process.pid}`);
    fs.writeFileSync(next, text);
    fs.renameSync(next, target);
  }
}

// Both the callback API (what fs.createReadStream opens with) and the promise API.
const open = fs.open.bind(fs);
(fs as { open: unknown }).open = (path: unknown, ...rest: unknown[]) => {
  beforeOpen(path);
  return (open as (...args: unknown[]) => unknown)(path, ...rest);
};
const openPromise = fs.promises.open.bind(fs.promises);
(fs.promises as { open: unknown }).open = (path: unknown, ...rest: unknown[]) => {
  beforeOpen(path);
  return (openPromise as (...args: unknown[]) => unknown)(path, ...rest);
};
syncBuiltinESMExports();

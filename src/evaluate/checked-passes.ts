import { KofuzeiError } from '../core/kofuzei-error.js';
import { ownIdOf } from '../ledger/normalize-ledger.js';
import { addLineValues } from './line-fingerprint.js';
import { UNREAD_LINE, type Pass } from './unread-line.js';

/** A line without an id of its own, in the running hash (ids are strings: no char code is this). */
const NO_ID = 0x10000;
/** Between two ids, so that "ab","c" and "a","bc" differ. */
const SEPARATOR = 0x10001;

/** The number of lines of one pass and a running 64-bit hash (two 32-bit lanes) of their ids in order. */
interface Fingerprint {
  readonly count: number;
  readonly a: number;
  readonly b: number;
}

function changed(detail: string): KofuzeiError {
  return new KofuzeiError(
    'LEDGER_CHANGED_DURING_RUN',
    `台帳の行が評価の途中で変わりました（${detail}）。ストリーミング評価は行を複数回読み直すため、lines はどの回も同じ行を同じ順で返す必要があります。`,
  );
}

/**
 * The passes of a streaming evaluation, each checked against the first: the same number of lines
 * with the same ids in the same order and, unless the source checks that itself
 * (`contentChecked`: the file readers compare each read's SHA-256), the same values in every line
 * (a running hash, so nothing of a line is kept). A source that gives other lines on a later pass
 * (a file rewritten meanwhile, a query run again) would otherwise have lines judged with another
 * pass's facts — a group's caps tallied in pass 1 from amounts pass 2 no longer has — and reported
 * as if they were the first pass's; it is refused with LEDGER_CHANGED_DURING_RUN — as soon as a
 * pass runs longer than the first, else at the end of the pass, before the stream's end event.
 *
 * A pass asking only for some entities' lines (`wanted`) may get UNREAD_LINE for the others: it is
 * counted, but that pass's ids are not compared (a source that skips lines answers for them itself:
 * the file readers check the SHA-256 of every read). On a pass for every line it is refused.
 */
export function checkedPasses(pass: Pass, contentChecked: boolean): Pass {
  let first: Fingerprint | null = null;
  let passes = 0;
  return (wanted) => {
    passes += 1;
    const number = passes;
    const source = pass(wanted);
    return (async function* checked() {
      let count = 0;
      let unread = false;
      let a = 0x811c9dc5;
      let b = 0x9747b28c;
      const add = (code: number): void => {
        a = Math.imul(a ^ code, 0x01000193);
        b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
      };
      for await (const item of source) {
        count += 1;
        if (first !== null && count > first.count)
          throw changed(`1回目の読み取りは ${first.count} 行、${number}回目はそれより多い行`);
        if (item === UNREAD_LINE) {
          // A programming error of the source, not a changed ledger: a pass for every line.
          if (wanted === undefined || first === null)
            throw new Error('a line source skipped a line on a full pass');
          unread = true;
        }
        if (contentChecked || item === UNREAD_LINE) {
          const id = ownIdOf(item);
          if (id === null) add(NO_ID);
          else for (let index = 0; index < id.length; index += 1) add(id.charCodeAt(index));
        } else addLineValues(add, item);
        add(SEPARATOR);
        yield item;
      }
      if (first === null) {
        first = { count, a, b };
        return;
      }
      if (count !== first.count)
        throw changed(`1回目の読み取りは ${first.count} 行、${number}回目は ${count} 行`);
      if (!unread && (a !== first.a || b !== first.b))
        throw changed(
          contentChecked
            ? `${number}回目の読み取りで行の id または順序が1回目と違います`
            : `${number}回目の読み取りで行の id、順序または値が1回目と違います`,
        );
    })();
  };
}

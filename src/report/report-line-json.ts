import type { ReportLine } from '../schema/report.js';
import { BoundedWeakCache } from '../eligibility/bounded-weak-cache.js';
import { isDeeplyFrozen } from '../schema/deep-freeze.js';

/**
 * The fields of a report line whose values are shared by every line that reads alike (report
 * caches, shared-values.ts): a measure's citations and reasons run to kilobytes a line, yet a
 * million-line report holds a few thousand distinct ones. Other fields (a line's own caps, its
 * yen) are rendered each time: caching them would add an entry per line.
 */
const SHARED_FIELDS: ReadonlySet<string> = new Set([
  'reasons',
  'citations',
  'assumptions',
  'parameters',
  'alternatives',
  'missingFacts',
  'unneededFacts',
]);

/**
 * A shared value rendered as JSON: its text, and its UTF-8 bytes once a byte writer asked for them
 * (a report file is mostly these renderings: encoding each once, not once a line, is what makes a
 * streamed report cheap to write).
 */
export class SharedRendering {
  private bytes: Uint8Array | undefined;

  constructor(readonly text: string) {}

  utf8(): Uint8Array {
    return (this.bytes ??= ENCODER.encode(this.text));
  }
}

const ENCODER = new TextEncoder();

/** A shared value's renderings, by indent (null: compact); null for a value that may still change. */
type Rendered = Map<number | null, SharedRendering | null>;

/**
 * Renderings kept, by shared value: a rendering is kilobytes, and a plain WeakMap kept one for
 * every shared value alive (the report's caches keep tens of thousands), 44 MB of a streamed
 * 10,000,000-line ledger's capped heap. Those not used for two generations of 4,000 go.
 */
const renderings = new BoundedWeakCache<object, Rendered>(4_000);

/** Where a report line's JSON goes, in order: pieces of text, and renderings shared by lines. */
export interface JsonPieces {
  text(text: string): void;
  shared(rendering: SharedRendering): void;
}

/**
 * `JSON.stringify(line)` — or, with `depth`, `JSON.stringify(line, null, 2)` indented to sit
 * `depth` levels deep, as writeReportJson writes lines — byte for byte, rendering a deeply frozen
 * shared value once: the report writer otherwise spends most of its time re-rendering the same
 * citations. A value not deeply frozen is rendered each time (it could change).
 */
export function reportLineJson(line: ReportLine, depth: number | null = null): string {
  const text = new TextPieces();
  writeReportLineJson(line, depth, text);
  return text.joined;
}

/** reportLineJson's text, given piece by piece to `out` (a byte writer encodes each shared piece once). */
export function writeReportLineJson(line: ReportLine, depth: number | null, out: JsonPieces): void {
  const inner = depth === null ? null : depth + 1;
  const lead = depth === null ? '' : `\n${'  '.repeat(depth + 1)}`;
  // Text between shared renderings goes out as one piece: a piece costs a call of its own.
  let text = '';
  let opened = false;
  for (const key of Object.keys(line)) {
    const value = (line as unknown as Record<string, unknown>)[key];
    const rendered =
      typeof value === 'string'
        ? JSON.stringify(value)
        : valueJson(value, inner, SHARED_FIELDS.has(key));
    if (rendered === undefined) continue;
    text += `${opened ? ',' : '{'}${lead}${keyJson(key)}${depth === null ? ':' : ': '}`;
    opened = true;
    if (typeof rendered === 'string') text += rendered;
    else {
      out.text(text);
      out.shared(rendered);
      text = '';
    }
  }
  if (!opened) out.text('{}');
  else out.text(`${text}${depth === null ? '}' : `\n${'  '.repeat(depth)}}`}`);
}

/** JsonPieces joined into one text. */
class TextPieces implements JsonPieces {
  joined = '';

  text(text: string): void {
    this.joined += text;
  }

  shared(rendering: SharedRendering): void {
    this.joined += rendering.text;
  }
}

/** Keys as JSON (a report line has a score of them, written a million times). */
const keyTexts = new Map<string, string>();
function keyJson(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    // Only a report line's own fields are kept; any other key is rendered each time.
    if (keyTexts.size < 64) keyTexts.set(key, text);
  }
  return text;
}

function valueJson(
  value: unknown,
  depth: number | null,
  shared: boolean,
): string | SharedRendering | undefined {
  if (!shared || value === null || typeof value !== 'object') return render(value, depth);
  let rendered = renderings.get(value);
  if (rendered === undefined) renderings.set(value, (rendered = new Map() as Rendered));
  let known = rendered.get(depth);
  if (known === undefined) {
    const text = isDeeplyFrozen(value) ? render(value, depth) : undefined;
    // A value JSON leaves out (a toJSON giving undefined) is not shared: rendered each time.
    known = text === undefined ? null : new SharedRendering(text);
    rendered.set(depth, known);
  }
  return known ?? render(value, depth);
}

function render(value: unknown, depth: number | null): string | undefined {
  const text = JSON.stringify(value, null, depth === null ? undefined : 2) as string | undefined;
  return depth === null || text === undefined
    ? text
    : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

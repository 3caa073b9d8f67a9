// The folders of src/ are layers: a file may import from its own folder and from folders of lower
// layers only, so the folder order is the data flow (a ledger is read, judged, allocated, reported).
// `tsx scripts/check-layers.ts` fails (exit 1) on an import that goes up or sideways, and on a file
// over LONG_FILE_LINES lines whose first line does not say why it is long.
// `--graph` prints the folder graph (importer -> imported, with the number of imports).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Lowest first. Folders on one row are siblings: neither may import the other. */
export const LAYERS: readonly (readonly string[])[] = [
  ['core'], // errors, codes, yen, exact helpers, missing, flat strings, display width, policy type
  ['fields'], // the ledger's field grammar: yen, fiscal years, dates, entity and corporate codes
  ['schema'], // zod schemas of rules, glossary, ledger and report; the RuleSet type
  ['ledger'], // a raw ledger checked and normalised into lines (or named errors)
  ['eligibility'], // conditions judged three-valued, fact bands, candidates
  ['rules'], // rule sets loaded, checked against their sources, the bundled set, policy values
  ['compute'], // caps, headcounts, rates, floors, bonds: the yen of a group of lines
  ['report'], // report lines, reasons, citations, totals
  ['evaluate'], // evaluate() and evaluateStream(): the passes over a ledger
  ['diff', 'fixtures', 'spreadsheet'], // tools built on evaluate
  ['node', 'web'], // file-system readers (the node-only subpath); the offline web page
  ['cli'], // the command line
  ['.'], // src/index.ts, the library's entry
];

export const LONG_FILE_LINES = 300;
/** The first line of a longer file: `// Long file: <reason>`. */
const LONG_FILE_REASON = /^\/\/ Long file: \S/u;

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder of a file under src/ ('.' for src/ itself). */
function folderOf(file: string): string {
  const parts = relative(root, file).split(sep);
  return parts.length === 1 ? '.' : (parts[0] ?? '.');
}

const rank = new Map<string, number>();
LAYERS.forEach((row, index) => {
  for (const folder of row) rank.set(folder, index);
});

/** Relative specifiers of static imports, re-exports and dynamic import() calls. */
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gmu;

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly specifier: string;
}

export function collectEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of filesUnder(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? '';
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(root + sep)) continue; // rules/*.json and the like: data, not a layer
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) edges.push({ from, to, file: relative(root, file), specifier });
    }
  }
  return edges;
}

export function layerProblems(edges: readonly Edge[]): string[] {
  const problems: string[] = [];
  for (const folder of new Set(edges.flatMap((edge) => [edge.from, edge.to])))
    if (!rank.has(folder)) problems.push(`src/${folder}/ is in no layer: add it to LAYERS`);
  for (const edge of edges) {
    const from = rank.get(edge.from);
    const to = rank.get(edge.to);
    if (from === undefined || to === undefined) continue;
    if (to >= from)
      problems.push(
        `src/${edge.file} imports '${edge.specifier}': ${edge.from} may not import ${edge.to} (${to === from ? 'a sibling layer' : 'a higher layer'})`,
      );
  }
  for (const file of filesUnder(root)) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > LONG_FILE_LINES && !LONG_FILE_REASON.test(text))
      problems.push(
        `src/${relative(root, file)} has ${lines} lines: split it, or say why on its first line ("// Long file: …")`,
      );
  }
  return problems;
}

if (
  process.argv[1] !== undefined &&
  resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)
) {
  const edges = collectEdges();
  if (process.argv.includes('--graph')) {
    const counts = new Map<string, number>();
    for (const edge of edges) {
      const key = `${edge.from} -> ${edge.to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
      console.log(`${String(count).padStart(4)} ${key}`);
  }
  const problems = layerProblems(edges);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`layers: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(
    `layers: ${edges.length} imports between folders, all downwards (${LAYERS.map((row) => row.join('|')).join(' → ')})`,
  );
}

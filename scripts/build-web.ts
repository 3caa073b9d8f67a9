// Builds dist/web/kofuzei.html: the offline page as one self-contained file (npm run build and
// scripts/test.sh run it after tsup). The worker bundle (readers, engine, rules, glossary, exceljs)
// is inlined as text and started from a Blob URL; the page script and the styles are inlined with
// their sha256 in a Content-Security-Policy that allows no connection at all.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { writeFileAtomic } from '../src/node/atomic-file.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
export const WEB_PAGE = join(root, 'dist', 'web', 'kofuzei.html');
/** The issue's ceiling for the single file. */
export const WEB_PAGE_MAX_BYTES = 3 * 1024 * 1024;

/** node:zlib in the worker bundle: pako's chunked inflate, counted (src/web/zlib-shim.ts). */
const zlibShim: Plugin = {
  name: 'zlib-shim',
  setup(context) {
    context.onResolve({ filter: /^(node:)?zlib$/ }, () => ({
      path: join(root, 'src/web/zlib-shim.ts'),
    }));
  },
};

async function bundle(entry: string, inject: string[] = []): Promise<string> {
  const result = await build({
    plugins: [zlibShim],
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    inject: inject.map((file) => join(root, file)),
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'error',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error(`${entry}: esbuild wrote nothing`);
  return file.text;
}

/** Script text safe inside <script>…</script>: the HTML parser must not see an end tag or comment. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Text safe inside HTML (element content and double-quoted attributes). */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

/**
 * The 事業別の様式 check boxes, one per program of the glossary (its Japanese label, the id in
 * brackets), written into the HTML: they are there before any script runs, and the page script
 * does not carry the glossary.
 */
export function programChoicesHtml(): string {
  return Object.entries(bundledRuleSet().glossary.programs)
    .map(
      ([id, term]) =>
        `<label><input type="checkbox" name="template-program" value="${escapeHtml(id)}" />` +
        ` ${escapeHtml(term.label)} <span class="id">[${escapeHtml(id)}]</span></label>`,
    )
    .join('');
}

export async function buildWebPage(): Promise<{ path: string; bytes: number; worker: number }> {
  const worker = inlineScript(await bundle('src/web/worker-main.ts', ['src/web/buffer-shim.ts']));
  const page = inlineScript(await bundle('src/web/page-main.ts'));
  const style = readFileSync(join(root, 'src/web/page.css'), 'utf8');
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(page)}`,
    `style-src ${sha256(style)}`,
    'worker-src blob:',
    "connect-src 'none'",
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const values: Readonly<Record<string, string>> = {
    CSP: csp,
    STYLE: style,
    WORKER: worker,
    PAGE: page,
    VERSION: version,
    PROGRAM_CHOICES: programChoicesHtml(),
    RULES_VERSION: bundledRuleSet().version.slice(0, 12),
  };
  const template = readFileSync(join(root, 'src/web/page.html'), 'utf8');
  // A function replacer: the scripts hold "$&"-like text that a string replacement would expand.
  const html = template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`page.html: unknown placeholder {{${key}}}`);
    return value;
  });
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > WEB_PAGE_MAX_BYTES)
    throw new Error(`${WEB_PAGE}: ${bytes} bytes, over the ${WEB_PAGE_MAX_BYTES}-byte ceiling`);
  mkdirSync(dirname(WEB_PAGE), { recursive: true });
  // Atomic: the browser tests (test/web/, run in parallel) each build the page and open it; none
  // may open a half-written file.
  writeFileAtomic(WEB_PAGE, html);
  return { path: WEB_PAGE, bytes, worker: Buffer.byteLength(worker, 'utf8') };
}

if (
  process.argv[1] !== undefined &&
  resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)
) {
  const { path, bytes, worker } = await buildWebPage();
  if (!process.argv.includes('--silent'))
    console.log(
      `${path}: ${(bytes / 1024).toFixed(0)} KiB (worker ${(worker / 1024).toFixed(0)} KiB)`,
    );
}

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// Every `@example` in the JSDoc of src/ is run against the built package (the test script builds
// before vitest), importing 'kofuzei' and 'kofuzei/node' as a user would: an example that no
// longer runs, or prints other than its `// →` comments say, fails here.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PACKAGE_PATHS: Record<string, string> = {
  kofuzei: 'dist/index.js',
  'kofuzei/node': 'dist/node.js',
};

interface Example {
  /** `src/fields/parse-yen.ts parseYen #1`. */
  readonly name: string;
  readonly code: string;
  /** What it prints, from its `// → ` comments in order, one line each. */
  readonly expected: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => join(dir, file));
}

/** The examples in one file's doc comments, named after the declaration each comment documents. */
function examplesIn(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?([^\n]*)/g)) {
    const lines = (comment[1] ?? '').split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    const declared = /(?:function\*?|const|class|interface|type)\s+(\w+)/.exec(comment[2] ?? '');
    let index = 0;
    for (const [start, line] of lines.entries()) {
      if (line.trim() !== '@example') continue;
      const end = lines.findIndex((next, at) => at > start && /^\s*@\w/.test(next));
      const body = lines
        .slice(start + 1, end === -1 ? lines.length : end)
        .filter((next) => !/^\s*```/.test(next));
      index += 1;
      examples.push({
        name: `${relative(ROOT, file)} ${declared?.[1] ?? '?'} #${index}`,
        code: body.join('\n'),
        expected: body.flatMap((next) => /^\s*\/\/ → (.*)$/.exec(next)?.[1] ?? []),
      });
    }
  }
  return examples;
}

/**
 * The example with its package imports pointed at dist/ (what `npm install kofuzei` gives): as
 * file URLs for node, as paths for tsc (which finds the .d.ts beside each .js).
 */
function runnable(code: string, as: 'url' | 'path' = 'url'): string {
  return code.replace(/(from\s+)(['"])(kofuzei(?:\/node)?)\2/g, (whole, from: string, _q, id) => {
    const path = PACKAGE_PATHS[id as string];
    if (path === undefined) return whole;
    const target = join(ROOT, path);
    return `${from}${JSON.stringify(as === 'url' ? pathToFileURL(target).href : target)}`;
  });
}

function fileName(example: Example): string {
  return join(scratch, `${example.name.replace(/[^\w]+/g, '-')}.mts`);
}

const EXAMPLES = sourceFiles(join(ROOT, 'src')).flatMap((file) =>
  examplesIn(file, readFileSync(file, 'utf8')),
);
const scratch = mkdtempSync(join(tmpdir(), 'kofuzei-examples-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the @example blocks in src/', () => {
  it('include one for each main entry point of the API', () => {
    const documented = EXAMPLES.map((example) => example.name.split(' ')[1]);
    for (const name of ['evaluate', 'evaluateStream', 'loadRuleSet', 'parseYen', 'diffRuleSets'])
      expect(documented, name).toContain(name);
  });

  it('are found with their expected output, and only package imports are rewritten', () => {
    const [example] = examplesIn(
      join(ROOT, 'src/x.ts'),
      [
        '/**',
        ' * Doubles.',
        ' *',
        ' * @example',
        ' * ```ts',
        " * import { double } from 'kofuzei';",
        " * import { join } from 'node:path';",
        ' * console.log(double(2));',
        ' * // → 4',
        ' * ```',
        ' * @returns twice n',
        ' */',
        'export function double(n: number): number {',
      ].join('\n'),
    );
    expect(example?.name).toBe('src/x.ts double #1');
    expect(example?.expected).toEqual(['4']);
    const code = runnable(example?.code ?? '');
    expect(code).toContain(JSON.stringify(pathToFileURL(join(ROOT, 'dist/index.js')).href));
    expect(code).toContain("from 'node:path'");
    expect(code).not.toContain('@returns');
  });

  it('type-check against the published declarations (as strict as this repository)', () => {
    const files = EXAMPLES.map((example) => {
      const file = fileName(example).replace(/\.mts$/, '.typed.mts');
      writeFileSync(file, runnable(example.code, 'path'));
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
      skipLibCheck: true,
      noEmit: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file?.fileName ?? '';
      return `${relative(scratch, where)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(EXAMPLES.map((example) => [example.name, example] as const))(
    '%s runs and prints what it says',
    async (_name, example) => {
      const file = fileName(example);
      writeFileSync(file, runnable(example.code));
      // From the repository root, as a user's project: 'rules' and 'samples/' are found there.
      const { stdout } = await promisify(execFile)(TSX, [file], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (example.expected.length > 0)
        expect(stdout.trimEnd().split('\n')).toEqual(example.expected);
    },
    60_000,
  );
});

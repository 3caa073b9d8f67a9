import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { gasBuildConfig } from './scripts/gas-build-config.js';

export default defineConfig([
  {
    // The library: the core (no fs, clock or env) and the node-only subpath.
    // evaluate-worker: the worker thread of evaluateInWorkers, found beside node.js at run time.
    entry: {
      index: 'src/index.ts',
      node: 'src/node/index.ts',
      'evaluate-worker': 'src/node/evaluate-worker.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // No source maps: the package ships dist/ only, and maps would point at an unshipped src/.
    sourcemap: false,
    clean: true,
    target: 'node20',
    // ESM-only and tiny: bundled so the CJS build needs no require(esm).
    noExternal: ['@noble/hashes'],
    // The one import.meta of the library (startWorker) is read only where __filename is not
    // defined, i.e. never in the CJS build: esbuild's warning that it is empty there is noise.
    esbuildOptions(options) {
      options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
    },
  },
  {
    // The CLI: one ESM file with a shebang; dependencies stay external.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: false,
    clean: false,
    target: 'node20',
    // Bundled too, the dependencies every evaluation loads: node resolves, reads and links each
    // file of a package on its own (zod ≈ 95 files, date-fns dozens, json-rules-engine and its
    // dependencies 20), which was most of a cold start (test/cli-bundled-dependencies). Not
    // exceljs, iconv-lite and cli-progress: loaded only when needed (test/cli-lazy-modules).
    noExternal: [
      '@noble/hashes',
      'zod',
      'date-fns',
      'decimal.js',
      'csv-parse',
      'csv-stringify',
      'commander',
      'json-rules-engine',
    ],
    // A `require` for the CommonJS code bundled into these ES modules (jsonpath-plus, under
    // json-rules-engine, requires node:vm; esbuild's shim calls the `require` in scope).
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as kofuzeiCreateRequire } from 'node:module';\nconst require = kofuzeiCreateRequire(import.meta.url);",
    },
    // The CLI reads its rules from disk (src/cli/cli-rule-set.ts): the rule files built in as
    // JavaScript for the library's default rule set are left out of its chunks (cold start).
    esbuildPlugins: [
      {
        name: 'cli-package-rule-set',
        setup(build) {
          build.onResolve({ filter: /\/rules\/bundled-rule-set\.js$/ }, () => ({
            path: fileURLToPath(new URL('./src/cli/package-rule-set.ts', import.meta.url)),
          }));
        },
      },
    ],
    // The rules validated once, for the CLI's start (src/cli/compiled-rules.ts). After this
    // build, whose `clean: false` keeps the file, not after the library's, which empties dist/.
    onSuccess: 'node --import tsx scripts/compile-rules.ts',
  },
  // The Google Apps Script bundle (not a package export): dist/gas/kofuzei.gs.
  gasBuildConfig,
]);

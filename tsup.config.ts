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
  },
  {
    // The CLI: one ESM file with a shebang; dependencies stay external.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: false,
    clean: false,
    target: 'node20',
    noExternal: ['@noble/hashes'],
    banner: { js: '#!/usr/bin/env node' },
    // The rules validated once, for the CLI's start (src/cli/compiled-rules.ts). After this
    // build, whose `clean: false` keeps the file, not after the library's, which empties dist/.
    onSuccess: 'node --import tsx scripts/compile-rules.ts',
  },
  // The Google Apps Script bundle (not a package export): dist/gas/kofuzei.gs.
  gasBuildConfig,
]);

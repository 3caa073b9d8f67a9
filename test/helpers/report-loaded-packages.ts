import { createRequire } from 'node:module';

/**
 * Test hook, loaded into the CLI with `node --import`: on exit, writes to stderr a line
 * `LOADED-PACKAGES name,name…` naming the packages of node_modules whose CommonJS files were
 * loaded (exceljs is CommonJS, so a workbook library pulled in shows here).
 */
process.on('exit', () => {
  const names = new Set<string>();
  for (const path of Object.keys(createRequire(import.meta.url).cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/u.exec(path);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  process.stderr.write(`\nLOADED-PACKAGES ${[...names].sort().join(',')}\n`);
});

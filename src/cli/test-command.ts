import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runFixture } from '../fixtures/run-fixture.js';
import { collectJsonFiles } from '../node/collect-json-files.js';
import { loadRuleDir } from '../node/load-rule-dir.js';

/** `kofuzei test PATH...`: runs every fixture; the last line is `N passed, N failed`. */
export async function testCommand(
  paths: readonly string[],
  options: { rules?: string },
  write: (line: string) => void,
): Promise<boolean> {
  const rules = options.rules === undefined ? undefined : loadRuleDir(options.rules);
  let passed = 0;
  let failed = 0;
  for (const file of collectJsonFiles(paths)) {
    const name = relative(process.cwd(), file) || file;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      failed += 1;
      write(`${name} › (fixture): expected valid JSON, got ${(error as Error).message}`);
      continue;
    }
    const result = await runFixture(name, json, rules);
    if (result.passed) passed += 1;
    else {
      failed += 1;
      for (const mismatch of result.mismatches) write(mismatch);
    }
  }
  write(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AssumptionsFile, Glossary } from '../schema/glossary.js';
import type { Measure } from '../schema/measure.js';
import { canonicalJson } from './canonical-json.js';

/** The rule set's identity: any change to any rule, glossary term or assumption changes it. */
export function rulesVersion(
  glossary: Glossary,
  assumptions: AssumptionsFile['assumptions'],
  measures: readonly Measure[],
): string {
  const text = canonicalJson({ glossary, assumptions, measures });
  return bytesToHex(sha256(utf8ToBytes(text)));
}

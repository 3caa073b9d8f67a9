import { KofuzeiError } from '../core/kofuzei-error.js';
import type { PolicyInput } from '../core/policy.js';
import { policyTextProblem } from './policy-text-problem.js';
import { readRegularFile } from './read-regular-file.js';
import { jsonSyntaxProblem } from '../ledger/json-syntax-problem.js';

/** A policy file is a few keys; anything near this size is not one. */
const POLICY_FILE_BYTES = 1024 * 1024;

/**
 * Reads a policy file (`--policy FILE`, JSON). Besides being valid JSON, its text may not write a
 * key twice in one object nor use a number literal (values are strings, read exactly): both are
 * refused with POLICY_INVALID naming the file and the key, never decided silently.
 */
export function readPolicyFile(path: string): PolicyInput {
  let text = readRegularFile(path, {
    code: 'POLICY_UNREADABLE',
    maxBytes: POLICY_FILE_BYTES,
  }).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new KofuzeiError(
      'POLICY_UNREADABLE',
      `${path}: JSON として読めません（${jsonSyntaxProblem(text)}）`,
    );
  }
  const problem = policyTextProblem(text);
  if (problem !== null)
    throw new KofuzeiError('POLICY_INVALID', `${path}: ポリシーが不正です: ${problem}`);
  return json as PolicyInput;
}

// Node-only helpers: the only code that touches the file system.
export { collectJsonFiles } from './collect-json-files.js';
export {
  evaluateInWorkers,
  evaluateStreamInWorkers,
  workerCount,
  WORKERS_THRESHOLD,
  type WorkersOption,
} from './evaluate-in-workers.js';
export { heldLinesForHeap } from './held-lines-for-heap.js';
export { loadRuleDir } from './load-rule-dir.js';
export { readLedgerFile, type ReadLedgerFileOptions } from './read-ledger-file.js';
export { readRuleDir } from './read-rule-dir.js';
export {
  readRuleSetFromGit,
  parseGitRuleSpec,
  type GitRuleSpec,
  type ReadRuleSetFromGitOptions,
} from './read-rule-set-from-git.js';

import { fileURLToPath } from 'node:url';

/** The rules/ folder shipped in the package (the CLI runs from dist/, next to it). */
export function bundledRulesDir(): string {
  return fileURLToPath(new URL('../rules', import.meta.url));
}

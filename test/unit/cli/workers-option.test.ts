import { describe, expect, it } from 'vitest';
import { workersOption } from '../../../src/cli/evaluate-command.js';
import { KofuzeiError } from '../../../src/core/kofuzei-error.js';

// The CLI judges in one thread unless asked: on the 2-core machine two workers gave no gain for
// twice the memory (docs/engine.md "Worker threads").
describe('--workers', () => {
  it('is one thread by default; auto and counts only when given', () => {
    expect(workersOption(undefined)).toBe(1);
    expect(workersOption('auto')).toBe('auto');
    expect(workersOption('3')).toBe(3);
  });

  it('refuses a count that is not a whole number ≥ 1, in Japanese with the code USAGE', () => {
    for (const text of ['0', '-1', '1.5', 'two', '']) {
      let caught: unknown;
      try {
        workersOption(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KofuzeiError);
      expect((caught as KofuzeiError).code).toBe('USAGE');
      expect((caught as Error).message).toMatch(/整数/u);
    }
  });
});

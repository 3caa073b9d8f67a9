import { describe, expect, it } from 'vitest';
import { SharedValues } from '../../../src/report/shared-values.js';
import type { Reason } from '../../../src/schema/report.js';

// Citation lists are shared already (cite.ts): a reason is keyed by its list's identity.
const citations: Reason['citations'] = [];
const reason = (actual: unknown): Reason => ({
  code: 'CONDITION_FAILED',
  measure: 'm',
  component: 'c',
  condition: 'x',
  text: 'x',
  fact: 'months',
  actual,
  citations,
});

describe('SharedValues', () => {
  it('gives one frozen list per distinct content, strings by value and objects by identity', () => {
    const shared = new SharedValues();
    const a = shared.list(['A-01', 'A-02']);
    expect(shared.list(['A-01', 'A-02'])).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(shared.list(['A-02', 'A-01'])).not.toBe(a);
    const one = { id: 1 };
    expect(shared.list([one])).toBe(shared.list([one]));
    expect(shared.list([one])).not.toBe(shared.list([{ id: 1 }]));
    expect(shared.list([])).toBe(shared.list([]));
    // A string that looks like an object's token is still a string.
    expect(shared.list(['#0'])).not.toBe(shared.list([one]));
  });

  it('gives one frozen reason per distinct content, its shown value included', () => {
    const shared = new SharedValues();
    const first = shared.reason(reason('37'));
    expect(shared.reason(reason('37'))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(shared.reason(reason('40'))).not.toBe(first);
    expect(shared.reason(reason(37))).not.toBe(first);
    expect(shared.reason(reason(null))).not.toBe(shared.reason(reason('null')));
  });
});

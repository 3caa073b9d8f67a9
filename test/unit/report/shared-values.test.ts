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

  it('freezes a list all the way down, unless its elements are reasons it froze itself', () => {
    const shared = new SharedValues();
    const inner = { id: 1, tags: ['a'] };
    const list = shared.list([inner]);
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(inner)).toBe(true);
    expect(Object.isFrozen(inner.tags)).toBe(true);
    // A reason another instance made is frozen anew by this one; its own reasons need no walk.
    const elsewhere = new SharedValues().reason(reason(['x']));
    const mixed = shared.list([shared.reason(reason('1')), { nested: { deep: [1] } }]);
    expect(Object.isFrozen((mixed[1] as { nested: { deep: number[] } }).nested.deep)).toBe(true);
    expect(Object.isFrozen(shared.list([elsewhere]))).toBe(true);
  });

  it("shows a line's own value through withActual as reason would, one shared reason per value", () => {
    const shared = new SharedValues();
    const template = shared.reason(reason('37'));
    const shown = shared.withActual(template, '40');
    expect(shown).toEqual({ ...template, actual: '40' });
    expect(shared.withActual(template, '40')).toBe(shown);
    expect(shared.withActual(template, 40)).not.toBe(shown);
    expect(Object.isFrozen(shown)).toBe(true);
    const list = ['a'];
    const withList = shared.withActual(template, list);
    expect(Object.isFrozen(withList.actual)).toBe(true);
    expect(Object.isFrozen(list)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionLeaves,
  explainCondition,
  type Explanation,
} from '../../../src/eligibility/explain-condition.js';
import { MISSING, type FactValue, type Missing } from '../../../src/core/missing.js';
import type { Tri } from '../../../src/eligibility/tri.js';
import type { Condition, ConditionLeaf } from '../../../src/schema/condition.js';

/**
 * A test world: each leaf reads its own fact; a 'true'/'false' leaf has its fact present and that
 * engine result, an 'unknown' leaf has its fact absent (the engine saw MISSING and said false).
 */
class World {
  readonly leafResults = new Map<string, boolean>();
  readonly facts = new Map<string, FactValue | Missing>();
  private count = 0;

  leaf(state: Tri, fact = `f${this.count}`): ConditionLeaf {
    const id = `c${this.count++}`;
    this.leafResults.set(id, state === 'true');
    if (state !== 'unknown') this.facts.set(fact, state === 'true');
    return { id, fact, operator: 'equal', value: true, label: `leaf ${id}`, cite: ['s'] };
  }

  explain(condition: Condition): Explanation {
    return explainCondition(condition, this.leafResults, this.facts);
  }
}

const TRI: readonly Tri[] = ['true', 'false', 'unknown'];

const kleeneAnd = (a: Tri, b: Tri): Tri =>
  a === 'false' || b === 'false'
    ? 'false'
    : a === 'unknown' || b === 'unknown'
      ? 'unknown'
      : 'true';
const kleeneOr = (a: Tri, b: Tri): Tri =>
  a === 'true' || b === 'true' ? 'true' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'false';
const kleeneNot = (a: Tri): Tri => (a === 'true' ? 'false' : a === 'false' ? 'true' : 'unknown');

const pairs = TRI.flatMap((a) => TRI.map((b) => [a, b] as const));

describe('explainCondition: truth tables (docs/decisions.md §1.3)', () => {
  it.each(TRI)('a leaf that is %s', (state) => {
    const world = new World();
    const leaf = world.leaf(state);
    expect(world.explain(leaf)).toEqual({
      value: state,
      decisive: [{ kind: 'leaf', leaf, missing: state === 'unknown' }],
      missing: state === 'unknown' ? [leaf.fact] : [],
    });
  });

  it.each(pairs)('all[%s, %s]', (a, b) => {
    const world = new World();
    expect(world.explain({ all: [world.leaf(a), world.leaf(b)] }).value).toBe(kleeneAnd(a, b));
  });

  it.each(pairs)('any[%s, %s]', (a, b) => {
    const world = new World();
    expect(world.explain({ any: [world.leaf(a), world.leaf(b)] }).value).toBe(kleeneOr(a, b));
  });

  it.each(TRI)('not[%s]', (a) => {
    const world = new World();
    expect(world.explain({ not: world.leaf(a), label: 'not' }).value).toBe(kleeneNot(a));
  });

  it.each(TRI.flatMap((a) => pairs.map(([b, c]) => [a, b, c] as const)))(
    'all[%s, %s, %s] and any of the same',
    (a, b, c) => {
      const world = new World();
      const leaves = [world.leaf(a), world.leaf(b), world.leaf(c)];
      expect(world.explain({ all: leaves }).value).toBe(kleeneAnd(kleeneAnd(a, b), c));
      expect(world.explain({ any: leaves }).value).toBe(kleeneOr(kleeneOr(a, b), c));
    },
  );

  it('makes an empty all true and an empty any false', () => {
    const world = new World();
    expect(world.explain({ all: [] })).toEqual({ value: 'true', decisive: [], missing: [] });
    expect(world.explain({ any: [] })).toEqual({ value: 'false', decisive: [], missing: [] });
  });

  it('reads a fact explicitly given as MISSING as unknown, whatever the engine said', () => {
    const world = new World();
    const leaf = world.leaf('true');
    world.facts.set(leaf.fact, MISSING);
    expect(world.explain(leaf)).toMatchObject({ value: 'unknown', missing: [leaf.fact] });
  });

  it('reads a present false fact as false, not unknown', () => {
    const world = new World();
    const leaf = world.leaf('false');
    expect(world.facts.get(leaf.fact)).toBe(false);
    expect(world.explain(leaf)).toMatchObject({ value: 'false', missing: [] });
  });

  it('refuses a leaf on a present fact that the engine did not evaluate', () => {
    const world = new World();
    const leaf = world.leaf('true');
    world.leafResults.delete(leaf.id);
    expect(() => world.explain(leaf)).toThrow(`condition ${leaf.id} was not evaluated`);
  });
});

describe('explainCondition: missing facts', () => {
  it('lists no missing fact when a true branch decides any[true, unknown]', () => {
    const world = new World();
    expect(world.explain({ any: [world.leaf('true'), world.leaf('unknown')] })).toMatchObject({
      value: 'true',
      missing: [],
    });
  });

  it('lists no missing fact when a false branch decides all[false, unknown]', () => {
    const world = new World();
    expect(world.explain({ all: [world.leaf('false'), world.leaf('unknown')] })).toMatchObject({
      value: 'false',
      missing: [],
    });
  });

  it('lists every fact that keeps the value unknown, sorted and once each', () => {
    const world = new World();
    const condition: Condition = {
      all: [
        world.leaf('true'),
        world.leaf('unknown', 'zeta'),
        { any: [world.leaf('false'), world.leaf('unknown', 'alpha')] },
        world.leaf('unknown', 'zeta'),
      ],
    };
    expect(world.explain(condition)).toMatchObject({
      value: 'unknown',
      missing: ['alpha', 'zeta'],
    });
  });

  it('leaves out unknown facts under a decided subgroup', () => {
    const world = new World();
    // any[ all[false, unknown a], unknown b ] → unknown; only b can still decide it.
    const condition: Condition = {
      any: [{ all: [world.leaf('false'), world.leaf('unknown', 'a')] }, world.leaf('unknown', 'b')],
    };
    expect(world.explain(condition)).toMatchObject({ value: 'unknown', missing: ['b'] });
  });

  it('passes the missing facts through not', () => {
    const world = new World();
    const condition: Condition = {
      not: { all: [world.leaf('true'), world.leaf('unknown', 'x')] },
      label: 'not both',
    };
    expect(world.explain(condition)).toMatchObject({ value: 'unknown', missing: ['x'] });
  });
});

describe('explainCondition: decisive conditions', () => {
  it('names the failed leaves, and only them, when false', () => {
    const world = new World();
    const failedA = world.leaf('false');
    const failedB = world.leaf('false');
    const result = world.explain({
      all: [world.leaf('true'), failedA, world.leaf('unknown'), failedB],
    });
    expect(result.value).toBe('false');
    expect(result.decisive.map((d) => (d.kind === 'leaf' ? d.leaf.id : d.label))).toEqual([
      failedA.id,
      failedB.id,
    ]);
    expect(result.decisive[0]).toEqual({ kind: 'leaf', leaf: failedA, missing: false });
  });

  it('names every failed branch of a false any', () => {
    const world = new World();
    const a = world.leaf('false');
    const b = world.leaf('false');
    const c = world.leaf('false');
    const result = world.explain({ any: [a, { all: [b, world.leaf('true')] }, c] });
    expect(result.value).toBe('false');
    expect(result.decisive.map((d) => (d.kind === 'leaf' ? d.leaf.id : d.label))).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
  });

  it('puts last the branches of a false any that failed only on a choice the line states', () => {
    // A staff trip of 99.9 km (dx-taisei-kochiku-itaku): any[委員等の旅費, all[業務従事者, 片道100km],
    // not[経費区分が受験料]]. The 100 km decided it; the traveller and the cost type are choices the
    // line made, so their branches come after it.
    const world = new World();
    const leaf = (id: string, fact: string, value: string | string[], result: boolean) => {
      world.leafResults.set(id, result);
      world.facts.set(fact, 'x');
      const operator = id === 'km' ? ('greaterThanInclusive' as const) : ('in' as const);
      return { id, fact, operator, value, label: id, cite: ['s'] };
    };
    const committee = leaf('committee', 'traveler', ['member'], false);
    const staff = leaf('staff', 'traveler', 'staff', true);
    const km = leaf('km', 'km', '100', false);
    const fee = leaf('fee', 'costType', 'exam-fee', true);
    const ids = (condition: Condition) =>
      world.explain(condition).decisive.map((d) => (d.kind === 'leaf' ? d.leaf.id : d.label));
    expect(ids({ any: [committee, { all: [staff, km] }, { not: fee, label: 'not-fee' }] })).toEqual(
      ['km', 'committee', 'not-fee'],
    );
    // A flag is no choice: "equal true" keeps its place before km.
    world.leafResults.set('flag', false);
    world.facts.set('flag', false);
    const flag = {
      id: 'flag',
      fact: 'flag',
      operator: 'equal' as const,
      value: true,
      label: 'flag',
      cite: ['s'],
    };
    expect(ids({ any: [flag, km] })).toEqual(['flag', 'km']);
    // An entity code is a choice like any named value.
    const code = leaf('code', 'entityCode', '130001', false);
    expect(ids({ any: [code, km] })).toEqual(['km', 'code']);
    // When every branch failed on a choice, they keep rule order.
    expect(ids({ any: [committee, { not: fee, label: 'not-fee' }] })).toEqual([
      'committee',
      'not-fee',
    ]);
  });

  it('names the unknown leaves when unknown', () => {
    const world = new World();
    const unknown = world.leaf('unknown');
    const result = world.explain({ all: [world.leaf('true'), unknown] });
    expect(result.decisive).toEqual([{ kind: 'leaf', leaf: unknown, missing: true }]);
  });

  it('names the not group itself when it decides', () => {
    const world = new World();
    const inner = world.leaf('true');
    const result = world.explain({
      all: [world.leaf('true'), { not: inner, label: '計画策定のみでないこと', cite: ['s'] }],
    });
    expect(result).toEqual({
      value: 'false',
      decisive: [{ kind: 'not', label: '計画策定のみでないこと', cite: ['s'], onChoice: false }],
      missing: [],
    });
    const negated = world.explain({ not: world.leaf('false'), label: 'not' });
    expect(negated).toEqual({
      value: 'true',
      decisive: [{ kind: 'not', label: 'not', cite: [], onChoice: false }],
      missing: [],
    });
  });

  it('evaluates nested groups: all[any[false, all[true, true]], not[false]] is true', () => {
    const world = new World();
    const condition: Condition = {
      all: [
        { any: [world.leaf('false'), { all: [world.leaf('true'), world.leaf('true')] }] },
        { not: world.leaf('false'), label: 'not' },
      ],
    };
    expect(world.explain(condition)).toMatchObject({ value: 'true', missing: [] });
  });
});

/** Random condition trees whose leaves each read their own fact, in one of three states. */
type Shape =
  | { type: 'leaf'; state: Tri }
  | { type: 'all' | 'any'; children: Shape[] }
  | { type: 'not'; child: Shape };

const shapeArb = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TRI).map((state): Shape => ({ type: 'leaf', state })),
    fc
      .tuple(
        fc.constantFrom('all' as const, 'any' as const),
        fc.array(tie('shape'), { maxLength: 4 }),
      )
      .map(([type, children]): Shape => ({ type, children })),
    tie('shape').map((child): Shape => ({ type: 'not', child })),
  ),
})).shape;

function build(shape: Shape, world: World): Condition {
  switch (shape.type) {
    case 'leaf':
      return world.leaf(shape.state);
    case 'not':
      return { not: build(shape.child, world), label: 'not' };
    case 'all':
      return { all: shape.children.map((child) => build(child, world)) };
    case 'any':
      return { any: shape.children.map((child) => build(child, world)) };
  }
}

function kleene(shape: Shape): Tri {
  switch (shape.type) {
    case 'leaf':
      return shape.state;
    case 'not':
      return kleeneNot(kleene(shape.child));
    case 'all':
      return shape.children.map(kleene).reduce(kleeneAnd, 'true');
    case 'any':
      return shape.children.map(kleene).reduce(kleeneOr, 'false');
  }
}

describe('explainCondition: properties', () => {
  it('agrees with Kleene three-valued logic on any tree', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const world = new World();
        expect(world.explain(build(shape, world)).value).toBe(kleene(shape));
      }),
    );
  });

  it('lists missing facts exactly when unknown, and only absent ones', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const world = new World();
        const { value, missing } = world.explain(build(shape, world));
        if (value === 'unknown') expect(missing.length).toBeGreaterThan(0);
        else expect(missing).toEqual([]);
        for (const fact of missing) expect(world.facts.has(fact)).toBe(false);
      }),
    );
  });

  it('never changes its value when an absent fact not listed as missing is supplied', () => {
    fc.assert(
      fc.property(shapeArb, fc.boolean(), (shape, supplied) => {
        const world = new World();
        const condition = build(shape, world);
        const before = world.explain(condition);
        for (const leaf of conditionLeaves(condition)) {
          if (world.facts.has(leaf.fact) || before.missing.includes(leaf.fact)) continue;
          world.facts.set(leaf.fact, supplied);
          world.leafResults.set(leaf.id, supplied);
        }
        expect(world.explain(condition).value).toBe(before.value);
      }),
    );
  });

  it('keeps a decided value when the missing facts are supplied (unknown never hides a decided result)', () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        (shape, bits) => {
          const world = new World();
          const condition = build(shape, world);
          const before = world.explain(condition);
          conditionLeaves(condition).forEach((leaf, i) => {
            if (world.facts.has(leaf.fact)) return;
            const value = bits[i % bits.length] ?? false;
            world.facts.set(leaf.fact, value);
            world.leafResults.set(leaf.id, value);
          });
          const after = world.explain(condition);
          expect(after.value).not.toBe('unknown');
          if (before.value !== 'unknown') expect(after.value).toBe(before.value);
        },
      ),
    );
  });
});

describe('conditionLeaves', () => {
  it('lists every leaf in order, through all, any and not', () => {
    const world = new World();
    const [a, b, c, d] = [
      world.leaf('true'),
      world.leaf('true'),
      world.leaf('true'),
      world.leaf('true'),
    ];
    const condition: Condition = { all: [a, { any: [b, { not: c, label: 'n' }] }, d] };
    expect(conditionLeaves(condition)).toEqual([a, b, c, d]);
  });
});

// A condition a line need not state (ifStated): blank it holds on no evidence, stated it is tested.
describe('explainCondition: ifStated', () => {
  it('holds on a blank fact, deciding nothing, and tests a stated one', () => {
    const world = new World();
    const blank = { ...world.leaf('unknown'), ifStated: true as const };
    expect(world.explain(blank)).toEqual({ value: 'true', decisive: [], missing: [] });
    const failed = { ...world.leaf('false'), ifStated: true as const };
    expect(world.explain(failed).value).toBe('false');
    expect(world.explain(failed).decisive).toEqual([
      { kind: 'leaf', leaf: failed, missing: false },
    ]);
    // Beside another blank fact that is not ifStated, only that one is missing.
    const other = world.leaf('unknown');
    expect(world.explain({ all: [blank, other] })).toMatchObject({
      value: 'unknown',
      missing: [other.fact],
    });
    expect(world.explain({ all: [blank, failed, other] }).value).toBe('false');
  });
});

import { vi } from 'vitest';

/** A tally of the evaluation that lets go of what pass 2 does not read when pass 2 begins. */
interface Pruned {
  endFirstPass(...args: never[]): void;
}

/**
 * Records `size` of every instance of a class just before and just after its endFirstPass runs
 * (it still runs): [before, after, before, after, …]. Call `restore` when done.
 */
export function pruningSizes<T extends Pruned>(
  type: { prototype: T },
  size: (instance: T) => number,
): { sizes: number[]; restore: () => void } {
  const sizes: number[] = [];
  const prototype: Pruned = type.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called on its instance below
  const original = prototype.endFirstPass;
  const spy = vi.spyOn(prototype, 'endFirstPass').mockImplementation(function (
    this: Pruned,
    ...args: never[]
  ) {
    sizes.push(size(this as T));
    original.apply(this, args);
    sizes.push(size(this as T));
  });
  return {
    sizes,
    restore: () => {
      spy.mockRestore();
    },
  };
}

/** The size of a tally's `seen` map (PersonClasses, PersonMeasures). */
export function seenSize(tally: object): number {
  return (tally as { seen: Map<string, unknown> }).seen.size;
}

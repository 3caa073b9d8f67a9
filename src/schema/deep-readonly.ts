/**
 * A type whose every field and array, all the way down, is read-only. Reports share fragments
 * between lines and between evaluations (frozen at run time, see src/schema/deep-freeze.ts): the
 * type says so, so that changing a report is a compile error and not a TypeError at run time.
 */
export type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends readonly (infer Item)[]
    ? readonly DeepReadonly<Item>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

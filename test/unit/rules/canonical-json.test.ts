import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reverseKeys } from './rule-files.js';
import { canonicalJson } from '../../../src/rules/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives equal text for equal data written in another key order', () => {
    expect(canonicalJson({ limit: '1000000', id: 'cap' })).toBe(
      canonicalJson({ id: 'cap', limit: '1000000' }),
    );
  });

  it('leaves out keys whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('writes strings, numbers, booleans and null as JSON does', () => {
    expect(canonicalJson('令和7年度 "引用"\n')).toBe(JSON.stringify('令和7年度 "引用"\n'));
    expect(canonicalJson(0.7)).toBe('0.7');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('escapes keys', () => {
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });

  it('is valid JSON for the same data, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

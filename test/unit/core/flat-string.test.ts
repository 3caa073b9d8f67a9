import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatString } from '../../../src/core/flat-string.js';

describe('flatString', () => {
  it('gives back the same string for any text, lone surrogates and NUL included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        let built = a;
        built += '\u0000';
        built += b;
        expect(flatString(built)).toBe(`${a}\u0000${b}`);
      }),
    );
    expect(flatString('\ud800x\udfff')).toBe('\ud800x\udfff');
    expect(flatString('東京都\u0000b1')).toBe('東京都\u0000b1');
  });
});

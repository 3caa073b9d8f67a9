import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';

// docs/decisions.md: the 東日本大震災被災地域 column of ふるさと融資 is limited to 岩手県・宮城県・福島県
// (002 ※2) for the その他の市町村 too; a 市 of 沖縄県 stating it is ineligible with that reason.
const fixture = JSON.parse(
  readFileSync(
    new URL(
      '../fixtures/furusato-yushi-loan/04-shinsai-outside-three-prefectures.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { ledger: unknown };

describe('ふるさと融資, 東日本大震災被災地域 outside the three prefectures', () => {
  it('names the prefecture condition among the reasons of the 沖縄県 line', async () => {
    const report = await evaluate(fixture.ledger);
    const [naha, ishinomaki] = report.lines;
    expect(naha?.status).toBe('ineligible');
    const reason = naha?.reasons.find((item) => item.condition === 'm-shinsai-prefecture');
    expect(reason).toMatchObject({
      code: 'CONDITION_FAILED',
      component: 'm-shinsai',
      actual: '47',
    });
    expect(ishinomaki).toMatchObject({
      status: 'eligible',
      component: 'm-shinsai',
      amount: '2000000000',
    });
  });
});

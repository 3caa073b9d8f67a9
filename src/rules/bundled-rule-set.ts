import assumptions from '../../rules/assumptions.json';
import cioAide from '../../rules/cio-aide-tokko.json';
import digitalKatsuyo from '../../rules/digital-katsuyo-bond.json';
import dxLeader from '../../rules/dx-leader-training-tokko.json';
import glossary from '../../rules/glossary.json';
import accelerator from '../../rules/pref-dx-accelerator-futsu.json';
import talent from '../../rules/pref-dx-talent-tokko.json';
import { loadRuleSet } from './load-rule-set.js';
import type { RuleSet } from './rule-set.js';

/** The bundled measure files, in rule-set order (alphabetical by id, as a rules directory loads). */
export const BUNDLED_MEASURE_FILES = [
  { file: 'cio-aide-tokko.json', json: cioAide },
  { file: 'digital-katsuyo-bond.json', json: digitalKatsuyo },
  { file: 'dx-leader-training-tokko.json', json: dxLeader },
  { file: 'pref-dx-accelerator-futsu.json', json: accelerator },
  { file: 'pref-dx-talent-tokko.json', json: talent },
] as const;

let cached: RuleSet | undefined;

/** The rule set shipped with kofuzei (rules/), validated on first use. Imported as JSON, so the core reads no file. */
export function bundledRuleSet(): RuleSet {
  cached ??= loadRuleSet({ glossary, assumptions, measures: BUNDLED_MEASURE_FILES });
  return cached;
}

import assumptions from '../../rules/assumptions.json';
import glossary from '../../rules/glossary.json';
import bunsanEnergyMasterplan from '../../rules/bunsan-energy-masterplan.json';
import chiikiJohoAdvisor from '../../rules/chiiki-joho-advisor.json';
import chiikiShakaiDxPackageBonds from '../../rules/chiiki-shakai-dx-package-bonds.json';
import chiikiShakaiDxPackage from '../../rules/chiiki-shakai-dx-package.json';
import cioAideTokko from '../../rules/cio-aide-tokko.json';
import datsutansoBondChiikinai from '../../rules/datsutanso-bond-chiikinai.json';
import digitalKatsuyoBond from '../../rules/digital-katsuyo-bond.json';
import digitalKatsuyoShienKoshukai from '../../rules/digital-katsuyo-shien-koshukai.json';
import dxAdvisorJfm from '../../rules/dx-advisor-jfm.json';
import dxLeaderTrainingTokko from '../../rules/dx-leader-training-tokko.json';
import dxTaiseiKochikuItaku from '../../rules/dx-taisei-kochiku-itaku.json';
import fukushimaTeleworkHojo from '../../rules/fukushima-telework-hojo.json';
import furusatoYushiLoan from '../../rules/furusato-yushi-loan.json';
import furusatoYushi from '../../rules/furusato-yushi.json';
import gxAdvisor from '../../rules/gx-advisor.json';
import hyojunkaKikin from '../../rules/hyojunka-kikin.json';
import jichitaiDigitalJinzaiKakuhoShienR8 from '../../rules/jichitai-digital-jinzai-kakuho-shien-r8.json';
import kasoBondDatsutanso from '../../rules/kaso-bond-datsutanso.json';
import kigyojinFukugyoTokko from '../../rules/kigyojin-fukugyo-tokko.json';
import kigyojinHakenTokko from '../../rules/kigyojin-haken-tokko.json';
import kigyojinR7Expansion from '../../rules/kigyojin-r7-expansion.json';
import komuinJinzaiIkuseiTokko from '../../rules/komuin-jinzai-ikusei-tokko.json';
import komuinJinzaiKakuhoTokko from '../../rules/komuin-jinzai-kakuho-tokko.json';
import kyoryokutaiPrefNetwork from '../../rules/kyoryokutai-pref-network.json';
import kyoryokutaiTokko from '../../rules/kyoryokutai-tokko.json';
import local10000KokuhiTokko from '../../rules/local10000-kokuhi-tokko.json';
import local10000Kokuhi from '../../rules/local10000-kokuhi.json';
import local10000TandokuTokko from '../../rules/local10000-tandoku-tokko.json';
import prefDxAcceleratorFutsu from '../../rules/pref-dx-accelerator-futsu.json';
import prefDxSecretariatFutsu from '../../rules/pref-dx-secretariat-futsu.json';
import prefDxTalentTokko from '../../rules/pref-dx-talent-tokko.json';
import shurakuShieninTokko from '../../rules/shuraku-shienin-tokko.json';
import teijuJiritsukenChiikiKasseikaBond from '../../rules/teiju-jiritsuken-chiiki-kasseika-bond.json';
import teijuJiritsukenHokatsuTokko from '../../rules/teiju-jiritsuken-hokatsu-tokko.json';
import tokuteiChiikizukuriKumiai from '../../rules/tokutei-chiikizukuri-kumiai.json';
import { deepFreeze } from '../schema/deep-freeze.js';
import { loadRuleSet } from './load-rule-set.js';
import type { RuleSet } from '../schema/rule-set.js';

/** The bundled measure files, in rule-set order (alphabetical by id, as a rules directory loads). */
export const BUNDLED_MEASURE_FILES = [
  { file: 'bunsan-energy-masterplan.json', json: bunsanEnergyMasterplan },
  { file: 'chiiki-joho-advisor.json', json: chiikiJohoAdvisor },
  { file: 'chiiki-shakai-dx-package-bonds.json', json: chiikiShakaiDxPackageBonds },
  { file: 'chiiki-shakai-dx-package.json', json: chiikiShakaiDxPackage },
  { file: 'cio-aide-tokko.json', json: cioAideTokko },
  { file: 'datsutanso-bond-chiikinai.json', json: datsutansoBondChiikinai },
  { file: 'digital-katsuyo-bond.json', json: digitalKatsuyoBond },
  { file: 'digital-katsuyo-shien-koshukai.json', json: digitalKatsuyoShienKoshukai },
  { file: 'dx-advisor-jfm.json', json: dxAdvisorJfm },
  { file: 'dx-leader-training-tokko.json', json: dxLeaderTrainingTokko },
  { file: 'dx-taisei-kochiku-itaku.json', json: dxTaiseiKochikuItaku },
  { file: 'fukushima-telework-hojo.json', json: fukushimaTeleworkHojo },
  { file: 'furusato-yushi-loan.json', json: furusatoYushiLoan },
  { file: 'furusato-yushi.json', json: furusatoYushi },
  { file: 'gx-advisor.json', json: gxAdvisor },
  { file: 'hyojunka-kikin.json', json: hyojunkaKikin },
  {
    file: 'jichitai-digital-jinzai-kakuho-shien-r8.json',
    json: jichitaiDigitalJinzaiKakuhoShienR8,
  },
  { file: 'kaso-bond-datsutanso.json', json: kasoBondDatsutanso },
  { file: 'kigyojin-fukugyo-tokko.json', json: kigyojinFukugyoTokko },
  { file: 'kigyojin-haken-tokko.json', json: kigyojinHakenTokko },
  { file: 'kigyojin-r7-expansion.json', json: kigyojinR7Expansion },
  { file: 'komuin-jinzai-ikusei-tokko.json', json: komuinJinzaiIkuseiTokko },
  { file: 'komuin-jinzai-kakuho-tokko.json', json: komuinJinzaiKakuhoTokko },
  { file: 'kyoryokutai-pref-network.json', json: kyoryokutaiPrefNetwork },
  { file: 'kyoryokutai-tokko.json', json: kyoryokutaiTokko },
  { file: 'local10000-kokuhi-tokko.json', json: local10000KokuhiTokko },
  { file: 'local10000-kokuhi.json', json: local10000Kokuhi },
  { file: 'local10000-tandoku-tokko.json', json: local10000TandokuTokko },
  { file: 'pref-dx-accelerator-futsu.json', json: prefDxAcceleratorFutsu },
  { file: 'pref-dx-secretariat-futsu.json', json: prefDxSecretariatFutsu },
  { file: 'pref-dx-talent-tokko.json', json: prefDxTalentTokko },
  { file: 'shuraku-shienin-tokko.json', json: shurakuShieninTokko },
  { file: 'teiju-jiritsuken-chiiki-kasseika-bond.json', json: teijuJiritsukenChiikiKasseikaBond },
  { file: 'teiju-jiritsuken-hokatsu-tokko.json', json: teijuJiritsukenHokatsuTokko },
  { file: 'tokutei-chiikizukuri-kumiai.json', json: tokuteiChiikizukuriKumiai },
] as const;

let cached: RuleSet | undefined;

/**
 * The rule set shipped with kofuzei (rules/), validated on first use. Imported as JSON, so the core
 * reads no file. One object for the whole process, frozen: a caller changing a rate in it for a
 * what-if would otherwise change every later evaluation with the bundled rules, anywhere in the
 * process, under the same rulesVersion (and a prepared rule set cached from it would show the old
 * parameters beside the new amounts). Copy it (structuredClone) to change it.
 */
export function bundledRuleSet(): RuleSet {
  cached ??= deepFreeze(
    loadRuleSet({ glossary, assumptions, measures: BUNDLED_MEASURE_FILES }),
  ) as RuleSet;
  return cached;
}

import type { Explanation } from './explain-condition.js';
import type { Component, InForceFrom, Measure, Version } from '../schema/measure.js';

/** How one candidate measure judged one line, before amounts. */
export type Candidate =
  | {
      readonly status: 'eligible';
      readonly measure: Measure;
      readonly version: Version;
      readonly component: Component;
      readonly explanation: Explanation;
    }
  | {
      readonly status: 'undetermined';
      readonly measure: Measure;
      /** null when no version covers the fiscal year (before the first documented year). */
      readonly version: Version | null;
      /** The unknown components' explanations. */
      readonly unknown: readonly {
        readonly component: Component;
        readonly explanation: Explanation;
      }[];
      /** A component met whose amount the sources do not state (method `none`). */
      readonly stated?: Component;
    }
  | {
      readonly status: 'ineligible';
      readonly measure: Measure;
      readonly version: Version;
      /** Empty when the fiscal year is after the measure's last version (対象期間外). */
      readonly failed: readonly {
        readonly component: Component;
        readonly explanation: Explanation;
      }[];
      readonly outOfPeriod: boolean;
      /**
       * Set when the fiscal year is before the year the sources say the measure (component null)
       * or the component the line aims at was created (対象期間前, NOT_YET_IN_FORCE); `version`
       * is then the first version and `failed` is empty.
       */
      readonly notInForce?: { readonly from: InForceFrom; readonly component: Component | null };
      /** A component met that the sources say gives the entity nothing (method `none`). */
      readonly stated?: Component;
    };

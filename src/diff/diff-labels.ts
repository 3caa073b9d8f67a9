import { conditionLeaves } from '../eligibility/explain-condition.js';
import type { RuleSet } from '../schema/rule-set.js';

/**
 * What the readable diff shows people instead of ids (docs/contract.md §2.6): the titles of
 * measures, the labels of components, facts, caps, headcounts, condition leaves and glossary
 * terms, from both rule sets (the head's wording first; a removed element keeps the base's).
 */
export interface DiffLabels {
  /** By measure id. */
  readonly measures: ReadonlyMap<string, string>;
  /** By `measure/component`. */
  readonly components: ReadonlyMap<string, string>;
  /** Caps, headcounts and condition leaves, by `measure/id`. */
  readonly elements: ReadonlyMap<string, string>;
  /** Glossary terms by `section.id` (`facts.advisoryDuties`, `costTypes.compensation`). */
  readonly terms: ReadonlyMap<string, string>;
  /** A fact's values by `fact=value`: 経費区分, 事業 and 団体区分 terms, and enum value labels. */
  readonly values: ReadonlyMap<string, string>;
}

/** The builtin facts whose values are the terms of a glossary section. */
const SECTION_OF_FACT: Readonly<Record<string, string>> = {
  costType: 'costTypes',
  program: 'programs',
  entityKind: 'entityKinds',
};

/** The labels of two rule sets, for formatDiffText and formatDiffMarkdown. */
export function diffLabels(base: RuleSet, head: RuleSet): DiffLabels {
  const measures = new Map<string, string>();
  const components = new Map<string, string>();
  const elements = new Map<string, string>();
  const terms = new Map<string, string>();
  const values = new Map<string, string>();
  // The base first, then the head over it: what still exists is named as it is now.
  for (const ruleSet of [base, head]) {
    for (const measure of ruleSet.measures) {
      measures.set(measure.id, measure.title);
      for (const version of measure.versions) {
        for (const leaf of conditionLeaves(version.conditions))
          elements.set(`${measure.id}/${leaf.id}`, leaf.label);
        for (const component of version.components) {
          if (component.id !== undefined)
            components.set(`${measure.id}/${component.id}`, component.label ?? component.title);
          for (const leaf of conditionLeaves(component.conditions))
            elements.set(`${measure.id}/${leaf.id}`, leaf.label);
          for (const cap of component.caps ?? [])
            elements.set(`${measure.id}/${cap.id}`, cap.label);
          if (component.headcount !== undefined)
            elements.set(`${measure.id}/${component.headcount.id}`, component.headcount.label);
        }
      }
    }
    for (const [section, entries] of Object.entries(ruleSet.glossary))
      for (const [id, term] of Object.entries(entries as Record<string, { label?: unknown }>))
        if (typeof term.label === 'string') terms.set(`${section}.${id}`, term.label);
    for (const [fact, definition] of Object.entries(ruleSet.glossary.facts))
      if ('valueLabels' in definition && definition.valueLabels !== undefined)
        for (const [value, label] of Object.entries(definition.valueLabels))
          values.set(`${fact}=${value}`, label);
  }
  for (const [fact, section] of Object.entries(SECTION_OF_FACT))
    for (const [key, label] of terms)
      if (key.startsWith(`${section}.`))
        values.set(`${fact}=${key.slice(section.length + 1)}`, label);
  return { measures, components, elements, terms, values };
}

/** 「label（id）」, or the id alone when nothing names it. */
export function labelled(label: string | undefined, id: string): string {
  return label === undefined ? id : `${label}（${id}）`;
}

export function measureText(labels: DiffLabels, measure: string): string {
  return labelled(labels.measures.get(measure), measure);
}

export function componentText(labels: DiffLabels, measure: string, component: string): string {
  return labelled(labels.components.get(`${measure}/${component}`), component);
}

export function factText(labels: DiffLabels, fact: string): string {
  return labelled(labels.terms.get(`facts.${fact}`), fact);
}

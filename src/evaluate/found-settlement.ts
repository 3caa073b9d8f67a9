import type { FactValue } from '../core/missing.js';
import type { ReportLine } from '../schema/report.js';
import { FactSettlement } from './fact-settlement.js';

/** What the search found so far: the entities with their settled attributes, facts and lines. */
export class FoundSettlement {
  readonly facts = new Map<number, Record<string, FactValue>>();
  readonly lines = new Map<number, ReportLine>();
  constructor(public entities: readonly unknown[]) {}

  settlement(): FactSettlement | null {
    return this.lines.size === 0 ? null : new FactSettlement(this.entities, this.facts, this.lines);
  }
}

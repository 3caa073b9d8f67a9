import { groupYen } from '../core/group-yen.js';

/** A signed delta: `+300,000`, `-70,000`, `0`. */
export function signedYen(delta: string): string {
  if (delta === '0' || delta.startsWith('-')) return groupYen(delta);
  return `+${groupYen(delta)}`;
}

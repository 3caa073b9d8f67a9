import type { Glossary } from '../schema/glossary.js';
import { labelKey } from '../ledger/term-labels.js';
import { booleanCell, textCell } from './cell-value.js';

/** A ledger field's cell as the normaliser reads it: labels to ids, a code's lost leading zero back. */
export function fieldCell(
  field: string,
  cell: string | number | boolean | Date,
  zone: 'utc' | 'local',
  labels: { program: Map<string, string>; costType: Map<string, string> },
): unknown {
  switch (field) {
    case 'fiscalYear':
      return cell instanceof Date ? textCell(cell, zone) : cell;
    case 'amount':
      return typeof cell === 'number' && !Number.isInteger(cell)
        ? String(cell)
        : textCell(cell, zone);
    case 'entity': {
      // A code typed into a number cell loses its leading zero: 11002 is "011002".
      if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0 && cell < 1e6)
        return String(cell).padStart(6, '0');
      return textCell(cell, zone).trim();
    }
    case 'program':
    case 'costType': {
      const text = textCell(cell, zone).trim();
      return labels[field].get(text) ?? labels[field].get(labelKey(text)) ?? text;
    }
    case 'memo':
      return textCell(cell, zone);
    default:
      return textCell(cell, zone).trim();
  }
}

/** A fact cell in the shape the glossary type needs; unrecognisable values go on unchanged. */
export function factCell(
  glossary: Glossary,
  name: string,
  cell: string | number | boolean | Date,
  zone: 'utc' | 'local',
): unknown {
  const definition = Object.hasOwn(glossary.facts, name) ? glossary.facts[name] : undefined;
  if (cell instanceof Date) return textCell(cell, zone);
  switch (definition?.type) {
    case 'boolean':
      return booleanCell(cell);
    case 'number':
      return typeof cell === 'string' ? cell.normalize('NFKC').trim() : cell;
    case 'string-array':
      return String(cell)
        .split(/[;；\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'enum':
      return typeof cell === 'string' ? cell.trim() : cell;
    default:
      return typeof cell === 'string' ? cell.trim() : cell;
  }
}

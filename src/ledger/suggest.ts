import { labelKey } from './term-labels.js';

/** At most this many candidates are listed in an error: never the whole glossary. */
export const MAX_SUGGESTIONS = 5;

/** A candidate a misspelt value may have meant: its id and, for glossary terms, its label. */
export interface Candidate {
  readonly id: string;
  readonly label?: string;
}

/** Levenshtein distance (insert, delete, replace = 1), over code points. */
export function editDistance(a: string, b: string): number {
  // Code points (Array.from), so a kanji or kana counts as one letter.
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[y.length] ?? 0;
}

function fold(text: string): string {
  return labelKey(text).trim().toLowerCase();
}

/** How far a value is from a candidate: the nearer of its id and its label, as a share of length. */
function distance(value: string, candidate: Candidate): number {
  const text = fold(value);
  const names = [candidate.id, ...(candidate.label === undefined ? [] : [candidate.label])];
  return Math.min(
    ...names.map((name) => {
      const folded = fold(name);
      // A label typed in part (「CIO補佐官」 for 「CIO補佐官等外部人材」) is as near as a typo.
      if (folded.includes(text) && text.length >= 2) return 0.1;
      return editDistance(text, folded) / Math.max(text.length, folded.length, 1);
    }),
  );
}

/**
 * The candidates nearest a misspelt value, nearest first, at most MAX_SUGGESTIONS: 「もしかして」 is
 * the first when it is close (at most a third of the letters differ), the rest are listed so the
 * error never needs the whole list.
 */
export function nearest(value: string, candidates: readonly Candidate[]): Nearest {
  // A ledger repeats its misspellings (one unknown cost type on thousands of lines): each distinct
  // value is ranked once per candidate list (term lists are built once per glossary, below).
  let known = rankings.get(candidates);
  if (known === undefined) rankings.set(candidates, (known = new Map<string, Nearest>()));
  let found = known.get(value);
  if (found === undefined) {
    found = rank(value, candidates);
    // Bounded: a ledger of ever-new values must not grow it without end.
    if (known.size >= MAX_RANKED) known.clear();
    known.set(value, found);
  }
  return found;
}

export interface Nearest {
  readonly guess: Candidate | undefined;
  readonly closest: readonly Candidate[];
}

const MAX_RANKED = 1_000;
const rankings = new WeakMap<readonly Candidate[], Map<string, Nearest>>();

function rank(value: string, candidates: readonly Candidate[]): Nearest {
  const ranked = candidates
    .map((candidate) => ({ candidate, score: distance(value, candidate) }))
    .sort((a, b) => a.score - b.score || a.candidate.id.localeCompare(b.candidate.id));
  const first = ranked[0];
  return Object.freeze({
    guess: first !== undefined && first.score <= 1 / 3 ? first.candidate : undefined,
    closest: Object.freeze(ranked.slice(0, MAX_SUGGESTIONS).map((entry) => entry.candidate)),
  });
}

/** 「cio-aide（CIO補佐官等外部人材）」 */
export function shownCandidate(candidate: Candidate): string {
  return candidate.label === undefined ? candidate.id : `${candidate.id}（${candidate.label}）`;
}

/**
 * What an unknown name was expected to be, with the nearest ids: 「用語集の事業（近いもの:
 * cio-aide（CIO補佐官等外部人材）、…。全 27 件は docs/glossary.md）」, and the 「もしかして」
 * hint for the message.
 */
export function expectedAmong(
  what: string,
  value: unknown,
  candidates: readonly Candidate[],
): { readonly expected: string; readonly hint: string } {
  const text = typeof value === 'string' ? value : '';
  const { guess, closest } = nearest(text, candidates);
  const listed = closest.map(shownCandidate).join('、');
  const more = candidates.length > closest.length ? ` ほか、全 ${candidates.length} 件` : '';
  return {
    expected: `${what}（近いもの: ${listed || 'なし'}${more}）`,
    hint: guess === undefined ? '' : `もしかして: ${shownCandidate(guess)}`,
  };
}

/** The terms of a glossary section as candidates. */
export function termCandidates(
  terms: Readonly<Record<string, { readonly label: string }>>,
): readonly Candidate[] {
  // Once per glossary section (rule sets are not changed after loading, docs/engine.md), so that
  // `nearest` finds its rankings by this list.
  let found = termLists.get(terms);
  if (found === undefined) {
    found = Object.freeze(
      Object.entries(terms).map(([id, term]) => Object.freeze({ id, label: term.label })),
    );
    termLists.set(terms, found);
  }
  return found;
}

const termLists = new WeakMap<object, readonly Candidate[]>();

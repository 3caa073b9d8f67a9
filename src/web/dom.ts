/// <reference lib="dom" />
/** Attributes of an element made by `el`: strings, or a listener for keys starting with "on". */
type Attributes = Readonly<Record<string, string | number | boolean | ((event: Event) => void)>>;

/**
 * An element with attributes and children. Text is always set as text (never parsed as HTML): a
 * ledger's memo or name cannot inject markup, and the page's CSP forbids inline handlers anyway.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === false) continue;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(child);
  }
  return element;
}

/** The element of an id the page's HTML is known to have. */
export function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}

/** What the queue's shortcuts need to know about the element a key went to. */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/** Inputs that take no text: a key pressed on them is free for the shortcuts (Space still toggles a checkbox). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/**
 * Whether a key pressed on `target` is someone typing (a text field, a select,
 * an editable region, an open dialog) and so not a shortcut. A row's checkbox
 * is not typing: after ticking one, j/k/x/c/d/e still work.
 */
export function isTyping(target: EventTarget | KeyTarget | null): boolean {
  const el = target as KeyTarget | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.closest?.('dialog[open]')) return true;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
  return tag === 'TEXTAREA' || tag === 'SELECT';
}

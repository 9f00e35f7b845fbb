import { describe, expect, it } from 'vitest';
import { isTyping, type KeyTarget } from './typing-target';

const el = (tagName: string, over: Partial<KeyTarget> = {}, inDialog = false): KeyTarget => ({
  tagName,
  isContentEditable: false,
  closest: (selector: string) => (inDialog && selector === 'dialog[open]' ? {} : null),
  ...over,
});

describe('isTyping: which keys belong to the queue’s shortcuts', () => {
  it('leaves the shortcuts working on a row’s checkbox, a radio and buttons', () => {
    expect(isTyping(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTyping(el('INPUT', { type: 'radio' }))).toBe(false);
    expect(isTyping(el('INPUT', { type: 'button' }))).toBe(false);
    expect(isTyping(el('BUTTON'))).toBe(false);
    expect(isTyping(el('TR'))).toBe(false);
    expect(isTyping(el('BODY'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it('treats text fields, number fields, selects and editable regions as typing', () => {
    expect(isTyping(el('INPUT'))).toBe(true);
    expect(isTyping(el('INPUT', { type: 'text' }))).toBe(true);
    expect(isTyping(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isTyping(el('INPUT', { type: 'number' }))).toBe(true);
    expect(isTyping(el('TEXTAREA'))).toBe(true);
    expect(isTyping(el('SELECT'))).toBe(true);
    expect(isTyping(el('DIV', { isContentEditable: true }))).toBe(true);
  });

  it('gives every key to an open dialog, its checkboxes and buttons included', () => {
    expect(isTyping(el('INPUT', { type: 'checkbox' }, true))).toBe(true);
    expect(isTyping(el('BUTTON', {}, true))).toBe(true);
    expect(isTyping(el('TEXTAREA', {}, true))).toBe(true);
  });
});

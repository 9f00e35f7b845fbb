'use client';
import { useState } from 'react';
import styles from './account.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

/** Characters shown before "Show more". */
export const PREVIEW_CHARS = 480;

/**
 * Attacker-written prompt text, shown as text: React escapes it, so markup
 * such as `<img src=x onerror=…>` or `<script>` appears literally and never
 * runs, and invisible or direction-changing characters show as ⟨U+XXXX⟩
 * (lib/text/visible-text.ts). Long prompts are cut with a toggle.
 */
export function PromptText({ text, omitted }: { text: string; omitted: number }) {
  const [open, setOpen] = useState(false);
  const long = text.length > PREVIEW_CHARS;
  const shown = showInvisibles(open || !long ? text : `${text.slice(0, PREVIEW_CHARS)}…`, { multiline: true });
  return (
    <div>
      <pre className={styles.promptText} data-testid="prompt-text">
        {shown}
      </pre>
      {open && omitted > 0 && <p className={styles.muted}>{omitted.toLocaleString('en-US')} more characters were not stored with the evidence.</p>}
      {long && (
        <button type="button" className={styles.showMore} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : `Show more (${(text.length - PREVIEW_CHARS).toLocaleString('en-US')} more characters)`}
        </button>
      )}
    </div>
  );
}

'use client';
/**
 * The top bar's search (press `/` anywhere but in a text field, and on a page
 * with a search of its own, the alert queue, that one's): accounts,
 * e-mail addresses, cards, IP addresses, subnets, client fingerprints, rings
 * and case ids. Arrow keys move through the hits, Enter opens one (the first
 * when none is chosen), Escape closes.
 */
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchResult } from '../../lib/identifiers/search';
import { kindName } from '../../lib/identifiers/kinds';
import { apiGet } from '../../lib/http/api-client';
import { showInvisibles } from '../../lib/text/visible-text';
import { isTyping } from '../alerts/typing-target';
import styles from './global-search.module.css';

const DEBOUNCE_MS = 150;

export function GlobalSearch() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(text.trim());
      setActive(-1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // A page with a search of its own (the alert queue's) keeps `/` for it.
      if (document.querySelector('[data-page-search]')) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const result = useQuery({
    queryKey: ['search', query],
    queryFn: () => apiGet<SearchResult>(`/api/search?q=${encodeURIComponent(query)}`),
    enabled: query.length > 0,
    staleTime: 10_000,
  });
  const hits = query.length > 0 && result.data?.query === query ? result.data.hits : [];

  const go = (href: string) => {
    setOpen(false);
    setText('');
    input.current?.blur();
    router.push(href);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(-1, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[active >= 0 ? active : 0];
      if (hit) go(hit.href);
    } else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  };

  const showList = open && text.trim().length > 0;
  return (
    <div className={styles.search} role="search">
      <input
        ref={input}
        type="search"
        className={styles.input}
        placeholder="Search accounts, cards, IPs, cases…  /"
        aria-label="Find accounts, identifiers and cases"
        aria-keyshortcuts="/"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        maxLength={200}
        data-testid="global-search"
      />
      {showList && (
        <ul id={listId} role="listbox" className={styles.list} aria-label="Search results" data-testid="search-results">
          {query !== text.trim() || result.isFetching ? (
            hits.length === 0 && <li className={styles.state}>Searching…</li>
          ) : result.isError ? (
            <li className={styles.state} role="alert">
              Search failed: {(result.error as Error).message}
            </li>
          ) : hits.length === 0 ? (
            <li className={styles.state}>Nothing matches “{showInvisibles(query)}”.</li>
          ) : null}
          {hits.map((h, i) => (
            <li
              key={`${h.type}:${h.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`${styles.hit} ${i === active ? styles.active : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                go(h.href);
              }}
              onMouseEnter={() => setActive(i)}
              data-testid="search-hit"
            >
              <span className={styles.type}>{kindName(h.type)}</span>
              <span className={styles.label} title={showInvisibles(h.label)}>
                {showInvisibles(h.label)}
              </span>
              <span className={styles.detail}>{showInvisibles(h.detail)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

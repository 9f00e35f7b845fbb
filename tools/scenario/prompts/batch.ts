/**
 * Enterprise batch jobs: one fixed instruction wrapped around one document,
 * sent thousands of times. Templated and machine-paced, yet not extraction:
 * the answers are a word or a few fields.
 */
import { Rng } from '../random';
import { invoice, review, supportTicket, transcript } from './filler';
import { LANGUAGES } from './banks';

export interface BatchJob {
  kind: 'classify' | 'extract' | 'sentiment' | 'summarise' | 'translate';
  prompt: (r: Rng) => string;
  /** Output tokens: [min, max]. */
  output: [number, number];
  maxTokens: number;
}

const CATEGORIES = ['billing, technical, account, shipping, other', 'refund, complaint, question, praise', 'urgent, normal, low'];

export function batchJob(r: Rng): BatchJob {
  const x = r.next();
  if (x < 0.4) {
    const cats = r.pick(CATEGORIES);
    return {
      kind: 'classify',
      prompt: (q) => `Classify the following customer support ticket into exactly one category: ${cats}. Reply with the category only.\n\nTicket: ${supportTicket(q)}`,
      output: [1, 4],
      maxTokens: r.pick([5, 10, 16]),
    };
  }
  if (x < 0.65) {
    return {
      kind: 'extract',
      prompt: (q) => `Extract the invoice number, date, vendor and total amount from the invoice below. Return JSON with keys invoice_no, date, vendor, total.\n\n${invoice(q)}`,
      output: [18, 30],
      maxTokens: r.pick([64, 100, 128]),
    };
  }
  if (x < 0.8) {
    return {
      kind: 'sentiment',
      prompt: (q) => `Is the sentiment of this product review positive, negative or neutral? Answer with one word.\n\nReview: ${review(q)}`,
      output: [1, 2],
      maxTokens: r.pick([3, 5, 8]),
    };
  }
  if (x < 0.93) {
    return {
      kind: 'summarise',
      prompt: (q) => `Summarize the following support call in three bullet points for the CRM.\n\n${transcript(q)}`,
      output: [60, 220],
      maxTokens: 300,
    };
  }
  const lang = r.pick(LANGUAGES);
  return {
    kind: 'translate',
    prompt: (q) => `Translate this customer review into ${lang}. Keep the meaning and tone, output only the translation.\n\n${review(q)}`,
    output: [15, 60],
    maxTokens: 128,
  };
}

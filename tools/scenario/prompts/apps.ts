/**
 * Products built on the API: each app has one fixed system prompt and the
 * kind of questions its end users type. App developers and the customers of
 * serverless platforms are both made of these.
 */
import { Rng } from '../random';
import * as B from './banks';
import { chatOpener } from './chat';
import { review, supportTicket } from './filler';
import { cap } from '../identities';

export interface AppKind {
  kind: string;
  system: (name: string, r: Rng) => string;
  user: (r: Rng) => string;
  /** Typical answer length in tokens. */
  output: number;
}

export const APP_KINDS: readonly AppKind[] = [
  {
    kind: 'recipes',
    system: (n) => `You are ChefBot, the cooking assistant inside the ${n} app. Only answer cooking questions. Keep answers under 200 words, list ingredients first, and suggest substitutions when something is missing.`,
    user: (r) => r.pick([
      () => `${r.pick(B.DISHES)}${r.pick(B.DIET)}`,
      () => `what can I make with ${r.pick(B.DISHES)} leftovers`,
      () => `substitute for ${r.pick(['eggs', 'butter', 'buttermilk', 'cream', 'yeast', 'soy sauce'])} in ${r.pick(B.DISHES)}?`,
      () => `how long do I cook ${r.pick(['chicken breast', 'salmon', 'rice', 'a 5kg turkey', 'hard boiled eggs'])}`,
    ])(),
    output: 260,
  },
  {
    kind: 'tutor',
    system: (n, r) => `You are a patient ${r.pick(B.LANGUAGES)} tutor in the ${n} app. Correct the learner's mistakes gently, explain the grammar rule in one sentence, and always end with a short practice question.`,
    user: (r) => r.pick([
      () => `how do I say "${r.pick(B.PHRASES)}"?`,
      () => `is this right: ${r.pick(['yo soy cansado', 'ich habe gegangen', "je suis allé à la plage hier", 'watashi wa gakusei desu', 'io ho andato'])}`,
      () => `explain the difference between ${r.pick(['ser and estar', 'der die das', 'passé composé and imparfait', 'wa and ga', 'por and para'])}`,
      () => `give me ${r.intIn(3, 10)} words about ${r.pick(['food', 'travel', 'work', 'family', 'weather'])}`,
    ])(),
    output: 180,
  },
  {
    kind: 'support',
    system: (n, r) => `You are the customer support assistant for ${n}, an online ${r.pick(['electronics', 'fashion', 'furniture', 'pet supplies', 'outdoor gear'])} store. Be concise and friendly. Never promise refunds; point customers to the returns page. Escalate to a human if the customer is angry.`,
    user: supportTicket,
    output: 140,
  },
  {
    kind: 'travel',
    system: (n) => `You are ${n}'s trip planner. Produce day-by-day itineraries with approximate costs. Ask for dates and budget if missing. Do not book anything.`,
    user: (r) => `${r.intIn(2, 14)} days in ${r.pick(B.CITIES)}${r.pick(['', ' with kids', ', budget ' + r.pick(B.PRICES), ' in ' + r.pick(B.MONTHS), ', we love food and museums'])}`,
    output: 520,
  },
  {
    kind: 'fitness',
    system: (n) => `You are Coach, the AI trainer in ${n}. Give safe, progressive workout advice. Never give medical diagnoses; recommend seeing a professional for pain or injuries.`,
    user: (r) => r.pick([
      () => `workout for ${r.pick(['legs', 'back', 'core', 'full body', 'shoulders'])}, ${r.intIn(15, 60)} min, ${r.pick(['no equipment', 'dumbbells only', 'gym'])}`,
      () => `is it ok to ${r.pick(['run every day', 'train fasted', 'skip stretching', 'lift with sore muscles'])}?`,
      () => `how much protein for ${r.intIn(50, 110)}kg ${r.pick(['woman', 'man', 'teen', 'runner'])}`,
    ])(),
    output: 240,
  },
  {
    kind: 'listing',
    system: (n) => `You write real-estate listings for agents using ${n}. Output a title and a 120-word description. Highlight features, avoid discriminatory language, no exaggerated claims.`,
    user: (r) => `${r.intIn(1, 5)} bed ${r.intIn(1, 3)} bath ${r.pick(['apartment', 'house', 'townhouse', 'loft', 'bungalow'])}, ${r.intIn(45, 300)} m2, ${r.pick(['renovated kitchen', 'garden', 'balcony', 'near metro', 'garage', 'sea view'])}, ${r.pick(['quiet street', 'top floor', 'new windows', 'pets allowed'])}`,
    output: 190,
  },
  {
    kind: 'sql',
    system: (n) => `You are the SQL assistant of ${n}, a BI tool. The warehouse is PostgreSQL. Tables: orders(id, customer_id, total, created_at), customers(id, name, country, plan), refunds(order_id, amount). Return only one SQL query in a code block.`,
    user: (r) => r.pick(B.SQL_TASKS) + r.pick(['', ' by country', ' for 2026', ', exclude test accounts']),
    output: 90,
  },
  {
    kind: 'email',
    system: (n) => `You are the reply assistant in ${n}. Draft a reply to the email the user pastes, in the user's voice, matching the tone of the original. Keep it short.`,
    user: (r) => `reply to this, ${r.pick(B.TONES)}: "${supportTicket(r)}"`,
    output: 150,
  },
  {
    kind: 'stories',
    system: (n) => `You are StoryTime in ${n}. Write gentle bedtime stories for children aged 3-8. No violence, no scary endings, 300 words at most.`,
    user: (r) => `a story about a ${r.pick(B.PETS)} who ${r.pick(['is afraid of the dark', 'wants to fly', 'loses a tooth', 'makes a new friend', 'goes to the moon'])}${r.pick(['', ', my son is called ' + cap(r.pick(['leo', 'mila', 'sam', 'noor', 'ben'])), ' please'])}`,
    output: 380,
  },
  {
    kind: 'npc',
    system: (n, r) => `You are ${r.pick(['Mira', 'Old Tom', 'Captain Vell', 'Sister Ash'])}, a ${r.pick(['blacksmith', 'innkeeper', 'ship captain', 'herbalist'])} in the game ${n}. Stay in character. Speak in short lines. Never mention that you are an AI.`,
    user: (r) => r.pick(['hello', 'what do you sell', 'any rumors?', 'I need a sword', 'tell me about the old mine', 'where is the castle', 'can I sleep here', 'who are you']) + r.pick(['', '?', '!', ' friend']),
    output: 70,
  },
  {
    kind: 'reviews',
    system: (n) => `You help shop owners using ${n} answer product reviews. Write a polite public reply of at most 3 sentences. Thank positive reviewers, apologise and offer help to negative ones.`,
    user: review,
    output: 80,
  },
  {
    kind: 'general',
    system: (n) => `You are ${n}, a helpful assistant. Answer clearly and briefly.`,
    user: chatOpener,
    output: 300,
  },
];

const APP_WORDS = ['Pocket', 'Daily', 'Smart', 'Hey', 'My', 'Go', 'Tiny', 'Kitchen', 'Trip', 'Lingo', 'Fit', 'Nest', 'Quill', 'Echo', 'Sprout'];
const APP_TAILS = ['Pal', 'ly', 'Buddy', 'Mate', 'Hub', 'Wise', 'Genie', 'Flow', 'Spark', 'Box', 'io', 'Lab'];

export interface App {
  kind: AppKind;
  name: string;
  system: string;
}

export function app(r: Rng, kind: AppKind = r.pick(APP_KINDS)): App {
  const name = r.pick(APP_WORDS) + r.pick(APP_TAILS);
  return { kind, name, system: kind.system(name, r) };
}

/**
 * Everyday prompts: people chatting, students doing homework, office staff
 * getting through their day. Many sentence shapes, filled from word banks,
 * with the small inconsistencies of real typing (case, greetings, sign-offs).
 */
import { Rng } from '../random';
import * as B from './banks';
import { mathProblem } from './problems';
import { paragraph } from './filler';

type Shape = (r: Rng) => string;

// Combined banks, built once rather than on every prompt.
const POEM_SUBJECTS = [...B.PETS, ...B.CITIES, 'mondays', 'coffee', 'the sea', 'my sister'];
const FACT_SUBJECTS = [...B.PETS, ...B.DISHES, ...B.CITIES];
const ALTERNATIVES = [...B.CITIES, ...B.DISHES, ...B.PRODUCTS, ...B.CONCEPTS];
const CONSTRAINTS = [...B.PURPOSES, 'kids', 'a dog', 'a car', 'meat', 'spending money'];

const GREETINGS = ['', '', '', '', 'hey ', 'hi, ', 'quick question: ', 'ok so ', 'Hello! ', 'Hi there. ', 'question - ', 'pls help, ', 'hmm '];
const SIGNOFFS = ['', '', '', '', ' thanks', ' thank you!', ' keep it short', ' in bullet points please', " (I'm a beginner)", ' be honest', ' :)', ' ty'];

const OPENERS: Shape[] = [
  (r) => `what's a good ${r.pick(B.DISHES)} recipe for ${r.intIn(2, 8)} people${r.pick(B.DIET)}?`,
  (r) => `can you help me write a ${r.pick(B.DOC_TYPES)} to my ${r.pick(B.RELATIONS)} about ${r.pick(B.SUBJECTS)}`,
  (r) => `I'm going to ${r.pick(B.CITIES)} in ${r.pick(B.MONTHS)} for ${r.intIn(2, 12)} days. What should I ${r.pick(['see', 'do', 'eat', 'skip', 'pack'])}?`,
  (r) => `explain ${r.pick(B.CONCEPTS)} like I'm ${r.pick(B.AGES)}`,
  (r) => `why ${r.pick(B.PHENOMENA)}?`,
  (r) => `my ${r.pick(B.DEVICES)} keeps ${r.pick(B.DEVICE_PROBLEMS)}.${r.pick(B.TRIED)}`,
  (r) => `give me ${r.intIn(3, 15)} ideas for ${r.pick(B.OCCASIONS)}`,
  (r) => `how do you say "${r.pick(B.PHRASES)}" in ${r.pick(B.LANGUAGES)}?`,
  (r) => `is it normal that ${r.pick(B.SITUATIONS)}?`,
  (r) => { const [a, b] = r.pick(B.COMPARE_PAIRS); return `${a} or ${b} for ${r.pick(B.PURPOSES)}?`; },
  (r) => `summarize this for me: ${paragraph(r, r.intIn(3, 9))}`,
  (r) => `recommend some ${r.pick(B.GENRES)} ${r.pick(B.MEDIA)} similar to ${r.pick(B.TITLES)}`,
  (r) => `I earn ${r.intIn(18, 95) * 100} a month and rent is ${r.intIn(5, 25) * 100}. How should I ${r.pick(['start saving', 'pay off my credit card', 'budget for a holiday', 'invest the rest'])}?`,
  (r) => `what's a ${r.intIn(4, 16)}-week plan to ${r.pick(['run a 10k', 'lose 5 kg', 'do 20 pull-ups', 'get more flexible', 'sleep better'])} if I ${r.pick(['work nights', 'have bad knees', 'only have 20 minutes a day', 'am over 50', 'have never exercised'])}`,
  (r) => `what happened during ${r.pick(B.HISTORY)} and why did it matter?`,
  (r) => `is this sentence correct: "${paragraph(r, 1)}"`,
  (r) => `make this sound more ${r.pick(B.TONES)}: ${paragraph(r, r.intIn(1, 3))}`,
  (r) => `my ${r.pick(B.PETS)} ${r.pick(B.PET_PROBLEMS)}, should I be worried?`,
  (r) => `when should I plant ${r.pick(B.PLANTS)} in ${r.pick(B.REGIONS)}?`,
  (r) => `how do I ${r.pick(B.CAREER)}?`,
  (r) => `what is ${r.intIn(3, 40)}% of ${r.intIn(20, 5000)}`,
  (r) => `write a short ${r.pick(B.POEM_TYPES)} about ${r.pick(POEM_SUBJECTS)}`,
  (r) => `name ideas for my ${r.pick(B.THINGS_TO_NAME)}${r.pick(['', ', something short', ', funny ones', ' that sounds ' + r.pick(B.TONES)])}`,
  (r) => `what are the arguments for and against ${r.pick(B.ISSUES)}?`,
  (r) => `what should I look for when buying a ${r.pick(B.PRODUCTS)} under ${r.pick(B.PRICES)}?`,
  (r) => `Can you tell me ${r.pick(['a joke about', 'a fun fact about', 'the history of', 'something surprising about'])} ${r.pick(FACT_SUBJECTS)}?`,
  (r) => `I have ${r.pick(['eggs, spinach and feta', 'rice, beans and a tomato', 'chicken thighs and lemons', 'leftover pasta'])}. what can I make?`,
  (r) => `${r.pick(['help', 'Help me', 'need help'])} planning ${r.pick(B.OCCASIONS)}, budget ${r.pick(B.PRICES)}`,
];

export function chatOpener(r: Rng): string {
  let s = r.pick(GREETINGS) + r.pick(OPENERS)(r) + r.pick(SIGNOFFS);
  if (r.chance(0.35)) s = s.toLowerCase();
  else s = s.charAt(0).toUpperCase() + s.slice(1);
  return s;
}

const FOLLOW_UPS: Shape[] = [
  (r) => r.pick(['can you make it shorter?', 'shorter please', 'too long, cut it in half', 'can you simplify that']),
  (r) => `make it more ${r.pick(B.TONES)}`,
  (r) => `what about ${r.pick(ALTERNATIVES)} instead?`,
  (r) => `thanks! and ${chatOpener(r).toLowerCase()}`,
  (r) => r.pick(['why?', 'are you sure?', 'really?', 'how do you know that', 'source?', 'hm that seems wrong']),
  (r) => `can you explain the ${r.pick(['first', 'second', 'third', 'last'])} point again`,
  (r) => r.pick(['give me an example', 'example please', 'can you show me an example of that?']),
  (r) => `translate that into ${r.pick(B.LANGUAGES)}`,
  (r) => `ok now ${r.pick(['put it in a table', 'turn it into a checklist', 'write it as an email', 'add prices', 'make a shopping list from it', 'give me a day by day version'])}`,
  (r) => `that didn't work. it's still ${r.pick(B.DEVICE_PROBLEMS)}`,
  (r) => r.pick(['perfect, thanks', 'great', 'nice, one more thing', 'lol', 'ok', 'cool']) + ` ${r.pick(['', 'what else should I know?', 'anything I missed?', 'what would you do?'])}`,
  (r) => `I meant ${r.pick(['for', 'with', 'without'])} ${r.pick(CONSTRAINTS)}`,
];

export function chatFollowUp(r: Rng): string {
  if (r.chance(0.15)) return chatOpener(r);
  return r.pick(FOLLOW_UPS)(r);
}

const HOMEWORK: Shape[] = [
  (r) => `explain ${r.pick(B.CONCEPTS)} for my ${r.pick(B.COURSES)} class`,
  (r) => `solve ${mathProblem(r)} and show the steps`,
  (r) => `help me outline an essay on ${r.pick(B.ESSAY_TOPICS)}, ${r.intIn(3, 12) * 250} words`,
  (r) => { const [a, b] = r.pick(B.COMPARE_PAIRS); return `what's the difference between ${a} and ${b}? need it for ${r.pick(B.COURSES)}`; },
  (r) => `why does my code give ${r.pick(['IndexError: list index out of range', 'a segmentation fault', 'NaN', 'TypeError: undefined is not a function', 'an infinite loop'])}?\n\n${r.pick(CODE_SNIPPETS)}`,
  (r) => `check my answer: ${mathProblem(r)} I got ${r.intIn(-50, 500)}`,
  (r) => `summarize chapter ${r.intIn(1, 24)} of ${r.pick(B.BOOKS)}`,
  (r) => `give me ${r.intIn(5, 20)} practice questions on ${r.pick(B.CONCEPTS)}`,
  (r) => `what are the main themes in ${r.pick(B.BOOKS)}? ${r.pick(['', 'with quotes', 'for my essay', 'in simple words'])}`,
  (r) => `is this thesis statement good: "${paragraph(r, 1)}"`,
  (r) => `can you quiz me on ${r.pick(B.COURSES)} ${r.pick(['chapter ' + r.intIn(1, 15), 'for the midterm', 'flashcard style'])}`,
];

const CODE_SNIPPETS = [
  'for i in range(len(xs)+1):\n    print(xs[i])',
  'int main() { int *p; *p = 5; printf("%d", *p); }',
  'const total = items.reduce((a, b) => a + b.price) / items.length',
  'while (n != 1) { if (n % 2) n = 3*n+1; else n /= 2; }',
  'def mean(xs):\n    return sum(xs) / len(xs)\nprint(mean([]))',
];

export function homework(r: Rng): string {
  const s = r.pick(HOMEWORK)(r);
  return r.chance(0.5) ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

const OFFICE: Shape[] = [
  (r) => `draft an email to ${r.pick(B.RECIPIENTS)} about ${r.pick(B.WORK_SUBJECTS)}${r.pick(['', ', keep it ' + r.pick(B.TONES), ', max 5 sentences'])}`,
  (r) => `summarize these meeting notes: ${paragraph(r, r.intIn(4, 12))}`,
  (r) => `write an excel formula that ${r.pick(B.FORMULA_TASKS)}`,
  (r) => `rewrite this for ${r.pick(['executives', 'customers', 'engineers', 'a press release', 'our newsletter'])}: ${paragraph(r, r.intIn(2, 5))}`,
  (r) => `create an agenda for a ${r.pick([15, 30, 45, 60, 90])}-minute meeting about ${r.pick(B.WORK_SUBJECTS)}`,
  (r) => `what's a polite way to tell ${r.pick(B.RECIPIENTS)} that ${r.pick(['we missed the deadline', 'the budget was cut', 'their invoice is wrong', 'we are going with another vendor'])}`,
  (r) => `translate to ${r.pick(B.LANGUAGES)}: ${paragraph(r, r.intIn(1, 3))}`,
  (r) => `write a SQL query that ${r.pick(B.SQL_TASKS)}`,
  (r) => `give me talking points for ${r.pick(B.WORK_SUBJECTS)}`,
  (r) => `make a checklist for ${r.pick(B.PROCESSES)}`,
  (r) => `Proofread: ${paragraph(r, r.intIn(2, 6))}`,
  (r) => `brainstorm ${r.intIn(3, 10)} taglines for ${r.pick(B.WORK_SUBJECTS)}`,
  (r) => `help me prepare for a 1:1 with ${r.pick(['my manager', 'a report who is struggling', 'a new teammate'])}`,
];

export function officeTask(r: Rng): string {
  const s = r.pick(OFFICE)(r);
  return r.chance(0.4) ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

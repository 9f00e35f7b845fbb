/**
 * Problems by capability area: the raw material of benchmark sweeps, of
 * homework, and of extraction campaigns alike (attackers want exactly the
 * capabilities that benchmarks measure).
 */
import { Rng } from '../random';
import { CITIES, LANGUAGES, PHRASES } from './banks';
import { paragraph } from './filler';

export const AREAS = ['coding', 'math', 'reasoning', 'tool_use', 'agentic', 'computer_use', 'vision', 'writing', 'multilingual'] as const;
export type Area = (typeof AREAS)[number];

export function mathProblem(r: Rng): string {
  switch (r.int(8)) {
    case 0: return `x^2 - ${r.intIn(2, 20)}x + ${r.intIn(1, 60)} = 0`;
    case 1: return `a train leaves ${r.pick(CITIES)} at ${r.intIn(6, 11)}:${r.pick(['00', '15', '30', '45'])} going ${r.intIn(60, 180)} km/h and another leaves ${r.intIn(80, 600)} km away at ${r.intIn(70, 200)} km/h towards it. when do they meet?`;
    case 2: return `the probability of rolling at least one ${r.intIn(1, 6)} in ${r.intIn(2, 8)} rolls of a fair die`;
    case 3: return `the integral of x^${r.intIn(2, 6)} * e^(${r.intIn(2, 5)}x) dx`;
    case 4: return `${r.intIn(2, 99)}^${r.intIn(10, 200)} mod ${r.pick([7, 11, 13, 17, 19, 23, 97])}`;
    case 5: return `the sum of the first ${r.intIn(10, 500)} odd numbers divisible by ${r.intIn(3, 9)}`;
    case 6: return `the area of a triangle with sides ${r.intIn(3, 20)}, ${r.intIn(3, 20)} and ${r.intIn(5, 25)}`;
    default: return `the number of ways to arrange the letters of ${r.pick(['BANANA', 'MISSISSIPPI', 'STATISTICS', 'COMMITTEE', 'BOOKKEEPER'])} so that no two vowels are adjacent`;
  }
}

const FN_SPECS = [
  'returns the longest palindromic substring of a string', 'merges k sorted linked lists', 'parses an ISO-8601 duration into seconds',
  'finds the shortest path in a weighted grid with obstacles', 'implements an LRU cache with O(1) operations',
  'validates a Sudoku board', 'computes the edit distance between two strings', 'serializes and deserializes a binary tree',
  'rate-limits calls with a token bucket', 'detects a cycle in a directed graph', 'evaluates an arithmetic expression with parentheses',
  'finds all anagram groups in a word list', 'implements a trie with prefix search', 'schedules tasks with dependencies (topological sort)',
  'computes the median of a data stream', 'diffs two JSON documents', 'renders a Markdown table from rows', 'retries an HTTP call with exponential backoff',
];
const PROG_LANGS = ['Python', 'TypeScript', 'Rust', 'Go', 'Java', 'C++', 'Kotlin', 'C#'];

export function codingProblem(r: Rng): string {
  return `${r.pick(['Write', 'Implement', 'Create'])} a ${r.pick(PROG_LANGS)} function that ${r.pick(FN_SPECS)}.`;
}

export function reasoningPuzzle(r: Rng): string {
  switch (r.int(5)) {
    case 0: return `On an island, knights always tell the truth and knaves always lie. ${r.pick(['A', 'Ada'])} says "${r.pick(['B is a knave', 'we are both knights', 'exactly one of us is a knight'])}". ${r.pick(['B', 'Bo'])} says "${r.pick(['A is a knight', 'A is lying', 'I am a knave or A is a knight'])}". Who is what?`;
    case 1: return `${r.intIn(4, 7)} people sit around a round table. ${r.pick(['Alice', 'Ben', 'Chen'])} sits next to ${r.pick(['Dana', 'Eli', 'Fay'])}, who is not next to ${r.pick(['Gus', 'Hana', 'Ivo'])}. How many seatings are possible?`;
    case 2: return `If all ${r.pick(['blims', 'zorps', 'quads'])} are ${r.pick(['glerks', 'fems', 'tols'])} and some ${r.pick(['glerks', 'fems', 'tols'])} are not ${r.pick(['wups', 'rans'])}, which conclusions follow?`;
    case 3: return `A farmer must cross a river with a ${r.pick(['wolf', 'fox', 'dog'])}, a ${r.pick(['goat', 'chicken', 'sheep'])} and ${r.pick(['cabbages', 'grain', 'seeds'])} in a boat that carries ${r.intIn(1, 2)} item(s). What is the minimum number of crossings?`;
    default: return `You have ${r.intIn(8, 12)} coins, one counterfeit of unknown weight, and a balance scale. Find it in ${r.intIn(3, 4)} weighings.`;
  }
}

const TOOLS = ['search_flights', 'book_hotel', 'get_weather', 'send_email', 'query_database', 'create_calendar_event', 'run_python', 'fetch_url', 'read_file', 'write_file', 'create_ticket', 'convert_currency'];

export function toolTask(r: Rng): string {
  const a = r.pick(TOOLS);
  const b = r.pick(TOOLS);
  return `${r.pick(['Using the tools', 'With the available functions', 'Call the tools'])} ${a} and ${b}, ${r.pick([
    `plan a ${r.intIn(2, 6)}-day trip to ${r.pick(CITIES)} under ${r.intIn(8, 40) * 100} dollars`,
    `find every customer with an overdue invoice and email them a reminder`,
    `compare the weather in ${r.pick(CITIES)} and ${r.pick(CITIES)} next week and book a meeting where it is sunny`,
    `download the CSV at the given URL, compute monthly totals and write a report`,
    `open a ticket for each failing health check and assign it to the on-call engineer`,
  ])}.`;
}

export function agenticGoal(r: Rng): string {
  return r.pick([
    `migrate the ${r.pick(['payments', 'auth', 'search', 'billing', 'notifications'])} service from ${r.pick(['Express', 'Flask', 'Rails'])} to ${r.pick(['Fastify', 'FastAPI', 'Go'])} without downtime`,
    `find and fix the flaky test in the ${r.pick(['checkout', 'ingest', 'scheduler', 'parser'])} module, then open a pull request`,
    `set up CI that runs lint, unit tests and a ${r.pick(['Docker', 'Terraform', 'Helm'])} build on every push`,
    `research the ${r.intIn(3, 10)} most cited papers on ${r.pick(['retrieval augmentation', 'protein folding', 'battery chemistry', 'sparse attention'])} and write a summary`,
    `reproduce the bug in issue #${r.intIn(100, 9999)}, write a failing test and fix it`,
    `add pagination and caching to the ${r.pick(['orders', 'users', 'products', 'events'])} API endpoint`,
  ]);
}

export function computerUseTask(r: Rng): string {
  return r.pick([
    `open the spreadsheet "${r.pick(['Q3 sales', 'inventory', 'payroll draft', 'leads'])}.xlsx", filter rows where ${r.pick(['region is EMEA', 'amount > 1000', 'status is open'])} and export the result as PDF`,
    `in the browser, go to the ${r.pick(['airline', 'bank', 'DMV', 'utility'])} website, fill in the form with the details from the email and submit it`,
    `change the display resolution to ${r.pick(['1920x1080', '2560x1440'])} and enable night mode in system settings`,
    `rename every photo in the Downloads folder by the date it was taken and move them into monthly folders`,
    `log into the admin dashboard, find the user ${r.pick(['jdoe', 'mlee', 'akumar'])} and reset their two-factor setup`,
  ]);
}

const IMAGES = ['receipt_0412.jpg', 'bar_chart_q3.png', 'street_scene_118.jpg', 'handwritten_note_77.png', 'circuit_diagram_9.png', 'floorplan_12.png', 'screenshot_settings.png', 'whiteboard_0931.jpg', 'menu_photo_22.jpg', 'xray_hand_41.png'];

export function visionTask(r: Rng): string {
  return `[image: ${r.pick(IMAGES).replace(/\d+/, String(r.intIn(1, 9999)))}] ${r.pick([
    'What is written in this image?', 'Describe everything in this picture in detail.', 'What trend does this chart show?',
    'Count the objects and give their positions.', 'Convert this diagram into a structured description.', 'What is the total on the receipt?',
    'Which element on the screen should be clicked to change the language?',
  ])}`;
}

export function writingTask(r: Rng): string {
  return `Write a ${r.pick(['short story', 'persuasive essay', 'product description', 'cover letter', 'news article', 'dialogue', 'poem'])} about ${r.pick(['a lighthouse keeper', 'remote work', 'a lost dog', 'climate migration', 'a chess prodigy', 'an AI that learns to paint', 'a small bakery'])} in ${r.intIn(1, 8) * 100} words.`;
}

export function multilingualTask(r: Rng): string {
  return r.pick([
    `Translate into ${r.pick(LANGUAGES)}: ${paragraph(r, r.intIn(1, 3))}`,
    `¿Puedes explicar cómo funciona ${r.pick(['la fotosíntesis', 'la inflación', 'un motor eléctrico'])}?`,
    `Erkläre bitte den Unterschied zwischen ${r.pick(['Wetter und Klima', 'Zins und Rendite', 'Virus und Bakterie'])}.`,
    `请解释一下${r.pick(['量子计算', '区块链', '通货膨胀'])}的基本原理。`,
    `日本語で説明してください: ${r.pick(PHRASES)}`,
    `Traduis en anglais : « ${r.pick(['le rendez-vous est reporté', 'je voudrais réserver une table', 'merci pour votre aide'])} »`,
  ]);
}

/** A problem of the given capability area. */
export function problemOf(area: Area, r: Rng): string {
  switch (area) {
    case 'coding': return codingProblem(r);
    case 'math': return `Compute ${mathProblem(r)}.`;
    case 'reasoning': return reasoningPuzzle(r);
    case 'tool_use': return toolTask(r);
    case 'agentic': return `Goal: ${agenticGoal(r)}.`;
    case 'computer_use': return `Task: ${computerUseTask(r)}.`;
    case 'vision': return visionTask(r);
    case 'writing': return writingTask(r);
    default: return multilingualTask(r);
  }
}

/** Areas whose requests normally carry tool definitions. */
export function usesTools(area: Area): boolean {
  return area === 'tool_use' || area === 'agentic' || area === 'computer_use';
}

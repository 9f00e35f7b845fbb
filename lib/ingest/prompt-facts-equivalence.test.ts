/**
 * The facts a prompt yields (template, flags, capability, with its system
 * prompt) are what detection reads; the word lookup in tokenize was rewritten
 * for speed (no substring per word). This pins that the facts did not change:
 * every prompt of the bench's independent file and of a generated scenario,
 * plus hand-made edge cases and random text, gives the same facts as the
 * implementation before the rewrite, kept below verbatim as the reference
 * (only here, never imported by the product).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../tools/scenario/generate';
import { writeIndependentFile } from '../../tools/bench/independent-file';
import { CAPABILITIES, PromptFlag, type Capability } from '../domain';
import { hash32 } from './fingerprint';
import { promptFacts, skeleton } from './prompt-facts';

interface Exchange {
  prompt: string;
  tool_count?: number | null;
  system_prompt?: string | null;
}

function events(file: string): Exchange[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"type":"event"'))
    .map((l) => JSON.parse(l) as Exchange);
}

function mismatches(corpus: Exchange[]): Exchange[] {
  return corpus.filter((e) => {
    const a = promptFacts(e.prompt, e.tool_count ?? 0, e.system_prompt);
    const b = reference.promptFacts(e.prompt, e.tool_count ?? 0, e.system_prompt);
    return a.template !== b.template || a.flags !== b.flags || a.capability !== b.capability;
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dw-facts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prompt facts are those of the implementation before the no-substring tokenizer', () => {
  it('on every prompt of the independent bench file (unique prompts, long tail)', async () => {
    const file = path.join(dir, 'independent.ndjson');
    await writeIndependentFile({ out: file, events: 30_000, seed: 7 });
    const corpus = events(file);
    expect(corpus.length).toBe(30_000);
    expect(mismatches(corpus)).toEqual([]);
  });

  it('on every prompt of a generated scenario (templates, campaigns, system prompts)', async () => {
    const file = path.join(dir, 'scenario.ndjson');
    await generateScenario({ out: file, scale: 0.01, seed: 'facts' });
    const corpus = events(file);
    expect(corpus.length).toBeGreaterThan(10_000);
    expect(mismatches(corpus)).toEqual([]);
  });

  it('on edge cases: case, digits, punctuation hints, non-ASCII, long words and long prompts', () => {
    const cases = [
      '', ' ', '.', 'a', 'I', 'C', 'c++ and c# code', 'A1b2C3 step2step STEP-BY-STEP', '<THINKING>x</THINKING>',
      'Ünïcödé wörds — step by step, ΣΧΕΔΙΟ', 'x'.repeat(5000) + ' think step by step', 'reasoningreasoningreasoningreasoning',
      'orchestrating orchestration orchestrate', 'what * is + 2 / 3 ^ 4 - 5', '`code` ```js\nfunction f() {}\n```',
      'Rate this essay on a scale of 1 to 10', 'tags: wrap it in xml', 'non-harmful rewrite, please', 'step\nby\nstep',
      'Translate into French: ' + 'bonjour '.repeat(400) + ' and give the answer only',
    ];
    const corpus: Exchange[] = cases.flatMap((prompt) => [
      { prompt }, { prompt, tool_count: 2 }, { prompt: prompt.toUpperCase() },
      { prompt: 'Hello there', system_prompt: prompt },
    ]);
    expect(mismatches(corpus)).toEqual([]);
    for (const p of cases) expect(skeleton(p.toLowerCase())).toBe(reference.skeleton(p.toLowerCase()));
  });

  it('on random text built from hint words, skeleton words, digits and punctuation', () => {
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const pieces = ['step', 'by', 'think', 'reasoning', 'rubric', 'score', 'the', 'a', 'python', 'code', 'safe', 'version',
      'image', 'what', 'is', 'translate', 'french', 'tags', '<', '>', '`', '*', '+', '-', '.', ':', '?', '!', '\n', '42',
      'zebra', 'Xylophone', 'policy', 'json', 'answer', 'only', 'é', 'steps', 'stepstep', 'walk', 'me', 'through', 'your'];
    const corpus: Exchange[] = [];
    for (let i = 0; i < 5000; i++) {
      const words = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => pieces[Math.floor(rnd() * pieces.length)]);
      corpus.push({ prompt: words.join(rnd() < 0.5 ? ' ' : '') });
    }
    expect(mismatches(corpus)).toEqual([]);
  });

  it('the comparison can fail: a changed skeleton changes the template', () => {
    const a = reference.promptFacts('Explain step by step how to solve this');
    expect(promptFacts('Explain step by step how to prove this').template).not.toBe(a.template);
  });
});

/* ------------------------------------------------------------------------------------------
 * The reference: lib/ingest/prompt-facts.ts as it was before the rewrite (commit 7c360dc),
 * verbatim apart from the exports.
 * ---------------------------------------------------------------------------------------- */
const reference = (() => {
const HEAD_CHARS = 1200;
const TAIL_CHARS = 300;
const SKELETON_CHARS = 240;
const SKELETON_WORDS = 14;

interface PromptFacts {
  template: number;
  flags: number;
  capability: number;
}

// Words that carry an instruction's shape survive in the skeleton; content
// words (names, topics, numbers) are masked, so slot-filled variations of one
// template share a fingerprint while different sentence shapes do not.
const KEEP = new Set(
  (
    'a an the of to in on for with by from as at is are be was it this that these those and or but not no ' +
    'what how why when where which who whom whose can could would should will do does did please you your i me my we our ' +
    'step steps reasoning reason think thinking thought process explain explanation show work answer answers question ' +
    'write rewrite rephrase translate summarize summarise classify label extract list give provide describe compare ' +
    'solve compute calculate prove evaluate grade score rate rubric judge assess review ' +
    'function code program script class test bug fix implement refactor tool tools call use using ' +
    'only just one word single json format output return tags tag wrap inside between ' +
    'full complete detailed each every all first then finally previous above earlier again repeat ' +
    'safe safer harmless version response following text into english'
  ).split(' '),
);


interface Rule<T> {
  value: T;
  /**
   * Words (lower-case, whole tokens) of which one must occur before `re` is
   * tried. Single punctuation characters count as tokens too ('<', '`').
   */
  hints: string[];
  /** Applied to lower-cased text. */
  re: RegExp;
}

const FLAG_RULES: Rule<number>[] = [
  {
    value: PromptFlag.COT,
    hints: ['step', 'steps', 'chain', 'reasoning', 'reason', 'thought', 'thoughts', 'thinking', 'think', 'monologue', 'show', 'walk', 'intermediate'],
    re: /step[- ]by[- ]step|chain[- ]of[- ]thought|(?:full|complete|entire|detailed|internal|inner)\s+(?:reasoning|thought|thinking|monologue)|thought process|reasoning process|show (?:all |every |each )?(?:of )?(?:your|the) (?:work|reasoning|steps|thinking)|think (?:out loud|aloud|through (?:it|this|each))|explain (?:your|each|every) (?:reasoning|step)|walk me through (?:your|the) (?:reasoning|thinking)|every intermediate step/,
  },
  {
    value: PromptFlag.RUBRIC,
    hints: ['rubric', 'grade', 'grading', 'grader', 'score', 'rate', 'judge', 'evaluator'],
    re: /rubric|grading criteria|\bgrade (?:this|the|each|following)|score (?:this|the|each|following)\b.{0,60}(?:scale|out of|from \d|\d\s*(?:-|to)\s*\d)|rate (?:this|the|each).{0,60}(?:scale|out of|\d\s*(?:-|to)\s*\d)|act as (?:a |an )?(?:judge|grader|evaluator)|as an? (?:impartial )?(?:judge|grader|evaluator)/,
  },
  {
    value: PromptFlag.SAFE_REWRITE,
    hints: ['safe', 'safer', 'harmless', 'appropriate', 'compliant', 'policy', 'sanitized', 'sanitised', 'non'],
    re: /(?:rewrite|rephrase|revise|reword)\b.{0,80}\b(?:safe|safer|harmless|appropriate|compliant|policy|non-harmful|sanitized|sanitised)|(?:safe|sanitized|sanitised|harmless) (?:version|rewrite|alternative)/,
  },
  {
    value: PromptFlag.REASONING_REPLAY,
    hints: ['reasoning', 'thought', 'thoughts', 'thinking', 'chain', 'analysis', 'scratchpad'],
    re: /(?:repeat|replay|restate|reproduce|translate|copy|recite)\b.{0,50}\b(?:previous|earlier|above|prior|your|last) (?:reasoning|thoughts?|thinking|chain|analysis|scratchpad)/,
  },
  {
    value: PromptFlag.REASONING_TAGS,
    hints: ['<', 'tag', 'tags', 'xml'],
    re: /<\s*\/?\s*(?:thinking|think|scratchpad|reasoning|thoughts?|analysis)\s*>|(?:wrap|enclose|put|place)\b.{0,60}\b(?:tags?|xml)/,
  },
  {
    value: PromptFlag.MARKUP,
    hints: ['<', 'javascript', 'onerror', 'onload', 'onclick', 'onmouseover'],
    re: /<\s*(?:script|img|iframe|svg|a|div|style|object|embed|link|meta)\b|javascript:|\bon[a-z]+\s*=/,
  },
  {
    value: PromptFlag.SHORT_ANSWER,
    hints: ['answer', 'respond', 'reply', 'return', 'output', 'classify', 'label', 'extract', 'yes', 'sentiment'],
    re: /(?:answer|respond|reply) (?:with|in) (?:only |just )?(?:a single|one|a one)[- ]?(?:word|label|number|letter)|(?:return|output|respond with|answer with) only\b|\bclassify\b|\blabel (?:this|the following|each)|\bextract (?:the )?(?:fields|entities|values|following)|\byes or no\b|\bsentiment\b/,
  },
];

// Ordered: the first capability whose rule matches wins, most specific first.
const CAPABILITY_RULES: Rule<Capability>[] = [
  {
    value: 'vision',
    hints: ['image', 'photo', 'picture', 'screenshot', 'diagram', 'chart', 'figure', 'ocr'],
    re: /\[image\]|<image>|\b(?:this|the attached|the following|attached) (?:image|photo|picture|screenshot|diagram|chart|figure)\b|\bocr\b|describe (?:the|this) (?:image|picture|photo)/,
  },
  {
    value: 'agentic',
    hints: ['tool', 'tools', 'function', 'agent', 'agentic', 'computer', 'browse', 'click', 'navigate', 'multi', 'execute', 'orchestrate', 'orchestration', 'orchestrating'],
    re: /\btool[ _-]?(?:use|call|calls|calling)\b|\bfunction call|\bagent(?:ic)?\b|computer use|\bbrowse\b|\bclick (?:on|the)\b|\bnavigate to\b|multi-step plan|\bexecute (?:the|a|this) (?:plan|command|task)|\borchestrat/,
  },
  {
    value: 'coding',
    hints: ['`', 'python', 'javascript', 'typescript', 'java', 'rust', 'golang', 'c', 'sql', 'regex', 'bash', 'html', 'css', 'function', 'compile', 'compiler', 'compiles', 'refactor', 'bug', 'stack', 'unit', 'api', 'code'],
    re: /```|\b(?:python|javascript|typescript|java|rust|golang|c\+\+|sql query|regex|bash|html|css)\b|\bfunction\b|\bcompile|\brefactor|\bbug\b|\bstack trace|\bunit tests?\b|\bapi endpoint|\bcode\b/,
  },
  {
    value: 'math',
    hints: ['integral', 'integrals', 'derivative', 'derivatives', 'equation', 'equations', 'prove', 'theorem', 'probability', 'calculate', 'solve', 'matrix', 'matrices', 'polynomial', '*', '+', '/', '^', '-'],
    re: /\bintegral|\bderivative|\bequation|\bprove that\b|\btheorem|\bprobability|\bcalculate\b|\bsolve for\b|\bmatrix|\bpolynomial|\d+\s*[*+/^-]\s*\d+/,
  },
  {
    value: 'translation',
    hints: ['translate', 'translation', 'french', 'german', 'spanish', 'chinese', 'japanese', 'korean', 'arabic', 'russian', 'portuguese', 'italian', 'hindi'],
    re: /\btranslat(?:e|ion)\b|\bin(?:to)? (?:french|german|spanish|chinese|japanese|korean|arabic|russian|portuguese|italian|hindi)\b/,
  },
  {
    value: 'data',
    hints: ['csv', 'json', 'spreadsheet', 'dataset', 'table', 'fields', 'invoice', 'parse'],
    re: /\bcsv\b|\bjson\b|\bspreadsheet|\bdataset|\btable\b|\bextract (?:the )?fields|\binvoice|\bparse (?:this|the)/,
  },
  {
    value: 'safety',
    hints: ['weapon', 'weapons', 'exploit', 'exploits', 'malware', 'drug', 'drugs', 'explosive', 'explosives', 'hack', 'hacking', 'sensitive', 'harmful', 'jailbreak', 'policy'],
    re: /\bweapon|\bexploit|\bmalware|\bdrugs?\b|\bexplosive|\bhack(?:ing)?\b|\bsensitive\b|\bharmful|\bjailbreak|\bpolicy violation/,
  },
  {
    value: 'reasoning',
    hints: ['puzzle', 'riddle', 'logic', 'logical', 'deduce', 'infer', 'syllogism', 'teaser', 'brainteaser', 'step', 'reason', 'reasoning'],
    re: /\bpuzzle|\briddle|\blogic(?:al)?\b|\bdeduce|\binfer\b|\bsyllogism|\bbrain ?teaser|\bstep[- ]by[- ]step|\breason(?:ing)?\b/,
  },
  {
    value: 'writing',
    hints: ['essay', 'poem', 'story', 'blog', 'cover', 'email', 'write', 'slogan', 'speech', 'summary', 'summarize', 'summarise'],
    re: /\bessay|\bpoem|\bstory\b|\bblog post|\bcover letter|\bemail to\b|\bwrite (?:a|an|me)\b|\bslogan|\bspeech\b|\bsummar(?:y|ize|ise)/,
  },
  {
    value: 'knowledge',
    hints: ['history', 'what', 'who', 'explain', 'define'],
    re: /\bhistory of\b|\bwhat (?:is|are|was|were)\b|\bwho (?:is|was)\b|\bexplain\b|\bdefine\b/,
  },
];

/** Bit i of a word's mask: rule i (flags, then capabilities) has it as a hint. */
const HINTS = new Map<string, number>();
const ALL_RULES: Rule<unknown>[] = [...FLAG_RULES, ...CAPABILITY_RULES];
ALL_RULES.forEach((rule, i) => {
  for (const h of rule.hints) HINTS.set(h, (HINTS.get(h) ?? 0) | (1 << i));
});

interface Tokens {
  /** Rules (bits, as in HINTS) whose hints occur. */
  hinted: number;
  skeleton: string;
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/**
 * One pass over lower-cased text: the hinted rules and the skeleton. The
 * skeleton is the instruction's first sentence (up to a `.`, `:`, `?`, `!` or
 * line break after a few words): slot content after it — the problem, the
 * document, the code — varies from one request to the next and must not
 * split one template into many.
 */
function tokenize(lower: string): Tokens {
  let hinted = 0;
  const out: string[] = [];
  let masked = false;
  let closed = false;
  const push = (word: string, keep: boolean) => {
    if (closed || out.length >= SKELETON_WORDS) return;
    if (keep) {
      out.push(word);
      masked = false;
    } else if (!masked) {
      out.push('*');
      masked = true;
    }
  };
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (isLetter(c) || isDigit(c)) {
      const start = i;
      const letters = isLetter(c);
      while (i < n && (letters ? isLetter(lower.charCodeAt(i)) : isDigit(lower.charCodeAt(i)))) i++;
      const word = lower.slice(start, i);
      if (letters) {
        const h = HINTS.get(word);
        if (h !== undefined) hinted |= h;
      }
      if (i <= SKELETON_CHARS) push(word, letters && KEEP.has(word));
    } else {
      if (!isSpace(c) && c < 128) {
        const ch = lower[i];
        const h = HINTS.get(ch);
        if (h !== undefined) hinted |= h;
        if (i < SKELETON_CHARS) push(ch, true);
        if ((c === 46 || c === 58 || c === 63 || c === 33) && out.length >= 4) closed = true;
      } else if (c === 10 && out.length >= 4) closed = true;
      i++;
    }
  }
  return { hinted, skeleton: out.join(' ') };
}

/** The instruction scaffold of a prompt (`lower` must be lower-case). */
function skeleton(lower: string): string {
  return tokenize(lower).skeleton;
}

const CAPABILITY_CODES = new Map(CAPABILITIES.map((c, i) => [c, i]));
const CHAT = CAPABILITY_CODES.get('chat')!;

const headAndTail = (text: string) =>
  (text.length > HEAD_CHARS + TAIL_CHARS ? text.slice(0, HEAD_CHARS) + '\n' + text.slice(text.length - TAIL_CHARS) : text).toLowerCase();

function flagsOf(lower: string, hinted: number): number {
  let flags = 0;
  FLAG_RULES.forEach((rule, i) => {
    if (hinted & (1 << i) && rule.re.test(lower)) flags |= rule.value;
  });
  return flags;
}

/**
 * The facts of an exchange's text. Instructions moved from the user turn into
 * the system prompt are still instructions: the system prompt's intent flags
 * count as the prompt's own, and its capability stands in when the user turn
 * is bare chat. The template stays the user turn's skeleton — a framework's
 * default system prompt, shared by thousands of unrelated users, must not
 * make them one template.
 */
function promptFacts(prompt: string, toolCount = 0, systemPrompt?: string | null): PromptFacts {
  const lower = headAndTail(prompt);
  const { hinted, skeleton } = tokenize(lower);
  let flags = flagsOf(lower, hinted);
  const c0 = prompt.charCodeAt(0);
  // = + - @ tab CR: a spreadsheet would run the cell as a formula.
  if (c0 === 61 || c0 === 43 || c0 === 45 || c0 === 64 || c0 === 9 || c0 === 13) flags |= PromptFlag.FORMULA_PREFIX;
  let capability = capabilityOf(lower, hinted, toolCount);
  if (systemPrompt) {
    const sys = systemFacts(systemPrompt);
    // Said so when the reasoning-extraction intent is the system prompt's alone: a framework's default prompt is not its users' request.
    if (sys.flags & REASONING_INTENT && !(flags & REASONING_INTENT)) flags |= PromptFlag.INTENT_FROM_SYSTEM;
    flags |= sys.flags;
    if (capability === CHAT) capability = sys.capability;
  }
  return { template: hash32(skeleton), flags, capability };
}

/** Flags a system prompt can lend the user turn: intent, never the text's own markup or formula prefix. */
const REASONING_INTENT = PromptFlag.COT | PromptFlag.REASONING_REPLAY | PromptFlag.REASONING_TAGS;
const INTENT_FLAGS = PromptFlag.COT | PromptFlag.RUBRIC | PromptFlag.SAFE_REWRITE | PromptFlag.REASONING_REPLAY | PromptFlag.REASONING_TAGS | PromptFlag.SHORT_ANSWER;
/** A client sends the same system prompt with every request: read each distinct one once. */
const systemCache = new Map<string, { flags: number; capability: number }>();
const SYSTEM_CACHE_MAX = 2048;

function systemFacts(system: string): { flags: number; capability: number } {
  const hit = systemCache.get(system);
  if (hit) return hit;
  const lower = headAndTail(system);
  const { hinted } = tokenize(lower);
  const facts = { flags: flagsOf(lower, hinted) & INTENT_FLAGS, capability: capabilityOf(lower, hinted, 0) };
  if (systemCache.size >= SYSTEM_CACHE_MAX) systemCache.clear();
  if (system.length <= 8192) systemCache.set(system, facts);
  return facts;
}

function capabilityOf(lower: string, hinted: number, toolCount: number): number {
  if (toolCount > 0) return CAPABILITY_CODES.get('agentic')!;
  const offset = FLAG_RULES.length;
  for (let i = 0; i < CAPABILITY_RULES.length; i++) {
    if (hinted & (1 << (offset + i)) && CAPABILITY_RULES[i].re.test(lower)) return CAPABILITY_CODES.get(CAPABILITY_RULES[i].value)!;
  }
  return CHAT;
}

  return { promptFacts, skeleton };
})();

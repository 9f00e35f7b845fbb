/**
 * The text of chat messages in the shapes the formats write them: a string;
 * an array of parts `{type: "text" | "input_text" | "output_text", text}`
 * (OpenAI, Anthropic) or `{type: "text", content}` (OpenTelemetry GenAI).
 * Images, audio, files and tool results carry no prompt text.
 */
import { decodedJson } from './field-path';

const TEXT_PARTS = new Set(['text', 'input_text', 'output_text']);

export function textOf(content: unknown): string | undefined {
  const c = decodedJson(content);
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return undefined;
  const texts: string[] = [];
  for (const part of c) {
    if (typeof part === 'string') texts.push(part);
    else if (part && typeof part === 'object') {
      const p = part as { type?: unknown; text?: unknown; content?: unknown };
      if (p.type !== undefined && !TEXT_PARTS.has(String(p.type))) continue;
      if (typeof p.text === 'string') texts.push(p.text);
      else if (typeof p.content === 'string') texts.push(p.content);
    }
  }
  return texts.length ? texts.join('\n') : undefined;
}

/** True when every part of `content` is a tool result: Anthropic sends those as user messages, but no one typed them. */
export function onlyToolResults(content: unknown): boolean {
  const c = decodedJson(content);
  return Array.isArray(c) && c.length > 0 && c.every((p) => p && typeof p === 'object' && ['tool_result', 'function_call_output'].includes(String((p as { type?: unknown }).type)));
}

export interface Conversation {
  systemPrompt?: string;
  prompt?: string;
  turn: number;
}

/**
 * System text, the last user message and the number of user messages of a
 * list of `{role, content}` (or OpenTelemetry's `{role, parts}`) messages.
 */
export function readConversation(messages: unknown, systemRoles = ['system', 'developer']): Conversation {
  const list = decodedJson(messages);
  const system: string[] = [];
  let prompt: string | undefined;
  let turn = 0;
  if (Array.isArray(list)) {
    for (const m of list) {
      if (!m || typeof m !== 'object') continue;
      const msg = m as { role?: unknown; content?: unknown; parts?: unknown; type?: unknown };
      const content = msg.content ?? msg.parts;
      if (systemRoles.includes(String(msg.role))) {
        const t = textOf(content);
        if (t) system.push(t);
      } else if (msg.role === 'user' && !onlyToolResults(content)) {
        turn++;
        prompt = textOf(content) ?? '';
      }
    }
  }
  return { systemPrompt: system.length ? system.join('\n\n') : undefined, prompt, turn };
}

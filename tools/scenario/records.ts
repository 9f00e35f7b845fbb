/**
 * The two input record shapes (account and event; lib/ingest/records.ts validates them), as the generator writes them.
 *
 * Every event object is created with all keys in one fixed order so that V8
 * keeps a single hidden class and JSON.stringify stays on its fast path;
 * optional fields left undefined are simply omitted from the line.
 */

export type Plan = 'free' | 'payg' | 'startup' | 'education' | 'research' | 'enterprise';
export type FinishReason = 'stop' | 'length' | 'tool_use' | 'refusal';

export interface AccountRecord {
  type: 'account';
  account_id: string;
  created_at: string;
  email: string;
  org_id?: string;
  plan?: Plan;
  country?: string;
  signup_ip?: string;
  payment_fp?: string;
  verified?: boolean;
}

export interface EventRecord {
  type: 'event';
  request_id: string;
  ts: string;
  account_id: string;
  ip: string;
  model: string;
  prompt: string;
  input_tokens: number;
  output_tokens: number;
  api_key_id: string | undefined;
  asn: number | undefined;
  user_agent: string | undefined;
  tls_fp: string | undefined;
  conversation_id: string | undefined;
  turn: number | undefined;
  system_prompt: string | undefined;
  max_tokens: number | undefined;
  finish_reason: FinishReason | undefined;
  tool_count: number | undefined;
  reasoning_tokens: number | undefined;
}

export function blankEvent(request_id: string, ts: string, account_id: string): EventRecord {
  return {
    type: 'event',
    request_id,
    ts,
    account_id,
    ip: '',
    model: '',
    prompt: '',
    input_tokens: 0,
    output_tokens: 0,
    api_key_id: undefined,
    asn: undefined,
    user_agent: undefined,
    tls_fp: undefined,
    conversation_id: undefined,
    turn: undefined,
    system_prompt: undefined,
    max_tokens: undefined,
    finish_reason: undefined,
    tool_count: undefined,
    reasoning_tokens: undefined,
  };
}

/** Rough tokenizer: about four characters per token for English text. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

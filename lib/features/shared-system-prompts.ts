/**
 * A framework's default system prompt is not its users' request. Instructions
 * moved into the system prompt still count as the prompt's intent
 * (prompt-facts.ts) — but when the only reasoning-extraction wording an
 * exchange carries is a system prompt that many unrelated accounts send, on
 * networks of their own (the "reasoning agent" template of a popular
 * framework), it is the framework speaking, and those exchanges do not count
 * as the account asking for reasoning. A network that shares one system
 * prompt shares its exits too, and keeps it counted.
 */
import type { AccountFeatures } from './account-features';

/** A system prompt is a shared default when at least this many accounts take their reasoning intent from it… */
export const SHARED_SYSTEM_MIN = 20;
/** …on at least this share of distinct main /24 subnets (one per account: unrelated developers; a network's exits are few). */
export const DISTINCT_NETWORKS = 0.8;

/** The /24 an account sends most from. */
function topSubnet(f: AccountFeatures): number {
  let best = -1;
  let most = 0;
  for (const [net, n] of f.subnets) if (n > most) [best, most] = [net, n];
  return best;
}

export function discountSharedSystemPrompts(accounts: Iterable<AccountFeatures>): void {
  const users = new Map<number, AccountFeatures[]>();
  for (const f of accounts) {
    for (const system of f.lentIntent.keys()) {
      const list = users.get(system);
      if (list) list.push(f);
      else users.set(system, [f]);
    }
  }
  for (const [system, list] of users) {
    if (list.length < SHARED_SYSTEM_MIN) continue;
    const networks = new Set(list.map(topSubnet));
    if (networks.size < list.length * DISTINCT_NETWORKS) continue;
    for (const f of list) {
      const n = f.lentIntent.get(system) ?? 0;
      f.cot -= n;
      f.cotFromSharedSystem += n;
    }
  }
}

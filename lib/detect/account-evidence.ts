/** Runs every signal on one account's features. */
import type { AccountFeatures } from '../features/account-features';
import type { Evidence } from './model';
import { SIGNALS } from './signals';
import type { SignalContext } from './signals/signal';

export function accountEvidence(f: AccountFeatures, ctx: SignalContext): Evidence[] {
  return SIGNALS.map((s) => {
    const out = s.evaluate(f, ctx);
    return { code: s.code, strength: out.strength, detail: out.detail };
  });
}

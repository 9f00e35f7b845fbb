/**
 * A behaviour signal: reads an account's window features and says how
 * strongly (0–1) they show one extraction pattern, in a sentence an analyst
 * can read. Mitigating signals (evidence of ordinary use) have negative
 * weights in the model; the signal itself is still a 0–1 strength.
 */
import type { AccountFeatures, WindowScan } from '../../features/account-features';
import type { AccountProfile } from '../../features/profiles';
import type { ReasonCode } from '../../domain/reason-codes';

export type { AccountProfile };

export interface SignalContext {
  profile: AccountProfile;
  scan: WindowScan;
}

export interface SignalOutput {
  strength: number;
  detail: string;
}

export interface Signal {
  code: ReasonCode;
  evaluate(f: AccountFeatures, ctx: SignalContext): SignalOutput;
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const none: SignalOutput = { strength: 0, detail: '' };
/** Below this many exchanges in the window, behaviour shares mean little. */
export const MIN_EVENTS = 8;

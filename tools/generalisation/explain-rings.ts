/**
 * `node --import tsx tools/generalisation/explain-rings.ts DB LABELS`: every
 * ring of the store's window with its labelled make-up and each ring
 * signal's strength — to see why a ring was or was not judged an actor.
 */
import { openStore } from '../../db/client';
import { defaultAsOf, judge, prepareWindow, ringContext } from '../../lib/detect/detect';
import { readLabels, familyOf } from '../../lib/detect/evaluate';
import { ringEvidence } from '../../lib/detect/judge-rings';
import { collectiveOf } from '../../lib/detect/ring-signals/collective';
import { MODEL } from '../../lib/detect/model';
import { windowFor } from '../../lib/features/window';

const [db, labelsFile, minSize = '8'] = process.argv.slice(2);
const labels = readLabels(labelsFile);
const store = openStore(db, { readonly: true });
const prepared = prepareWindow(store.sqlite, windowFor(defaultAsOf(store.sqlite)));
const { scores, rings } = judge(prepared, MODEL);
const context = ringContext(prepared, new Map([...scores].map(([k, s]) => [k, s.own])));
for (const ring of rings) {
  if (ring.members.length < Number(minSize)) continue;
  const make = new Map<string, number>();
  for (const m of ring.members) {
    const l = labels.get(prepared.accounts.get(m)!.accountId);
    const k = l ? familyOf(l) : '?';
    make.set(k, (make.get(k) ?? 0) + 1);
  }
  const c = collectiveOf({ members: ring.members, ...context });
  const ev = ringEvidence(c, MODEL).filter((e) => e.strength > 0.005).map((e) => `${e.code.replace('RING_', '')}=${e.strength.toFixed(2)}`);
  const per = (x: number) => (x / Math.max(1, c.members)).toFixed(1);
  const figures = `events/member ${per(c.events)} long/member ${per(c.longAnswers)} long→short/member ${per(c.longToShort)} singleLong/member ${per(c.singleLong)} follow-ups ${(c.followUps / Math.max(1, c.withTurn)).toFixed(2)} (long ${((c.longAnswers - c.singleLong) / Math.max(1, c.followUps)).toFixed(2)}) out/in ${(c.outputTokens / Math.max(1, c.inputTokens)).toFixed(2)} reasoning ${(c.reasoningTokens / Math.max(1, c.outputTokens)).toFixed(2)}`;
  console.log(`${ring.score.toFixed(3)} n=${ring.members.length} ${JSON.stringify(Object.fromEntries(make))}\n    ${ev.join(' ')}\n    ${figures}\n    ${ring.summary}`);
}
store.close();

import { writeFileSync } from 'node:fs';
import { openStore } from '../../../db/client';
import { auditKey, readPublicKey } from '../../audit/anchor-key';
import { anchorHead, storePathOf } from '../../audit/head-file';
import { verifyAuditTrail, type TrailVerification } from '../../audit/verify-trail';
import { parse, storePath, UsageError } from '../args';

const USAGE =
  'usage: distillwatch audit verify [--public-key FILE] [--head FILE] [--json] | audit public-key [--out FILE] | audit anchor';

function report(v: TrailVerification, seconds: number): string {
  const lines = [`audit trail: ${v.entries} entries, ${v.cases} cases, ${v.decisions} decisions checked in ${seconds.toFixed(2)} s`];
  if (v.head) lines.push(`  head: seq ${v.head.seq}, hash ${v.head.hash}`);
  lines.push(v.signedHead ? `  signed head: seq ${v.signedHead.seq} at ${new Date(v.signedHead.at).toISOString()} (key ${v.signedHead.key}) in ${v.headFile}` : '  signed head: none');
  if (v.ok) lines.push('  OK: every entry from seq 1 links and matches its hash; the signed head agrees; cases and decisions agree with the trail');
  for (const p of v.problems) lines.push(`FAILED ${p.seq !== null ? `seq ${p.seq}: ` : ''}${p.what}`);
  if (v.totalProblems > v.problems.length) lines.push(`… and ${v.totalProblems - v.problems.length} more problems`);
  return lines.join('\n') + '\n';
}

/**
 * `audit verify`: the whole trail from seq 1, the signed heads, and the case
 * store against the trail (lib/audit/verify-trail.ts). Exits 1 naming the
 * first bad seq and what is wrong. `audit public-key` prints the key that
 * signs the heads (give it to whoever must check them later); `audit anchor`
 * signs the current head once the trail verifies (a store written before
 * heads were signed has no head file until its next change).
 */
export async function auditCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    'public-key': { type: 'string', multiple: true },
    head: { type: 'string', multiple: true },
    out: { type: 'string' },
  });
  const [sub, ...extra] = positionals;
  if (!sub || extra.length > 0) throw new UsageError(USAGE);
  const store = openStore(storePath(values));
  try {
    if (sub === 'verify') {
      const pins = values['public-key'] as unknown as string[] | undefined;
      const started = performance.now();
      const v = verifyAuditTrail(store.sqlite, {
        publicKeys: pins?.map((p) => readPublicKey(p)),
        extraHeadFiles: values.head as unknown as string[] | undefined,
      });
      const seconds = (performance.now() - started) / 1000;
      if (values.json) {
        process.stdout.write(
          JSON.stringify({
            ok: v.ok,
            entries: v.entries,
            head: v.head,
            signed_head: v.signedHead,
            head_file: v.headFile,
            cases: v.cases,
            decisions: v.decisions,
            first_bad_seq: v.firstBadSeq,
            problems: v.problems,
            total_problems: v.totalProblems,
            seconds: +seconds.toFixed(3),
          }) + '\n',
        );
      } else process.stdout.write(report(v, seconds));
      if (!v.ok) {
        const first = v.problems[0];
        process.stderr.write(`distillwatch audit: ${v.firstBadSeq !== null ? `first bad seq ${v.firstBadSeq}: ` : ''}${(v.problems.find((p) => p.seq === v.firstBadSeq) ?? first).what}\n`);
        return 1;
      }
      return 0;
    }
    if (sub === 'public-key') {
      const key = auditKey(storePathOf(store.sqlite));
      if (typeof values.out === 'string') {
        writeFileSync(values.out, key.publicPem);
        process.stderr.write(`audit: public key ${key.keyId} written to ${values.out}\n`);
      } else process.stdout.write(key.publicPem);
      return 0;
    }
    if (sub === 'anchor') {
      const v = verifyAuditTrail(store.sqlite);
      const blocking = v.problems.filter((p) => !p.what.startsWith('no signed head file'));
      if (blocking.length > 0) throw new Error(`the trail does not verify, so its head is not signed: ${blocking[0].seq !== null ? `seq ${blocking[0].seq}: ` : ''}${blocking[0].what}`);
      const head = anchorHead(store.sqlite);
      process.stdout.write(head ? `signed head seq ${head.seq} (key ${head.key}) written to ${v.headFile}\n` : 'nothing to sign: the trail is empty\n');
      return 0;
    }
    throw new UsageError(USAGE);
  } finally {
    store.close();
  }
}

import { z } from 'zod';
import { validatedMutation } from '@/lib/http/mutation';
import { importIntel } from '@/lib/intel/import';
import { MAX_BUNDLE_BYTES } from '@/lib/intel/validate';

export const dynamic = 'force-dynamic';

const schema = z.object({
  /** The bundle file's text, exactly as received from the partner. */
  bundle_text: z.string('bundle_text is required').min(2).max(MAX_BUNDLE_BYTES, `the bundle is over the ${MAX_BUNDLE_BYTES / 2 ** 20} MiB limit`),
});

/** Import a partner's bundle from the dashboard: sharing is for leads and legal (export_intel). */
export const POST = validatedMutation(schema, 'export_intel', ({ sqlite, input, principal }) => {
  const r = importIntel(sqlite, Buffer.from(input.bundle_text, 'utf8'), { actor: principal.user.name });
  return {
    bundle_id: r.bundleId,
    producer: r.producer,
    already_imported: r.alreadyImported,
    indicators: r.indicators,
    matchable: r.matchable,
    matched_accounts: r.matchedAccounts,
    alerts: r.alerts,
    warnings: r.warnings,
  };
});

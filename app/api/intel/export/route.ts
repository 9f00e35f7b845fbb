import { z } from 'zod';
import { appendAudit } from '@/lib/audit/append';
import { validatedMutation } from '@/lib/http/mutation';
import { buildIntelBundle } from '@/lib/intel/export';
import { TLP_LEVELS } from '@/lib/intel/stix';

export const dynamic = 'force-dynamic';

const schema = z.object({ tlp: z.enum(TLP_LEVELS).default('amber') });

/** "Export indicators": the STIX 2.1 bundle as a download, for leads and legal (export_intel), audited. */
export const POST = validatedMutation(schema, 'export_intel', ({ sqlite, input, principal }) => {
  const r = buildIntelBundle(sqlite, { tlp: input.tlp, actor: principal.user.name });
  appendAudit(sqlite, {
    actor: principal.user.name,
    action: 'intel_exported',
    subjectId: r.bundle.id,
    details: { bundle_id: r.bundle.id, sha256: r.sha256, tlp: input.tlp, campaigns: r.campaigns, indicators: r.indicators, withheld: r.withheld, via: 'dashboard' },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(r.text, {
    status: 200,
    headers: {
      'Content-Type': 'application/stix+json;version=2.1',
      'Content-Disposition': `attachment; filename="distillwatch-indicators-${day}.json"`,
      'Cache-Control': 'no-store',
      'X-Indicators': String(r.indicators),
    },
  });
});

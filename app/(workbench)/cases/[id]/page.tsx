import { notFound } from 'next/navigation';
import { CaseView } from '@/components/cases/case-view';
import { requirePageUser } from '@/lib/http/request-user';
import { casePageData } from '@/lib/cases/page-queries';
import { subjectIdentifiers } from '@/lib/identifiers/subject-identifiers';
import { ringNames } from '@/lib/cases/ring-names';
import { ringSharesIfAny } from '@/lib/rings/ring-shares';
import { graphViews } from '@/lib/cases/graph-views';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id;
  return { title: /^case_\d{1,12}$/.test(id) ? id : 'Case' };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageUser();
  const sqlite = serverStore().sqlite;
  const data = casePageData(sqlite, (await params).id, me.user);
  if (!data) notFound();
  // A ring's case lists what its members share as the ring page does (what links first; hubs after, marked).
  // Detection stored nothing for a split-off sub-ring (`ring_….s1`): it says no identifier is recorded, as before.
  const shares = data.case.subjectKind === 'ring' ? ringSharesIfAny(sqlite, data.case.subjectId, { limit: 40 }) : null;
  const identifiers = shares
    ? shares.rows.map((r) => ({ kind: r.kind, value: r.value, accounts: r.members, tooCommon: !r.linked }))
    : subjectIdentifiers(sqlite, data.case.subjectKind, data.case.subjectId);
  const identifiersTotal = shares?.total ?? identifiers.length;
  const subjectName = data.case.subjectKind === 'ring' ? (ringNames(sqlite, [data.case.subjectId]).get(data.case.subjectId) ?? null) : null;
  const views = data.case.subjectKind === 'ring' ? graphViews(sqlite, data.case.id) : [];
  return (
    <main className="page">
      <CaseView data={data} role={me.user.role} identifiers={identifiers} identifiersTotal={identifiersTotal} subjectName={subjectName} me={me.user.name} graphViews={views} />
    </main>
  );
}

import { CaseList } from '@/components/cases/case-list';
import { requirePageUser } from '@/lib/http/request-user';
import { caseListPage, caseListQuery } from '@/lib/cases/page-queries';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Cases' };

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser();
  const data = caseListPage(serverStore().sqlite, caseListQuery(await searchParams));
  return (
    <main className="page">
      <h1>Cases</h1>
      <CaseList data={data} />
    </main>
  );
}

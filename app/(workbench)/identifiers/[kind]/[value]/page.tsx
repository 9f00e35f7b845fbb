import { IdentifierView } from '@/components/identifiers/identifier-view';
import { getIdentifierPage } from '@/lib/identifiers/identifier-page';
import { identifierPageQuerySchema, identifierParams } from '@/lib/identifiers/params';
import { requirePageUser } from '@/lib/http/request-user';
import { orNotFound } from '@/lib/http/not-found-page';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Identifier' };

type Params = Promise<{ kind: string; value: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function IdentifierPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  await requirePageUser();
  const { kind, value } = await params;
  const query = identifierPageQuerySchema.safeParse(await searchParams);
  const data = orNotFound(() => {
    const id = identifierParams(kind, value);
    return getIdentifierPage(serverStore().sqlite, id.kind, id.value, query.success ? query.data.page : 1, query.success ? query.data.page_size : undefined);
  });
  return (
    <main className="page">
      <IdentifierView data={data} />
    </main>
  );
}

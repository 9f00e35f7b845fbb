import { TokenManager } from '@/components/tokens/token-manager';
import { apiTokenJson, listApiTokens, TOKEN_DAYS_DEFAULT } from '@/lib/auth/api-tokens';
import { can } from '@/lib/auth/permissions';
import { SCOPE_MEANING, scopesAllowed } from '@/lib/auth/token-scopes';
import { requirePageUser } from '@/lib/http/request-user';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export default async function TokensPage() {
  const me = await requirePageUser();
  const tokens = listApiTokens(serverStore().sqlite, { user: me.user, via: me.via }).map(apiTokenJson);
  const scopeChoices = scopesAllowed(me.user.role).map((scope) => ({ scope, meaning: SCOPE_MEANING[scope] }));
  return (
    <main className="page">
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let scripts call the API as you, with your role narrowed to the token&apos;s scopes: <strong>read</strong> (the queue, cases, accounts, rings),{' '}
        <strong>write</strong> (changes your role allows), <strong>ingest</strong> (send logs to <code>POST /api/ingest</code>; admins only). Each expires (
        {TOKEN_DAYS_DEFAULT} days unless you choose otherwise) and can be revoked on its own.
      </p>
      <TokenManager tokens={tokens} showOwner={can(me.user.role, 'manage_users')} scopeChoices={scopeChoices} />
    </main>
  );
}

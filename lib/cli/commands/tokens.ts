import { userInfo } from 'node:os';
import { openStore, writeTransaction } from '../../../db/client';
import { apiTokenJson, createApiToken, listApiTokens, revokeApiToken, TOKEN_DAYS_DEFAULT, type ApiTokenInfo } from '../../auth/api-tokens';
import { TOKEN_SCOPES, tokenScopeSchema } from '../../auth/token-scopes';
import { findUser } from '../../auth/users';
import { numberOption, parse, storePath, UsageError } from '../args';

const USAGE =
  'usage: distillwatch tokens create --user NAME --label TEXT [--days N] [--scopes read,write,ingest] | tokens list [--user NAME] [--json] | tokens revoke TOKEN_ID';

function scopesOption(v: unknown) {
  if (v === undefined) return undefined;
  const words = String(v).split(',').map((w) => w.trim()).filter(Boolean);
  const parsed = words.map((w) => tokenScopeSchema.safeParse(w));
  const bad = words.filter((_, i) => !parsed[i].success);
  if (bad.length > 0 || words.length === 0) throw new UsageError(`--scopes takes a comma-separated list of ${TOKEN_SCOPES.join(', ')}${bad.length ? ` (not: ${bad.join(', ')})` : ''}`);
  return parsed.map((p) => p.data!);
}

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function line(t: ApiTokenInfo): string {
  return `${t.id}  ${t.state.padEnd(7)}  ${t.owner.padEnd(16)} ${t.scopes.join(',').padEnd(17)} expires ${day(t.expiresAt)}  last used ${day(t.lastUsedAt)}  ${t.label}\n`;
}

/**
 * API tokens from the command line, as the store's operator (`cli:<account>`
 * in the audit trail): create one for a user, list them, revoke one by its id.
 * The rules are lib/auth/api-tokens.ts's, as for the dashboard.
 */
export async function tokensCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { user: { type: 'string' }, label: { type: 'string' }, days: { type: 'string' }, scopes: { type: 'string' } });
  const [sub, id, ...extra] = positionals;
  if (!sub || extra.length > 0) throw new UsageError(USAGE);
  const by = { operator: `cli:${userInfo().username}` };
  const store = openStore(storePath(values));
  try {
    const owner = () => {
      if (typeof values.user !== 'string') throw new UsageError('--user NAME is required');
      const user = findUser(store.sqlite, values.user);
      if (!user || user.disabled) throw new Error(`no active user named ${values.user}`);
      return { id: user.id, name: user.name, role: user.role };
    };
    if (sub === 'create' && !id) {
      if (typeof values.label !== 'string') throw new UsageError('--label TEXT is required');
      const days = numberOption(values, 'days', TOKEN_DAYS_DEFAULT);
      const scopes = scopesOption(values.scopes);
      const created = writeTransaction(store.sqlite, () => createApiToken(store.sqlite, { owner: owner(), label: values.label as string, days, scopes, by }));
      if (values.json) process.stdout.write(JSON.stringify({ token: created.token, ...apiTokenJson(created.info) }) + '\n');
      else process.stdout.write(`created ${created.info.id} for ${created.info.owner} (scopes: ${created.info.scopes.join(', ')}), expires ${day(created.info.expiresAt)} UTC\ntoken: ${created.token}\n`);
    } else if (sub === 'list' && !id) {
      const tokens = listApiTokens(store.sqlite, by, typeof values.user === 'string' ? owner().name : undefined);
      if (values.json) process.stdout.write(JSON.stringify({ tokens: tokens.map(apiTokenJson) }) + '\n');
      else {
        for (const t of tokens) process.stdout.write(line(t));
        if (tokens.length === 0) process.stdout.write('no API tokens\n');
      }
    } else if (sub === 'revoke' && id) {
      const revoked = writeTransaction(store.sqlite, () => revokeApiToken(store.sqlite, { id, by }));
      if (values.json) process.stdout.write(JSON.stringify(apiTokenJson(revoked)) + '\n');
      else process.stdout.write(`revoked ${revoked.id} (${revoked.owner}: ${revoked.label})\n`);
    } else throw new UsageError(USAGE);
    return 0;
  } finally {
    store.close();
  }
}

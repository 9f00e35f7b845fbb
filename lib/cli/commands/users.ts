import { openStore } from '../../../db/client';
import { createUser, disableUser, listUsers } from '../../auth/users';
import { parse, storePath, UsageError } from '../args';

const USAGE = 'usage: distillwatch users add NAME --role analyst|lead|legal|admin [--password P] | users list | users disable NAME';

export async function usersCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { role: { type: 'string' }, password: { type: 'string' } });
  const [sub, name, ...extra] = positionals;
  if (extra.length > 0 || !sub) throw new UsageError(USAGE);
  const store = openStore(storePath(values));
  try {
    if (sub === 'add') {
      if (!name || typeof values.role !== 'string') throw new UsageError(USAGE);
      const given = typeof values.password === 'string' ? values.password : undefined;
      const { user, password } = await createUser(store.sqlite, { name, role: values.role, password: given });
      if (values.json) process.stdout.write(JSON.stringify({ name: user.name, role: user.role, password: given ? null : password }) + '\n');
      else {
        process.stdout.write(`created ${user.role} ${user.name}\n`);
        // Printed once, never stored: the store keeps only its scrypt hash.
        if (!given) process.stdout.write(`password: ${password}\n`);
      }
    } else if (sub === 'list' && !name) {
      const users = listUsers(store.sqlite);
      if (values.json) process.stdout.write(JSON.stringify({ users: users.map((u) => ({ name: u.name, role: u.role, disabled: u.disabled })) }) + '\n');
      else for (const u of users) process.stdout.write(`${u.name.padEnd(24)} ${u.role.padEnd(8)}${u.disabled ? ' disabled' : ''}\n`);
    } else if (sub === 'disable' && name) {
      disableUser(store.sqlite, name);
      process.stdout.write(`disabled ${name}\n`);
    } else throw new UsageError(USAGE);
    return 0;
  } finally {
    store.close();
  }
}

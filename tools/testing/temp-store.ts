/** A fresh store file with every migration applied, for tests: the real schema, never a mock. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../db/client';

export function tempStore(prefix = 'dw-test-'): Store {
  return openStore(path.join(mkdtempSync(path.join(tmpdir(), prefix)), 'store.db'));
}

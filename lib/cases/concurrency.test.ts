/**
 * Deciders on the same case at the same moment from the version they all
 * saw: exactly one decision lands, the others are told who won.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/client';
import { ConflictError } from '../errors';
import { tempStore } from '../../tools/testing/temp-store';
import { findCase } from './case-row';
import { decideCase } from './decide-case';
import { ensureCase } from './ensure-case';

let a: Store;
let b: Store;
let caseId: string;
beforeEach(() => {
  a = tempStore('dw-race-');
  b = openStore(a.path);
  caseId = ensureCase(a.sqlite, { subjectKind: 'ring', subjectId: 'ring_1', score: 0.9, accounts: 5 }).caseId;
});
afterEach(() => {
  a.close();
  b.close();
});

const decisions = () => (a.sqlite.prepare(`SELECT count(*) AS n FROM decisions`).get() as { n: number }).n;

function runDecider(name: string, action: string, startAt: number): Promise<{ name: string; outcome: string; message?: string }> {
  const script = path.join(__dirname, '..', '..', 'tools', 'testing', 'decide-once.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, a.path, caseId, name, action, '1', String(startAt)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`decider exited ${code}`)))));
}

describe('concurrent decisions on one case', () => {
  it('two connections, same seen version: the second is refused and nothing of it is written', () => {
    const seenByA = findCase(a.sqlite, caseId)!.version;
    const seenByB = findCase(b.sqlite, caseId)!.version;
    decideCase(a.sqlite, { caseId, action: 'confirm', reason: 'shared cards', user: { name: 'ana', role: 'analyst' }, expectedVersion: seenByA });
    expect(() =>
      decideCase(b.sqlite, { caseId, action: 'dismiss', reason: 'looks benign', user: { name: 'bo', role: 'analyst' }, expectedVersion: seenByB }),
    ).toThrow(ConflictError);
    expect(findCase(b.sqlite, caseId)).toMatchObject({ status: 'confirmed', assignee: 'ana', version: 2 });
    expect(decisions()).toBe(1);
  });

  it('ten separate processes racing on the version they saw: exactly one wins, nine are refused', async () => {
    // Started together once every process is up (the outcome does not depend on it: every decider names version 1).
    const startAt = Date.now() + 6000;
    const names = Array.from({ length: 10 }, (_, i) => `p${i + 1}`);
    const actions = ['confirm', 'dismiss', 'escalate'];
    const results = await Promise.all(names.map((n, i) => runDecider(n, actions[i % 3], startAt)));
    expect(results.filter((r) => r.outcome === 'won')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'conflict')).toHaveLength(9);
    const winner = results.find((r) => r.outcome === 'won')!.name;
    for (const r of results.filter((x) => x.outcome === 'conflict')) expect(r.message).toContain(`was decided by ${winner}`);
    expect(decisions()).toBe(1);
    expect(findCase(a.sqlite, caseId)).toMatchObject({ assignee: winner, version: 2 });
  });
});

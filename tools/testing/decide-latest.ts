/**
 * For tests that decide a case as its only decider: reads the case's current
 * version and decides on it, as `distillwatch decide` does without
 * --expected-version. Racing deciders name the version they saw instead.
 */
import type Database from 'better-sqlite3';
import { loadCase } from '../../lib/cases/case-row';
import { decideCase, type DecideInput, type DecideResult } from '../../lib/cases/decide-case';

export function decideLatest(sqlite: Database.Database, input: Omit<DecideInput, 'expectedVersion'>): DecideResult {
  return decideCase(sqlite, { ...input, expectedVersion: loadCase(sqlite, input.caseId).version });
}

// Picks the Store implementation from the database URL.
import { resolve } from 'node:path';
import { UnsupportedDatabaseError } from './errors.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export async function openStore(databaseUrl: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new UnsupportedDatabaseError(redact(databaseUrl), 'the PostgreSQL store is not built yet; use a SQLite path');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !/^file:/i.test(databaseUrl)) {
    throw new UnsupportedDatabaseError(redact(databaseUrl), 'expected a SQLite file path, sqlite:PATH or postgres://');
  }
  const path = databaseUrl.replace(/^(sqlite|file):(\/\/)?/i, '');
  return openSqliteStore(path === ':memory:' ? path : resolve(path));
}

/** Database URLs can carry passwords: never print one. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

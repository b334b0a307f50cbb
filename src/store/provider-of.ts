import type { Db, Tx } from './db.js';

/**
 * The SQL dialect behind a client or transaction, for the few raw statements written per
 * dialect. Prisma keeps it on the client (and on the transaction it hands out).
 */
export function providerOf(client: Db | Tx): 'sqlite' | 'postgresql' {
  const provider = (client as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`unknown database provider ${String(provider)}`);
}

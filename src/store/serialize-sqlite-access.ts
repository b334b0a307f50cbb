import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/**
 * better-sqlite3 gives the process one connection. Prisma's adapter makes transactions wait
 * for each other, but not a query made outside any transaction: that query runs on the same
 * connection, inside whatever transaction another turn has open. It then reads that turn's
 * uncommitted rows, and it is undone when that turn rolls back. A reply marked sent would
 * then be sent again, and a finished job would run a second time.
 *
 * This wrapper puts every query, statement and transaction of the connection in one queue.
 * A query outside a transaction waits until the open transaction has ended.
 *
 * It also ends a transaction whose COMMIT failed (prisma/orm#29933): Prisma then calls the
 * adapter's rollback, which only unlocks, and the connection stayed inside the transaction.
 * Every later write would have joined it, never to be committed, and every later transaction
 * failed with "cannot start a transaction within a transaction" until a restart.
 */
export function serializeSqliteAccess(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialized(await factory.connect()),
  };
}

function serialized(inner: SqlDriverAdapter): SqlDriverAdapter {
  let tail: Promise<void> = Promise.resolve();
  /** Waits for everything queued before, then holds the connection until `release`. */
  const acquire = async (): Promise<() => void> => {
    let release!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  };
  const alone = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query: SqlQuery) => alone(() => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => alone(() => inner.executeRaw(query)),
    executeScript: (script: string) => alone(() => inner.executeScript(script)),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
    startTransaction: async (isolationLevel?: IsolationLevel) => {
      const release = await acquire();
      try {
        return heldUntilEnd(await inner.startTransaction(isolationLevel), release, () => rollbackIfOpen(inner));
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/** After a rollback Prisma already sent, SQLite says there is nothing left to roll back. */
async function rollbackIfOpen(connection: SqlDriverAdapter): Promise<void> {
  try {
    await connection.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
  } catch (error) {
    if (!/no transaction is active/i.test(JSON.stringify(error) + String(error))) throw error;
  }
}

/** The transaction as Prisma sees it; the connection is handed on when it commits or rolls back. */
function heldUntilEnd(tx: Transaction, release: () => void, rollbackIfOpen: () => Promise<void>): Transaction {
  const end = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    ...(tx.createSavepoint ? { createSavepoint: (name: string) => tx.createSavepoint!(name) } : {}),
    ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: (name: string) => tx.rollbackToSavepoint!(name) } : {}),
    ...(tx.releaseSavepoint ? { releaseSavepoint: (name: string) => tx.releaseSavepoint!(name) } : {}),
    commit: end(() => tx.commit()),
    rollback: end(async () => {
      await tx.rollback();
      await rollbackIfOpen();
    }),
  };
}

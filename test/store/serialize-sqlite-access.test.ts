import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/store/apply-migrations.js';
import { createDatabase, type Database } from '../../src/store/create-database.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

/** A transaction that writes a row, then waits for `rollBack` before failing. */
function openTransactionThatFails(database: Database) {
  let rollBack!: () => void;
  const gate = new Promise<void>((resolve) => (rollBack = resolve));
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const done = database.db
    .$transaction(async (tx) => {
      await tx.person.create({ data: { displayName: 'uncommitted' } });
      opened();
      await gate;
      throw new Error('the turn failed');
    })
    .catch((error: unknown) => (error as Error).message);
  return { isOpen, rollBack, done };
}

describe.each(providers)('queries outside a transaction (%s)', (provider) => {
  let made: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    made = await createEmptyDatabase(provider);
    await applyMigrations({ target: made.target });
    database = await createDatabase(made.target);
  });
  afterAll(async () => {
    await database.close();
    await made.drop();
  });

  it('should keep a write made while another transaction is open, when that transaction rolls back', async () => {
    const { db } = database;
    const person = await db.person.create({ data: { displayName: 'before' } });
    const turn = openTransactionThatFails(database);
    await turn.isOpen;
    // Prisma's promises are lazy: `then` sends the query now.
    const write = db.person.update({ where: { id: person.id }, data: { displayName: 'written outside' } }).then(() => 'written');
    const count = db.person.count().then((n) => n);
    // Give the outside queries every chance to run while the transaction is still open.
    await new Promise((resolve) => setTimeout(resolve, 50));
    turn.rollBack();
    expect(await turn.done).toBe('the turn failed');
    expect(await write).toBe('written');
    expect(await count).toBe(1); // the uncommitted row was never seen
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).displayName).toBe('written outside');
    expect(await db.person.count({ where: { displayName: 'uncommitted' } })).toBe(0);
  });

  it('should let transactions and single queries interleave without losing any', async () => {
    const { db } = database;
    await db.person.deleteMany();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? db.person.create({ data: { displayName: `single ${i}` } })
          : db.$transaction(async (tx) => {
              await tx.person.create({ data: { displayName: `tx ${i}` } });
              await tx.person.count();
            }),
      ),
    );
    expect(await db.person.count()).toBe(40);
  });

  it.runIf(provider === 'sqlite')('should leave the connection usable after a COMMIT that failed', async () => {
    const { db } = database;
    // Deferred foreign keys are checked at COMMIT, which then fails.
    const failed = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
        await tx.identity.create({ data: { personId: 'no such person', channel: 'web', externalId: 'orphan', chatId: 'orphan' } });
      })
      .then(
        () => 'committed',
        (error: unknown) => (error as Error).message,
      );
    expect(failed).toMatch(/ForeignKey/);
    await db.person.create({ data: { displayName: 'written after the failed commit' } });
    expect(await db.$transaction((tx) => tx.person.count({ where: { displayName: 'written after the failed commit' } }))).toBe(1);
    // Committed for real: another connection to the file sees it.
    const other = new BetterSqlite3(made.target.provider === 'sqlite' ? made.target.file : '', { readonly: true });
    try {
      expect(other.prepare('SELECT count(*) AS n FROM Person WHERE displayName = ?').get('written after the failed commit')).toEqual({ n: 1 });
      expect(other.prepare("SELECT count(*) AS n FROM Identity WHERE externalId = 'orphan'").get()).toEqual({ n: 0 });
    } finally {
      other.close();
    }
  });
});

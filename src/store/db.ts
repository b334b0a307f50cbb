import type { Prisma, PrismaClient } from '../generated/sqlite/client.js';

/**
 * Both generated clients (SQLite and PostgreSQL) come from one schema and have the same API;
 * the code is typed against the SQLite one.
 */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export type { Prisma } from '../generated/sqlite/client.js';

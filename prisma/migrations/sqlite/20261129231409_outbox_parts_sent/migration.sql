-- AlterTable
-- A plain ADD COLUMN (SQLite allows NOT NULL with a default): the outbox table is not copied.
ALTER TABLE "OutboxMessage" ADD COLUMN "partsSent" INTEGER NOT NULL DEFAULT 0;

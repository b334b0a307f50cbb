-- AlterTable
ALTER TABLE "WasteReport" ADD COLUMN "sourceKey" TEXT;

-- CreateTable
CREATE TABLE "WebVisitor" (
    "publicId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "WebVisitor_tokenHash_key" ON "WebVisitor"("tokenHash");

-- CreateIndex
CREATE INDEX "WasteReport_sourceKey_createdAt_idx" ON "WasteReport"("sourceKey", "createdAt");

-- Existing web identities used the cookie value itself as their externalId. They are noted
-- here as legacy visitors, and at start-up the application hashes that value into "tokenHash"
-- (SQLite has no SHA-256 in SQL) and gives each identity a new random public id, so that
-- every visitor keeps their cookie, history and roles.
INSERT INTO "WebVisitor" ("publicId", "tokenHash", "createdAt")
SELECT "externalId", 'legacy:' || "externalId", "createdAt" FROM "Identity" WHERE "channel" = 'web';

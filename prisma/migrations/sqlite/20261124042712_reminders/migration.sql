-- CreateTable
CREATE TABLE "CycleStatus" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleCode" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "paperAt" DATETIME,
    "paperById" TEXT,
    "snoozedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reportingBlockedAt" DATETIME,
    "digestOptIn" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Person" ("createdAt", "displayName", "id", "lastSeenAt", "locale", "reportingBlockedAt") SELECT "createdAt", "displayName", "id", "lastSeenAt", "locale", "reportingBlockedAt" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CycleStatus_cycleCode_unitId_period_key" ON "CycleStatus"("cycleCode", "unitId", "period");

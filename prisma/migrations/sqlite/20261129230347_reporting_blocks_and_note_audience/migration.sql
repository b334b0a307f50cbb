-- CreateTable
CREATE TABLE "ReportingBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "liftedAt" DATETIME,
    "liftedById" TEXT,
    CONSTRAINT "ReportingBlock_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WasteReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportingBlock_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WasteStatusEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "audience" TEXT NOT NULL DEFAULT 'internal',
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WasteStatusEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WasteReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WasteStatusEvent" ("actorId", "createdAt", "id", "note", "reportId", "status") SELECT "actorId", "createdAt", "id", "note", "reportId", "status" FROM "WasteStatusEvent";
DROP TABLE "WasteStatusEvent";
ALTER TABLE "new_WasteStatusEvent" RENAME TO "WasteStatusEvent";
CREATE INDEX "WasteStatusEvent_reportId_createdAt_idx" ON "WasteStatusEvent"("reportId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReportingBlock_personId_liftedAt_idx" ON "ReportingBlock"("personId", "liftedAt");

-- CreateIndex
CREATE INDEX "ReportingBlock_reportId_idx" ON "ReportingBlock"("reportId");

-- Blocks made before were set on the person. Each becomes a block of the report it was made
-- from, as the audit log recorded it, so nobody blocked is unblocked by the upgrade.
INSERT INTO "ReportingBlock" ("id", "reportId", "personId", "createdAt", "createdById")
SELECT a."id", r."id", r."reporterId", a."createdAt", a."actorId"
FROM "AuditLog" a
JOIN "WasteReport" r ON r."id" = a."subjectId"
JOIN "Person" p ON p."id" = r."reporterId"
WHERE a."action" = 'waste.block_sender' AND p."reportingBlockedAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "archivedAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "supersededByCode" TEXT;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "validFrom" TEXT;
ALTER TABLE "Unit" ADD COLUMN "validTo" TEXT;

-- AlterTable
ALTER TABLE "RoleAssignment" ADD COLUMN "carriedFromId" TEXT;
ALTER TABLE "RoleAssignment" ADD COLUMN "endReason" TEXT;

-- CreateTable
CREATE TABLE "UnitSuccession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "fromUnitId" TEXT NOT NULL,
    "toUnitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "share" REAL,
    "rulesJson" TEXT NOT NULL DEFAULT '{}',
    "carries" BOOLEAN NOT NULL DEFAULT false,
    "unconfirmed" BOOLEAN NOT NULL DEFAULT false,
    "noteVi" TEXT,
    "noteEn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitSuccession_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UnitSuccession_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitTransfer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "successionId" TEXT,
    "batchId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "fromUnitId" TEXT NOT NULL,
    "toUnitId" TEXT,
    "personId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "notifiedAt" DATETIME,
    CONSTRAINT "UnitTransfer_successionId_fkey" FOREIGN KEY ("successionId") REFERENCES "UnitSuccession" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UnitSuccession_toUnitId_idx" ON "UnitSuccession"("toUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitSuccession_fromUnitId_toUnitId_key" ON "UnitSuccession"("fromUnitId", "toUnitId");

-- CreateIndex
CREATE INDEX "UnitTransfer_notifiedAt_personId_idx" ON "UnitTransfer"("notifiedAt", "personId");

-- CreateIndex
CREATE INDEX "UnitTransfer_batchId_idx" ON "UnitTransfer"("batchId");

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "supersededByCode" TEXT;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "validFrom" TEXT,
ADD COLUMN     "validTo" TEXT;

-- AlterTable
ALTER TABLE "RoleAssignment" ADD COLUMN     "carriedFromId" TEXT,
ADD COLUMN     "endReason" TEXT;

-- CreateTable
CREATE TABLE "UnitSuccession" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "fromUnitId" TEXT NOT NULL,
    "toUnitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "share" DOUBLE PRECISION,
    "rulesJson" TEXT NOT NULL DEFAULT '{}',
    "carries" BOOLEAN NOT NULL DEFAULT false,
    "unconfirmed" BOOLEAN NOT NULL DEFAULT false,
    "noteVi" TEXT,
    "noteEn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitSuccession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitTransfer" (
    "id" TEXT NOT NULL,
    "successionId" TEXT,
    "batchId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "fromUnitId" TEXT NOT NULL,
    "toUnitId" TEXT,
    "personId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "UnitTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitSuccession_toUnitId_idx" ON "UnitSuccession"("toUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitSuccession_fromUnitId_toUnitId_key" ON "UnitSuccession"("fromUnitId", "toUnitId");

-- CreateIndex
CREATE INDEX "UnitTransfer_notifiedAt_personId_idx" ON "UnitTransfer"("notifiedAt", "personId");

-- CreateIndex
CREATE INDEX "UnitTransfer_batchId_idx" ON "UnitTransfer"("batchId");

-- AddForeignKey
ALTER TABLE "UnitSuccession" ADD CONSTRAINT "UnitSuccession_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitSuccession" ADD CONSTRAINT "UnitSuccession_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitTransfer" ADD CONSTRAINT "UnitTransfer_successionId_fkey" FOREIGN KEY ("successionId") REFERENCES "UnitSuccession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

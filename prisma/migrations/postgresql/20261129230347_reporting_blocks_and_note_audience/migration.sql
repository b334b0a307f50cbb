-- AlterTable
ALTER TABLE "WasteStatusEvent" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'internal';

-- CreateTable
CREATE TABLE "ReportingBlock" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,

    CONSTRAINT "ReportingBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportingBlock_personId_liftedAt_idx" ON "ReportingBlock"("personId", "liftedAt");

-- CreateIndex
CREATE INDEX "ReportingBlock_reportId_idx" ON "ReportingBlock"("reportId");

-- AddForeignKey
ALTER TABLE "ReportingBlock" ADD CONSTRAINT "ReportingBlock_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WasteReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingBlock" ADD CONSTRAINT "ReportingBlock_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Blocks made before were set on the person. Each becomes a block of the report it was made
-- from, as the audit log recorded it, so nobody blocked is unblocked by the upgrade.
INSERT INTO "ReportingBlock" ("id", "reportId", "personId", "createdAt", "createdById")
SELECT a."id", r."id", r."reporterId", a."createdAt", a."actorId"
FROM "AuditLog" a
JOIN "WasteReport" r ON r."id" = a."subjectId"
JOIN "Person" p ON p."id" = r."reporterId"
WHERE a."action" = 'waste.block_sender' AND p."reportingBlockedAt" IS NOT NULL;

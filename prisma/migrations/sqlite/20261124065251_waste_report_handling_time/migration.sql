-- DropIndex
DROP INDEX "WasteReport_createdAt_status_categoryId_resolvedAt_idx";

-- AlterTable
ALTER TABLE "WasteReport" ADD COLUMN "handlingMinutes" INTEGER;

-- CreateIndex
CREATE INDEX "WasteReport_createdAt_status_categoryId_handlingMinutes_idx" ON "WasteReport"("createdAt", "status", "categoryId", "handlingMinutes");

-- Backfill: reports resolved before this release
UPDATE "WasteReport" SET "handlingMinutes" = MAX(0, CAST(ROUND((julianday("resolvedAt") - julianday("createdAt")) * 1440) AS INTEGER)) WHERE "resolvedAt" IS NOT NULL;

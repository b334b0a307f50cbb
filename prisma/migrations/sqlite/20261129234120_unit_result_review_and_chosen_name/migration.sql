-- AlterTable
ALTER TABLE "Person" ADD COLUMN "chosenName" TEXT;

-- AlterTable
ALTER TABLE "WasteReport" ADD COLUMN "proposedAt" DATETIME;
ALTER TABLE "WasteReport" ADD COLUMN "proposedById" TEXT;
ALTER TABLE "WasteReport" ADD COLUMN "proposedResult" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "chosenName" TEXT;

-- AlterTable
ALTER TABLE "WasteReport" ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "proposedById" TEXT,
ADD COLUMN     "proposedResult" TEXT;

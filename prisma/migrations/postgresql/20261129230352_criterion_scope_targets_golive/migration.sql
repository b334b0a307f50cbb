-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "goLiveAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Criterion" ADD COLUMN     "noteEn" TEXT,
ADD COLUMN     "noteVi" TEXT,
ADD COLUMN     "ownerUnitId" TEXT,
ADD COLUMN     "rollup" TEXT,
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'unit',
ADD COLUMN     "weightCriterionCode" TEXT;

-- AlterTable
ALTER TABLE "CycleStatus" ADD COLUMN     "notRequiredAt" TIMESTAMP(3),
ADD COLUMN     "notRequiredById" TEXT;

-- CreateTable
CREATE TABLE "CriterionTarget" (
    "id" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "phaseCode" TEXT NOT NULL,
    "year" INTEGER,
    "basis" TEXT NOT NULL DEFAULT 'annual',
    "fromYear" INTEGER,
    "value" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "text" TEXT,
    "noteVi" TEXT,
    "noteEn" TEXT,

    CONSTRAINT "CriterionTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CriterionTarget_criterionId_idx" ON "CriterionTarget"("criterionId");

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_ownerUnitId_fkey" FOREIGN KEY ("ownerUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionTarget" ADD CONSTRAINT "CriterionTarget_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing installs went live when their campaign was first loaded.
UPDATE "Campaign" SET "goLiveAt" = "createdAt" WHERE "goLiveAt" IS NULL;

-- A criterion's single target becomes the target of the phase it was written for (the phase of
-- its year, or the first phase), and of no other: later phases get their own from the file.
INSERT INTO "CriterionTarget" ("id", "criterionId", "phaseCode", "basis", "value", "max", "text")
SELECT 'mig_' || c."id", c."id",
  (SELECT p."code" FROM "Phase" p WHERE p."campaignId" = c."campaignId"
     AND COALESCE(c."targetYear", (SELECT MIN(q."startYear") FROM "Phase" q WHERE q."campaignId" = c."campaignId")) BETWEEN p."startYear" AND p."endYear"
     ORDER BY p."startYear" LIMIT 1),
  'annual', c."targetValue", c."targetMax", c."targetText"
FROM "Criterion" c
WHERE (c."targetValue" IS NOT NULL OR c."targetText" IS NOT NULL)
  AND EXISTS (SELECT 1 FROM "Phase" p WHERE p."campaignId" = c."campaignId"
     AND COALESCE(c."targetYear", (SELECT MIN(q."startYear") FROM "Phase" q WHERE q."campaignId" = c."campaignId")) BETWEEN p."startYear" AND p."endYear");

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "goLiveAt" DATETIME;

-- AlterTable
ALTER TABLE "CycleStatus" ADD COLUMN "notRequiredAt" DATETIME;
ALTER TABLE "CycleStatus" ADD COLUMN "notRequiredById" TEXT;

-- CreateTable
CREATE TABLE "CriterionTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "criterionId" TEXT NOT NULL,
    "phaseCode" TEXT NOT NULL,
    "year" INTEGER,
    "basis" TEXT NOT NULL DEFAULT 'annual',
    "fromYear" INTEGER,
    "value" REAL,
    "max" REAL,
    "text" TEXT,
    "noteVi" TEXT,
    "noteEn" TEXT,
    CONSTRAINT "CriterionTarget_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Criterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "titleVi" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "areaId" TEXT,
    "measure" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "targetValue" REAL,
    "targetMax" REAL,
    "targetText" TEXT,
    "targetYear" INTEGER,
    "unitLabelVi" TEXT,
    "unitLabelEn" TEXT,
    "allowAbove100" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "scope" TEXT NOT NULL DEFAULT 'unit',
    "ownerUnitId" TEXT,
    "rollup" TEXT,
    "weightCriterionCode" TEXT,
    "noteVi" TEXT,
    "noteEn" TEXT,
    CONSTRAINT "Criterion_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Criterion_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Criterion_ownerUnitId_fkey" FOREIGN KEY ("ownerUnitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Criterion" ("active", "allowAbove100", "areaId", "campaignId", "code", "direction", "group", "id", "measure", "sortOrder", "targetMax", "targetText", "targetValue", "targetYear", "titleEn", "titleVi", "unitLabelEn", "unitLabelVi") SELECT "active", "allowAbove100", "areaId", "campaignId", "code", "direction", "group", "id", "measure", "sortOrder", "targetMax", "targetText", "targetValue", "targetYear", "titleEn", "titleVi", "unitLabelEn", "unitLabelVi" FROM "Criterion";
DROP TABLE "Criterion";
ALTER TABLE "new_Criterion" RENAME TO "Criterion";
CREATE UNIQUE INDEX "Criterion_campaignId_code_key" ON "Criterion"("campaignId", "code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CriterionTarget_criterionId_idx" ON "CriterionTarget"("criterionId");

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

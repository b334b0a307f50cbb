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
    "rateOfChange" BOOLEAN NOT NULL DEFAULT false,
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
INSERT INTO "new_Criterion" ("active", "allowAbove100", "areaId", "campaignId", "code", "direction", "group", "id", "measure", "noteEn", "noteVi", "ownerUnitId", "rollup", "scope", "sortOrder", "targetMax", "targetText", "targetValue", "targetYear", "titleEn", "titleVi", "unitLabelEn", "unitLabelVi", "weightCriterionCode") SELECT "active", "allowAbove100", "areaId", "campaignId", "code", "direction", "group", "id", "measure", "noteEn", "noteVi", "ownerUnitId", "rollup", "scope", "sortOrder", "targetMax", "targetText", "targetValue", "targetYear", "titleEn", "titleVi", "unitLabelEn", "unitLabelVi", "weightCriterionCode" FROM "Criterion";
DROP TABLE "Criterion";
ALTER TABLE "new_Criterion" RENAME TO "Criterion";
CREATE UNIQUE INDEX "Criterion_campaignId_code_key" ON "Criterion"("campaignId", "code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "PhaseReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "phaseCode" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "openedById" TEXT NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PhaseReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "submittedById" TEXT NOT NULL,
    CONSTRAINT "PhaseReport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PhaseReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommendationProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "nomineeKind" TEXT NOT NULL,
    "nomineeName" TEXT NOT NULL,
    "awardCode" TEXT NOT NULL,
    "achievements" TEXT NOT NULL,
    "initiative" TEXT,
    "state" TEXT NOT NULL DEFAULT 'submitted',
    "returnReason" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    CONSTRAINT "CommendationProposal_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PhaseReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "sourceHash" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL,
    "scheduleJson" TEXT NOT NULL DEFAULT '{}',
    "goLiveAt" DATETIME,
    "suggestionRuleJson" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Campaign" ("code", "createdAt", "endYear", "goLiveAt", "id", "loadedAt", "nameEn", "nameVi", "scheduleJson", "sourceHash", "startYear", "timezone") SELECT "code", "createdAt", "endYear", "goLiveAt", "id", "loadedAt", "nameEn", "nameVi", "scheduleJson", "sourceHash", "startYear", "timezone" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_code_key" ON "Campaign"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PhaseReview_campaignId_phaseCode_key" ON "PhaseReview"("campaignId", "phaseCode");

-- CreateIndex
CREATE UNIQUE INDEX "PhaseReport_reviewId_unitId_key" ON "PhaseReport"("reviewId", "unitId");

-- CreateIndex
CREATE INDEX "CommendationProposal_reviewId_state_idx" ON "CommendationProposal"("reviewId", "state");

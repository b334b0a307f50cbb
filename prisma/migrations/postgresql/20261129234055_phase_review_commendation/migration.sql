-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "suggestionRuleJson" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "PhaseReview" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "phaseCode" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "openedById" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "PhaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhaseReport" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT NOT NULL,

    CONSTRAINT "PhaseReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommendationProposal" (
    "id" TEXT NOT NULL,
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
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "CommendationProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PhaseReview_campaignId_phaseCode_key" ON "PhaseReview"("campaignId", "phaseCode");

-- CreateIndex
CREATE UNIQUE INDEX "PhaseReport_reviewId_unitId_key" ON "PhaseReport"("reviewId", "unitId");

-- CreateIndex
CREATE INDEX "CommendationProposal_reviewId_state_idx" ON "CommendationProposal"("reviewId", "state");

-- AddForeignKey
ALTER TABLE "PhaseReport" ADD CONSTRAINT "PhaseReport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PhaseReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommendationProposal" ADD CONSTRAINT "CommendationProposal_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PhaseReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

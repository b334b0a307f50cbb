-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "digestOptIn" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CycleStatus" (
    "id" TEXT NOT NULL,
    "cycleCode" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "paperAt" TIMESTAMP(3),
    "paperById" TEXT,
    "snoozedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CycleStatus_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CycleStatus_cycleCode_unitId_period_key" ON "CycleStatus"("cycleCode", "unitId", "period");

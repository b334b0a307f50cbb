-- CreateTable
CREATE TABLE "FailedUpdate" (
    "channel" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "lastError" TEXT NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL,
    "gaveUpAt" TIMESTAMP(3),

    CONSTRAINT "FailedUpdate_pkey" PRIMARY KEY ("channel","updateId")
);

-- CreateIndex
CREATE INDEX "FailedUpdate_gaveUpAt_idx" ON "FailedUpdate"("gaveUpAt");

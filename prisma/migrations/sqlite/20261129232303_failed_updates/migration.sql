-- CreateTable
CREATE TABLE "FailedUpdate" (
    "channel" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "lastError" TEXT NOT NULL,
    "failedAt" DATETIME NOT NULL,
    "gaveUpAt" DATETIME,

    PRIMARY KEY ("channel", "updateId")
);

-- CreateIndex
CREATE INDEX "FailedUpdate_gaveUpAt_idx" ON "FailedUpdate"("gaveUpAt");

-- CreateTable
CREATE TABLE "WebChatEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "identityId" TEXT NOT NULL,
    "clientMessageId" TEXT NOT NULL,
    "afterMessageId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebChatEntry_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WebChatEntry_identityId_afterMessageId_idx" ON "WebChatEntry"("identityId", "afterMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "WebChatEntry_identityId_clientMessageId_key" ON "WebChatEntry"("identityId", "clientMessageId");

-- CreateTable
CREATE TABLE "WebChatEntry" (
    "id" SERIAL NOT NULL,
    "identityId" TEXT NOT NULL,
    "clientMessageId" TEXT NOT NULL,
    "afterMessageId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebChatEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebChatEntry_identityId_afterMessageId_idx" ON "WebChatEntry"("identityId", "afterMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "WebChatEntry_identityId_clientMessageId_key" ON "WebChatEntry"("identityId", "clientMessageId");

-- AddForeignKey
ALTER TABLE "WebChatEntry" ADD CONSTRAINT "WebChatEntry_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

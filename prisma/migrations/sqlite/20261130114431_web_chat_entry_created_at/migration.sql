-- CreateIndex
CREATE INDEX "WebChatEntry_createdAt_idx" ON "WebChatEntry"("createdAt");

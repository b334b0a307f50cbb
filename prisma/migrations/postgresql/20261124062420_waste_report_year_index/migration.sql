-- CreateIndex
CREATE INDEX "WasteReport_createdAt_status_categoryId_resolvedAt_idx" ON "WasteReport"("createdAt", "status", "categoryId", "resolvedAt");

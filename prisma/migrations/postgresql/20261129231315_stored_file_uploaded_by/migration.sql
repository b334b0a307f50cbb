-- AlterTable
ALTER TABLE "StoredFile" ADD COLUMN     "uploadedBy" TEXT;

-- CreateIndex
CREATE INDEX "StoredFile_uploadedBy_createdAt_idx" ON "StoredFile"("uploadedBy", "createdAt");

-- CreateIndex
CREATE INDEX "StoredFile_createdAt_idx" ON "StoredFile"("createdAt");

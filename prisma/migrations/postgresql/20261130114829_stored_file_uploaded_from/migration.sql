-- AlterTable
ALTER TABLE "StoredFile" ADD COLUMN     "uploadedFrom" TEXT;

-- CreateIndex
CREATE INDEX "StoredFile_uploadedFrom_createdAt_idx" ON "StoredFile"("uploadedFrom", "createdAt");

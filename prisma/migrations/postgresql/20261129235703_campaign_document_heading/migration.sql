-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "authorityVi" TEXT,
ADD COLUMN     "issuerVi" TEXT;

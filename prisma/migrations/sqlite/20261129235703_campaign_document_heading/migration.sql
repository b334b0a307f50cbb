-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "authorityVi" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "issuerVi" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "RoleAssignment" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "campaignId" TEXT;

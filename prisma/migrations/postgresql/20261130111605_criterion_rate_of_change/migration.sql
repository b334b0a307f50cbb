-- AlterTable
ALTER TABLE "Criterion" ADD COLUMN     "rateOfChange" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "UnitKind" ADD COLUMN "place" BOOLEAN NOT NULL DEFAULT false;

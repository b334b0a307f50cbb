import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/store/apply-migrations.js';
import { createDatabase } from '../../src/store/create-database.js';
import { migrationsDir, readMigrations } from '../../src/store/read-migrations.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const SCOPES = 'criterion_scope_targets_golive';

describe.each(providers)('migrating to scopes and phase targets (%s)', (provider) => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of made) await d.drop();
  });

  it('should keep every stored figure and carry a target over to the phase it was written for', async () => {
    const database = await createEmptyDatabase(provider);
    made.push(database);
    const dir = migrationsDir(provider);
    const all = readMigrations(provider).migrationDirectories.map((d) => d.path);
    const before = all.slice(0, all.findIndex((name) => name.endsWith(SCOPES)));
    const older = mkdtempSync(path.join(os.tmpdir(), 'thidua-migrations-'));
    cpSync(path.join(dir, 'migration_lock.toml'), path.join(older, 'migration_lock.toml'));
    for (const name of before) cpSync(path.join(dir, name), path.join(older, name), { recursive: true });
    await applyMigrations({ target: database.target, dir: older });
    rmSync(older, { recursive: true, force: true });

    // A database of the previous release: one target per criterion, figures from every department.
    let { db, close } = await createDatabase(database.target);
    const created = new Date('2025-03-01T02:00:00Z');
    await db.$executeRaw`INSERT INTO "Campaign" ("id", "code", "nameVi", "nameEn", "startYear", "endYear", "sourceHash", "loadedAt", "createdAt") VALUES ('c1', 'DAK_NONG_2022_2030', 'KH', 'Plan', 2022, 2030, 'old', ${created}, ${created})`;
    await db.$executeRaw`INSERT INTO "Phase" ("id", "campaignId", "code", "nameVi", "nameEn", "startYear", "endYear", "reviewYear", "reviewKind") VALUES ('p1', 'c1', 'P1', 'GĐ1', 'P1', 2022, 2025, 2025, 'midterm'), ('p2', 'c1', 'P2', 'GĐ2', 'P2', 2026, 2030, 2030, 'final')`;
    await db.$executeRaw`INSERT INTO "UnitKind" ("id", "campaignId", "code", "nameVi", "nameEn") VALUES ('k1', 'c1', 'department', 'Sở', 'Department')`;
    await db.$executeRaw`INSERT INTO "Unit" ("id", "campaignId", "code", "nameVi", "nameEn", "kindId") VALUES ('u1', 'c1', 'SO_TC', 'Sở Tài chính', 'Finance', 'k1'), ('u2', 'c1', 'SO_KHDT', 'Sở KH&ĐT', 'Planning', 'k1')`;
    await db.$executeRaw`INSERT INTO "Criterion" ("id", "campaignId", "code", "titleVi", "titleEn", "group", "measure", "direction", "targetValue", "targetText", "targetYear") VALUES ('r1', 'c1', 'BUDGET_REVENUE', 'Thu NS', 'Revenue', 'thrift', 'money', 'higher', 18400000000000, 'Trên 18.400 tỷ đồng', 2025), ('r2', 'c1', 'PUBLIC_INVESTMENT_DISBURSEMENT', 'Giải ngân', 'Disbursement', 'infrastructure', 'percent', 'higher', 100, NULL, NULL), ('r3', 'c1', 'THRIFT_SAVINGS', 'Tiết kiệm', 'Savings', 'thrift', 'money', 'higher', NULL, NULL, NULL)`;
    await db.$executeRaw`INSERT INTO "Person" ("id", "displayName") VALUES ('who', 'Đầu mối')`;
    await db.$executeRaw`INSERT INTO "ProgressUpdate" ("id", "unitId", "criterionId", "period", "year", "valueNumber", "submittedById") VALUES ('f1', 'u1', 'r1', '2025', 2025, 4300000000000, 'who'), ('f2', 'u2', 'r1', '2025', 2025, 4250000000000, 'who')`;
    await close();

    expect(await applyMigrations({ target: database.target })).toEqual(all.slice(before.length));
    ({ db, close } = await createDatabase(database.target));
    try {
      // Both departments' revenue figures are still there.
      expect((await db.progressUpdate.findMany({ orderBy: { id: 'asc' } })).map((f) => [f.unitId, f.valueNumber])).toEqual([['u1', 4.3e12], ['u2', 4.25e12]]);
      // Each target belongs to the phase of its year (or the first phase), and to no other.
      const targets = await db.criterionTarget.findMany({ orderBy: { criterionId: 'asc' } });
      expect(targets.map((t) => [t.criterionId, t.phaseCode, t.basis, t.value])).toEqual([['r1', 'P1', 'annual', 18.4e12], ['r2', 'P1', 'annual', 100]]);
      // The install went live when its campaign was first loaded.
      expect((await db.campaign.findUniqueOrThrow({ where: { id: 'c1' } })).goLiveAt).toEqual(created);
      expect((await db.criterion.findUniqueOrThrow({ where: { id: 'r1' } })).scope).toBe('unit');
    } finally {
      await close();
    }
  });
});

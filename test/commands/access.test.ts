import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeInput } from '../../src/bot/route-input.js';
import { allCommands } from '../../src/commands/all-commands.js';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { hasRole, ZRole, type TRole } from '../../src/domain/role.js';
import type { TReply } from '../../src/core/message.js';
import { makeFlowContext } from '../helpers/flow-context.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase } from '../helpers/test-database.js';

const rolesOf: Record<TRole, TRole[]> = {
  citizen: ['citizen'],
  unit_contact: ['citizen', 'unit_contact'],
  official: ['citizen', 'official'],
  admin: ['citizen', 'admin'],
};

const keysOf = (replies: TReply[]) => JSON.stringify(replies);

describe('command access rules', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let campaignId: string;
  let unitId: string;
  const clock = new TestClock();

  beforeAll(async () => {
    testDb = await createMigratedDatabase('sqlite');
    campaignId = (await loadCampaign({ db: testDb.database.db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock })).campaignId;
    unitId = (await testDb.database.db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } })).id;
  });
  afterAll(async () => testDb?.drop());

  it('should have a declared rule for every command', () => {
    for (const command of allCommands()) {
      expect(command.allow === 'everyone' || (Array.isArray(command.allow) && command.allow.length > 0), `/${command.names[0]}`).toBe(true);
    }
  });

  it('should have no two commands sharing a name', () => {
    const names = allCommands().flatMap((c) => c.names);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const role of ZRole.options) {
    for (const command of allCommands()) {
      for (const name of command.names) {
        const allowed = command.allow === 'everyone' || command.allow.some((r) => hasRole(rolesOf[role], r));
        it(`should ${allowed ? 'let' : 'refuse'} a ${role} use /${name}`, async () => {
          const { db } = testDb.database;
          const person = await db.person.create({ data: { displayName: role } });
          await db.$transaction(async (tx) => {
            const unitIds = role === 'unit_contact' ? [unitId] : [];
            const ctx = makeFlowContext(tx, { clock, personId: person.id, roles: rolesOf[role], campaignId, unitIds });
            const result = await routeInput({ kind: 'command', name, args: '' }, null, ctx, {
              conversationTtlMs: 86_400_000,
              labelsOf: () => [],
            });
            const text = keysOf(result.replies);
            if (allowed) expect(text).not.toContain('access.denied');
            else {
              expect(text).toContain('access.denied');
              // The refusal says nothing about what the command would have done.
              expect(result.replies).toHaveLength(1);
              expect(result.conversation).toBeNull();
            }
          });
        });
      }
    }
  }
});

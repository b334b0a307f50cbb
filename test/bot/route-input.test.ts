import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeInput } from '../../src/bot/route-input.js';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import type { TConversation } from '../../src/flows/engine/conversation.js';
import type { TInput } from '../../src/core/input.js';
import { makeFlowContext } from '../helpers/flow-context.js';
import { HOUR, TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase } from '../helpers/test-database.js';

describe('routeInput', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let campaignId: string;
  const clock = new TestClock();

  beforeAll(async () => {
    testDb = await createMigratedDatabase('sqlite');
    campaignId = (await loadCampaign({ db: testDb.database.db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock })).campaignId;
  });
  afterAll(async () => testDb?.drop());

  async function turn(input: TInput, conversation: TConversation | null) {
    const { db } = testDb.database;
    const person = await db.person.create({ data: { displayName: 'A', locale: 'vi' } });
    return db.$transaction((tx) => {
      const ctx = makeFlowContext(tx, { clock, personId: person.id, roles: ['citizen', 'official'], campaignId });
      return routeInput(input, conversation, ctx, { conversationTtlMs: 24 * HOUR, labelsOf: () => [] });
    });
  }

  it('should start a flow from a command and number its prompts', async () => {
    const result = await turn({ kind: 'command', name: 'invite', args: '' }, null);
    expect(result.conversation).toMatchObject({ flowId: 'invite', step: 'role', seq: 1 });
    expect(result.replies.at(-1)!.buttons!.flat().map((b) => b.data)).toEqual(['p1:0', 'p1:1']);
  });

  it('should expire a conversation idle for more than a day, politely', async () => {
    const started = await turn({ kind: 'command', name: 'moi', args: '' }, null);
    clock.advance(25 * HOUR);
    const result = await turn({ kind: 'button', data: 'p1:0' }, started.conversation);
    expect(result.conversation).toBeNull();
    expect(JSON.stringify(result.replies)).toContain('flow.expired');
    expect(JSON.stringify(result.replies)).toContain('menu.title');
  });

  it('should keep the flow and re-ask after /help', async () => {
    const started = await turn({ kind: 'command', name: 'moi', args: '' }, null);
    const result = await turn({ kind: 'command', name: 'help', args: '' }, started.conversation);
    expect(result.conversation).toEqual(started.conversation);
    expect(JSON.stringify(result.replies.at(-1))).toContain('invite.chooseRole');
  });

  it('should leave the flow when another flow starts', async () => {
    const started = await turn({ kind: 'command', name: 'moi', args: '' }, null);
    const result = await turn({ kind: 'command', name: 'start', args: 'NOT-A-CODE' }, started.conversation);
    expect(result.conversation).toMatchObject({ flowId: 'onboarding', step: 'code' });
    expect(result.conversation!.seq).toBeGreaterThan(started.conversation!.seq);
    expect(JSON.stringify(result.replies[0])).toContain('flow.leftKeeps.invite');
  });

  it('should answer a stray button or text with the menu', async () => {
    expect(JSON.stringify((await turn({ kind: 'button', data: 'p9:0' }, null)).replies)).toContain('errors.staleButtonNoFlow');
    expect(JSON.stringify((await turn({ kind: 'text', text: 'xin chào' }, null)).replies)).toContain('fallback.text');
  });

  it('should offer words typed out of the blue as a report, keeping them as its description', async () => {
    const words = 'Đèn đường ở đường Lê Duẩn bật sáng cả ban ngày';
    const result = await turn({ kind: 'text', text: words }, null);
    expect(result.conversation).toMatchObject({ flowId: 'waste', step: 'offer' });
    expect(result.conversation!.data).toMatchObject({ description: words, offered: true });
    expect(JSON.stringify(result.replies)).toContain('waste.offer.text');
    expect(JSON.stringify(result.replies)).toContain(words);
  });

  it('should offer words typed into a dialog that expired meanwhile, after saying it expired', async () => {
    const started = await turn({ kind: 'command', name: 'moi', args: '' }, null);
    clock.advance(25 * HOUR);
    const words = 'Xe công đỗ cả tuần ở sân trụ sở mà không ai dùng đến';
    const result = await turn({ kind: 'text', text: words }, started.conversation);
    expect(JSON.stringify(result.replies[0])).toContain('flow.expired');
    expect(result.conversation).toMatchObject({ flowId: 'waste', step: 'offer', data: expect.objectContaining({ description: words }) });
  });

  it('should leave a dialog on a cancel word typed without the slash', async () => {
    for (const word of ['hủy', 'Huỷ', 'cancel', ' thoát ']) {
      const started = await turn({ kind: 'command', name: 'moi', args: '' }, null);
      const result = await turn({ kind: 'text', text: word }, started.conversation);
      expect(result.conversation).toBeNull();
      expect(JSON.stringify(result.replies)).toContain('flow.leftKeeps.invite');
    }
  });

  it('should read a tracking code typed alone as a question about that report, and ordinary words not', async () => {
    expect(JSON.stringify((await turn({ kind: 'text', text: 'pa-7k3q-f9zb' }, null)).replies)).toContain('track.notFound');
    expect(JSON.stringify((await turn({ kind: 'text', text: 'hello123' }, null)).replies)).toContain('fallback.text');
  });
});

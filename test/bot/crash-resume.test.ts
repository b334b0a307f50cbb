import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../helpers/bot-process.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const ADMIN = 9001;

describe.each(providers)('kill -9 in the middle of a flow (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let bot: BotProcess;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    bot = new BotProcess({
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      ADMINS: `telegram:${ADMIN}`,
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
    });
  });
  afterAll(async () => {
    await bot?.kill();
    await api?.stop();
    await database?.drop();
  });

  it('should continue every step of the invite flow after a SIGKILL and restart', async () => {
    await bot.start();
    const steps: [string, (count: number) => void, string][] = [
      ['/moi', () => api.pushText(ADMIN, '/moi'), 'Tạo mã mời cho ai?'],
      ['role', () => api.pushButton(ADMIN, api.buttonData(ADMIN, 'Đầu mối đơn vị')), 'Đơn vị thuộc loại nào?'],
      ['kind', () => api.pushButton(ADMIN, api.buttonData(ADMIN, 'Sở, ban, ngành')), 'Chọn đơn vị:'],
      ['unit', () => api.pushText(ADMIN, 'Sở Xây dựng'), 'Xác nhận tạo mã mời:'],
      ['confirm', () => api.pushButton(ADMIN, api.buttonData(ADMIN, 'Tạo mã')), 'Đã tạo mã mời.'],
    ];
    let expected = 0;
    for (const [name, act, reply] of steps) {
      act(expected);
      expected += 1;
      const messages = await api.waitForMessages(ADMIN, expected, 20_000);
      expect(messages.at(-1)!.text, `after ${name}`).toContain(reply);
      await bot.kill();
      await bot.start();
    }
    const code = /Mã mời: ([0-9A-Z-]+)/.exec(api.messagesTo(ADMIN).at(-1)!.text)![1]!;
    expect(api.messagesTo(ADMIN).at(-1)!.text).toContain('Sở Xây dựng');

    // The code works for a new contact, through the restarted bot.
    api.pushText(9002, `/start ${code}`);
    const [joined] = await api.waitForMessages(9002, 1, 20_000);
    expect(joined!.text).toContain('Xác nhận thành công');
    // Nothing was sent twice across the restarts.
    expect(api.messagesTo(ADMIN)).toHaveLength(steps.length);
  });

  it('should stop cleanly on SIGTERM', async () => {
    expect(await bot.terminate()).toBe(0);
    expect(bot.output).toContain('"msg":"stopped"');
  });
});

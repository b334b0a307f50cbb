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

  it('should keep a citizen\'s waste report through a SIGKILL at every step', async () => {
    const citizen = 9100;
    const steps: [() => void, string][] = [
      [() => api.pushText(citizen, '/phananh'), 'Lãng phí thuộc lĩnh vực nào?'],
      [() => api.pushButton(citizen, api.buttonData(citizen, 'Tổ chức lễ hội')), 'Hãy mô tả sự việc'],
      [() => api.pushText(citizen, 'Cổng chào lễ hội làm ba lần trong một năm, rất tốn kém.'), 'Sự việc ở đâu?'],
      [() => api.pushText(citizen, 'Quảng trường thành phố Gia Nghĩa'), 'Gửi ảnh chụp sự việc'],
      [() => api.pushButton(citizen, api.buttonData(citizen, 'Bỏ qua')), 'Bạn muốn gửi ẩn danh hay ghi tên?'],
      [() => api.pushButton(citizen, api.buttonData(citizen, 'Gửi ẩn danh')), 'Vui lòng kiểm tra lại phản ánh'],
      [() => api.pushButton(citizen, api.buttonData(citizen, 'Gửi phản ánh')), 'Đã tiếp nhận phản ánh'],
    ];
    let expected = api.messagesTo(citizen).length;
    for (const [act, reply] of steps) {
      act();
      const messages = await api.waitForMessages(citizen, expected + 1, 20_000);
      expected = messages.length;
      expect(messages.map((m) => m.text).join('\n')).toContain(reply);
      await bot.kill();
      await bot.start();
    }
    const summary = api.messagesTo(citizen).find((m) => m.text.includes('Vui lòng kiểm tra lại phản ánh'))!;
    expect(summary.text).toContain('Quảng trường thành phố Gia Nghĩa');
    expect(summary.text).toContain('Cổng chào lễ hội làm ba lần');
  });

  it('should stop cleanly on SIGTERM', async () => {
    expect(await bot.terminate()).toBe(0);
    expect(bot.output).toContain('"msg":"stopped"');
  });
});

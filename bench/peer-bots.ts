/**
 * What the bot's CPU time is compared with.
 *
 * The peer is what a competent developer would write instead of the bot: telegraf with its
 * session() kept in SQLite by @telegraf/session's store, two wizard scenes (a waste report
 * and a progress update), the commands answered from the database, and one Prisma write per
 * turn (a row of the turn's audit log, on the project's own schema and client). It offers the
 * same buttons as the bot, so the same journeys drive it.
 *
 * The bare bot only replies, with every label the journeys press: the floor of telegraf and
 * the fake Bot API.
 */
import path from 'node:path';
import { SQLite } from '@telegraf/session/sqlite';
import { Markup, Scenes, session, Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Update } from 'telegraf/types';
import type { FakeTelegramApi } from '../test/helpers/fake-telegram-api.js';
import { createMigratedDatabase } from '../test/helpers/test-database.js';
import { ALL_LABELS } from './journeys.js';

interface Draft extends Scenes.WizardSessionData {
  category?: string;
  description?: string;
  photos?: string[];
  criterion?: string;
  period?: string;
  value?: number;
}
type Session = Scenes.WizardSession<Draft> & { lang?: string; role?: string };
type Ctx = Scenes.WizardContext<Draft> & { session: Session };

const CATEGORIES = ['Mua sắm, đầu tư xây dựng, quản lý tài sản công', 'Tổ chức lễ hội, hội nghị, tiếp khách', 'Sử dụng xe công', 'Khác'];
const CRITERIA = ['Thu ngân sách nhà nước trên địa bàn', 'Tỉ trọng chi thường xuyên', 'Số vụ việc lãng phí được phát hiện và xử lý'];
const keyboard = (labels: string[], prefix: string) => Markup.inlineKeyboard(labels.map((l, i) => [Markup.button.callback(l, `${prefix}:${i}`)]));
const pressed = (ctx: Ctx) => (ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);

export interface BenchPeer {
  handle(u: Update): Promise<void>;
  stop(): Promise<void>;
}

export async function startPeerBot(api: FakeTelegramApi): Promise<BenchPeer> {
  const database = await createMigratedDatabase('sqlite');
  const { db } = database.database;
  const store = SQLite<Session>({ filename: path.join(path.dirname(new URL(database.url).pathname), 'sessions.db') });

  const waste = new Scenes.WizardScene<Ctx>(
    'waste',
    async (ctx) => {
      await ctx.reply('Chọn lĩnh vực lãng phí:', keyboard(CATEGORIES, 'cat'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      const data = pressed(ctx);
      if (!data?.startsWith('cat:')) return ctx.reply('Vui lòng chọn một lĩnh vực.');
      await ctx.answerCbQuery();
      ctx.scene.session.category = CATEGORIES[Number(data.slice(4))];
      await ctx.reply('Mô tả sự việc (ít nhất 20 ký tự):');
      return ctx.wizard.next();
    },
    async (ctx) => {
      const text = ctx.message && 'text' in ctx.message ? ctx.message.text : '';
      if (text.length < 20) return ctx.reply(`Mô tả cần ít nhất 20 ký tự, bạn mới nhập ${text.length}.`);
      ctx.scene.session.description = text;
      await ctx.reply('Sự việc ở đâu? Gửi vị trí, hoặc bấm Bỏ qua.', keyboard(['Bỏ qua'], 'place'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (pressed(ctx)) await ctx.answerCbQuery();
      await ctx.reply('Gửi ảnh chụp sự việc nếu có (tối đa 5 ảnh), hoặc bấm Bỏ qua.', keyboard(['Bỏ qua'], 'photos'));
      ctx.scene.session.photos = [];
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (ctx.message && 'photo' in ctx.message) {
        const photo = ctx.message.photo.at(-1)!;
        // Checks that it is an image, as the bot does, from its first bytes.
        const res = await fetch(await ctx.telegram.getFileLink(photo.file_id), { headers: { range: 'bytes=0-63' } });
        const head = new Uint8Array(await res.arrayBuffer());
        if (head[0] !== 0xff || head[1] !== 0xd8) return ctx.reply('Vui lòng gửi một ảnh.');
        ctx.scene.session.photos!.push(photo.file_id);
        return ctx.reply(`Đã nhận ${ctx.scene.session.photos!.length}/5 ảnh. Gửi thêm ảnh, hoặc bấm Xong.`, keyboard(['Xong'], 'photos'));
      }
      if (!pressed(ctx)) return ctx.reply('Vui lòng gửi một ảnh.');
      await ctx.answerCbQuery();
      await ctx.reply('Bạn muốn gửi ẩn danh hay ghi tên?', keyboard(['Gửi ẩn danh', 'Ghi tên tôi'], 'who'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (!pressed(ctx)) return ctx.reply('Vui lòng chọn.');
      await ctx.answerCbQuery();
      const s = ctx.scene.session;
      await ctx.reply(`Kiểm tra lại:\nLĩnh vực: ${s.category}\nNội dung: ${s.description}\nẢnh đính kèm: ${s.photos!.length}`, keyboard(['Gửi phản ánh', 'Hủy'], 'send'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (pressed(ctx) !== 'send:0') return ctx.reply('Bấm Gửi phản ánh để gửi.');
      await ctx.answerCbQuery();
      await ctx.reply(`Đã nhận phản ánh. Mã theo dõi: PA-${ctx.update.update_id.toString(36).toUpperCase()}`);
      return ctx.scene.leave();
    },
  );

  const progress = new Scenes.WizardScene<Ctx>(
    'progress',
    async (ctx) => {
      await ctx.reply('Chọn tiêu chí cần cập nhật:', keyboard(CRITERIA, 'crit'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      const data = pressed(ctx);
      if (!data?.startsWith('crit:')) return ctx.reply('Vui lòng chọn một tiêu chí.');
      await ctx.answerCbQuery();
      ctx.scene.session.criterion = CRITERIA[Number(data.slice(5))];
      const year = new Date().getFullYear();
      await ctx.reply('Số liệu cho kỳ nào?', keyboard([1, 2, 3, 4].map((q) => `Quý ${q}/${year}`).concat(`Năm ${year}`), 'period'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (!pressed(ctx)) return ctx.reply('Vui lòng chọn kỳ.');
      await ctx.answerCbQuery();
      ctx.scene.session.period = pressed(ctx);
      await ctx.reply('Nhập số tiền (ví dụ: 12 tỷ):');
      return ctx.wizard.next();
    },
    async (ctx) => {
      const text = ctx.message && 'text' in ctx.message ? ctx.message.text : '';
      const m = /^([\d.,]+)\s*(tỷ|triệu)?$/i.exec(text.trim());
      if (!m) return ctx.reply('Chưa đọc được số tiền. Ví dụ: 12 tỷ');
      ctx.scene.session.value = Number(m[1]!.replace(/\./g, '').replace(',', '.')) * (m[2] === 'tỷ' ? 1e9 : m[2] ? 1e6 : 1);
      await ctx.reply('Ghi chú (nếu có), hoặc bấm Bỏ qua.', keyboard(['Bỏ qua'], 'note'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (pressed(ctx)) await ctx.answerCbQuery();
      await ctx.reply('Gửi minh chứng nếu có, hoặc bấm Bỏ qua.', keyboard(['Bỏ qua'], 'evidence'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (pressed(ctx)) await ctx.answerCbQuery();
      const s = ctx.scene.session;
      await ctx.reply(`${s.criterion}: ${s.value?.toLocaleString('vi-VN')} đồng (${s.period})`, keyboard(['Lưu', 'Hủy'], 'save'));
      return ctx.wizard.next();
    },
    async (ctx) => {
      if (pressed(ctx) !== 'save:0') return ctx.reply('Bấm Lưu để lưu.');
      await ctx.answerCbQuery();
      await ctx.reply('Đã lưu số liệu.');
      return ctx.scene.leave();
    },
  );

  const bot = new Telegraf<Ctx>(api.token, { telegram: { apiRoot: api.url } });
  bot.use(session({ store, defaultSession: (): Session => ({}) }));
  // One write per turn: the turn, recorded.
  bot.use(async (ctx, next) => {
    await next();
    await db.auditLog.create({ data: { action: 'turn', subjectType: 'chat', subjectId: String(ctx.chat?.id ?? ''), detailsJson: JSON.stringify(ctx.session.__scenes ?? {}) } });
  });
  const stage = new Scenes.Stage<Ctx>([waste, progress]);
  bot.use(stage.middleware());
  bot.start((ctx) => ctx.reply('Chào mừng! Chọn ngôn ngữ / Choose a language:', keyboard(['Tiếng Việt', 'English'], 'lang')));
  bot.action(/^lang:/, async (ctx) => {
    await ctx.answerCbQuery();
    ctx.session.lang = ctx.match.input === 'lang:0' ? 'vi' : 'en';
    await ctx.reply('Bạn là:', keyboard(['Người dân', 'Đầu mối báo cáo của đơn vị', 'Cán bộ theo dõi'], 'role'));
  });
  bot.action(/^role:/, async (ctx) => {
    await ctx.answerCbQuery();
    ctx.session.role = ctx.match.input;
    await ctx.reply('Xin chào! Gửi /phananh để phản ánh lãng phí, /trogiup để xem hướng dẫn.');
  });
  bot.command('trogiup', (ctx) => ctx.reply('/phananh — phản ánh lãng phí\n/capnhat — cập nhật tiến độ\n/tonghop — tổng hợp\n/hopthu — hộp thư\n/quahan — quá hạn'));
  bot.command('phananh', (ctx) => ctx.scene.enter('waste'));
  bot.command('capnhat', (ctx) => ctx.scene.enter('progress'));
  bot.command('tonghop', async (ctx) => {
    const byStatus = await db.wasteReport.groupBy({ by: ['status'], _count: true });
    await ctx.reply(`Tổng hợp: ${byStatus.map((s) => `${s.status}: ${s._count}`).join(', ') || 'chưa có phản ánh'}`);
  });
  bot.command('hopthu', async (ctx) => {
    const latest = await db.wasteReport.findMany({ where: { status: 'received' }, orderBy: { createdAt: 'desc' }, take: 10 });
    await ctx.reply(latest.length ? latest.map((r) => r.code).join('\n') : 'Hộp thư trống.');
  });
  bot.command('quahan', async (ctx) => {
    const overdue = await db.wasteReport.count({ where: { status: { in: ['received', 'verifying'] }, createdAt: { lt: new Date(Date.now() - 7 * 86_400_000) } } });
    await ctx.reply(`Quá hạn: ${overdue}`);
  });
  return {
    handle: (u) => bot.handleUpdate(u),
    stop: () => database.drop(),
  };
}

/** The floor: a telegraf bot that only replies, with the buttons every journey presses. */
export function bareBot(api: { token: string; url: string }): Telegraf {
  const bare = new Telegraf(api.token, { telegram: { apiRoot: api.url } });
  const labels = keyboard(ALL_LABELS, 'x');
  bare.on(message(), (ctx) => ctx.reply('ok', labels));
  bare.on('callback_query', (ctx) => ctx.reply('ok', labels));
  return bare;
}

export function startBareBot(api: FakeTelegramApi): BenchPeer {
  const bare = bareBot(api);
  return { handle: (u) => bare.handleUpdate(u), stop: async () => {} };
}

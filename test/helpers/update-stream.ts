import type { Update } from 'telegraf/types';
import type { FakeTelegramApi } from './fake-telegram-api.js';

/**
 * Realistic Telegram updates for load: what a newcomer does in the first minute (the
 * language, the role, the help, a whole waste report). Shared by the soak test and the bench.
 */
export class UpdateStream {
  private nextUpdateId = 1;
  /** How many messages each user had been sent when their last update was made. */
  private readonly seen = new Map<number, number>();

  constructor(private readonly api: FakeTelegramApi) {}

  text(user: number, text: string): Update {
    this.seen.set(user, this.api.messagesTo(user).length);
    const id = this.nextUpdateId++;
    return {
      update_id: id,
      message: { message_id: id, date: 0, chat: { id: user, type: 'private', first_name: 'B' }, from: { id: user, is_bot: false, first_name: 'B' }, text },
    } as Update;
  }

  button(user: number, data: string): Update {
    this.seen.set(user, this.api.messagesTo(user).length);
    const id = this.nextUpdateId++;
    return {
      update_id: id,
      callback_query: { id: String(id), chat_instance: '1', from: { id: user, is_bot: false, first_name: 'B' }, message: { message_id: 1, date: 0, chat: { id: user, type: 'private', first_name: 'B' }, text: '' }, data },
    } as Update;
  }

  /**
   * A press of the button labelled so in the answer to the user's last update. Replies are
   * delivered after the turn that queued them, so the answer may reach the chat a moment after
   * its update was handled: the button is waited for, as a person would, and a button of an
   * older message with the same label is never taken for it.
   */
  async press(user: number, label: string): Promise<Update> {
    for (const deadline = Date.now() + 15_000; ; ) {
      const answer = this.api.messagesTo(user).slice(this.seen.get(user) ?? 0);
      const button = answer.flatMap((m) => m.buttons.flat()).findLast((b) => b.text.includes(label));
      if (button) return this.button(user, button.data);
      if (Date.now() > deadline) throw new Error(`no button "${label}" in the answer to ${user}'s last update`);
      this.late++;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** How many times a button was not there yet when pressed. */
  late = 0;

  /** Eleven updates; `send` hands each to the bot and waits for it to be handled. */
  async journey(user: number, send: (u: Update) => Promise<void>): Promise<void> {
    await send(this.text(user, '/start'));
    await send(await this.press(user, 'Tiếng Việt'));
    await send(await this.press(user, 'Người dân'));
    await send(this.text(user, '/trogiup'));
    await send(this.text(user, '/phananh'));
    await send(await this.press(user, 'Tổ chức lễ hội'));
    await send(this.text(user, 'Lễ hội tổ chức quá tốn kém, pháo hoa nhiều đêm liền không cần thiết.'));
    await send(await this.press(user, 'Bỏ qua'));
    await send(await this.press(user, 'Bỏ qua'));
    await send(await this.press(user, 'Gửi ẩn danh'));
    await send(await this.press(user, 'Gửi phản ánh'));
  }
}

export const JOURNEY_UPDATES = 11;

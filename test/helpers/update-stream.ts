import type { Update } from 'telegraf/types';
import type { FakeTelegramApi } from './fake-telegram-api.js';

/**
 * Realistic Telegram updates for load: what a newcomer does in the first minute (the
 * language, the role, the help, a whole waste report). Shared by the soak test and the bench.
 */
export class UpdateStream {
  private nextUpdateId = 1;

  constructor(private readonly api: FakeTelegramApi) {}

  text(user: number, text: string): Update {
    const id = this.nextUpdateId++;
    return {
      update_id: id,
      message: { message_id: id, date: 0, chat: { id: user, type: 'private', first_name: 'B' }, from: { id: user, is_bot: false, first_name: 'B' }, text },
    } as Update;
  }

  button(user: number, data: string): Update {
    const id = this.nextUpdateId++;
    return {
      update_id: id,
      callback_query: { id: String(id), chat_instance: '1', from: { id: user, is_bot: false, first_name: 'B' }, message: { message_id: 1, date: 0, chat: { id: user, type: 'private', first_name: 'B' }, text: '' }, data },
    } as Update;
  }

  /**
   * A press of the button labelled so in the last message the user got. Under load a reply
   * can reach the chat a moment after its update was handled (an immediate send that failed is
   * retried by the outbox sweep), so the button is waited for, as a person would.
   */
  async press(user: number, label: string): Promise<Update> {
    for (const deadline = Date.now() + 15_000; ; ) {
      try {
        return this.button(user, this.api.buttonData(user, label));
      } catch (error) {
        if (Date.now() > deadline) throw error;
        this.late++;
        await new Promise((r) => setTimeout(r, 20));
      }
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

import type { FakeTelegramApi, SentMessage } from './fake-telegram-api.js';

/**
 * One person talking to the bot through the fake Bot API: each action waits for the bot's
 * answer (the first new message, then a short quiet spell) and returns what it sent.
 */
export class TelegramChat {
  constructor(
    private readonly api: FakeTelegramApi,
    readonly userId: number,
  ) {}

  get messages(): SentMessage[] {
    return this.api.messagesTo(this.userId);
  }

  get last(): SentMessage {
    return this.messages.at(-1)!;
  }

  /** Everything the bot said in answer, as one text. */
  static text(messages: SentMessage[]): string {
    return messages.map((m) => m.text).join('\n');
  }

  say(text: string) {
    return this.act(() => this.api.pushText(this.userId, text));
  }

  press(label: string) {
    const data = this.api.buttonData(this.userId, label);
    return this.act(() => this.api.pushButton(this.userId, data));
  }

  /** Presses a button of an earlier message, as a person who scrolled up would. */
  pressOn(message: SentMessage, label: string) {
    const data = message.buttons.flat().find((b) => b.text.includes(label))?.data;
    if (!data) throw new Error(`no button "${label}" on "${message.text}"`);
    return this.act(() => this.api.pushButton(this.userId, data));
  }

  photo(fileId: string, size?: number) {
    return this.act(() => this.api.pushPhoto(this.userId, fileId, size));
  }

  document(fileId: string, mimeType: string, size?: number) {
    return this.act(() => this.api.pushDocument(this.userId, fileId, mimeType, size));
  }

  location(latitude: number, longitude: number) {
    return this.act(() => this.api.pushLocation(this.userId, latitude, longitude));
  }

  /** Waits for messages the bot sends on its own (notifications). */
  async waitFor(predicate: (m: SentMessage) => boolean, timeoutMs = 10_000): Promise<SentMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message to ${this.userId}; got ${JSON.stringify(this.messages.map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private async act(push: () => void): Promise<SentMessage[]> {
    const before = this.messages.length;
    push();
    await this.api.waitForMessages(this.userId, before + 1);
    let count = this.messages.length;
    for (;;) {
      await new Promise((r) => setTimeout(r, 120));
      if (this.messages.length === count) break;
      count = this.messages.length;
    }
    return this.messages.slice(before);
  }
}

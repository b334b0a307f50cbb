import type { FakeTelegramApi } from './fake-telegram-api.js';
import { TelegramChat } from './telegram-chat.js';
import { tinyJpeg } from './tiny-jpeg.js';

const JPEG = tinyJpeg();

export interface FileWasteReportOptions {
  category: string;
  description: string;
  locality?: string;
  /** An address typed in, instead of a commune picked from the list. */
  place?: string;
  photos?: string[];
  named?: boolean;
}

/** Files a waste report through the whole dialog, as a citizen would, up to the send button. */
export async function fileWasteReport(api: FakeTelegramApi, chat: TelegramChat, options: FileWasteReportOptions) {
  await chat.say('/phananh');
  await chat.press(options.category);
  await chat.say(options.description);
  if (options.place) await chat.say(options.place);
  else if (options.locality) {
    await chat.press('Chọn trong danh sách');
    await chat.press(options.locality);
  } else await chat.press('Bỏ qua');
  for (const photo of options.photos ?? []) {
    api.registerFile(photo, JPEG);
    await chat.photo(photo);
  }
  await chat.press(options.photos?.length ? 'Xong' : 'Bỏ qua');
  if (options.named) {
    await chat.press('Ghi tên tôi');
    // The first time, the person confirms the name officials will read.
    if (chat.last.buttons.flat().some((b) => b.text.includes('Dùng tên'))) await chat.press('Dùng tên');
    await chat.press('Không để lại số');
  } else await chat.press('Gửi ẩn danh');
  return chat.press('Gửi phản ánh');
}

/** The tracking code the bot gave in a reply. */
export const trackingCodeIn = (messages: { text: string }[]): string => /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(TelegramChat.text(messages as never))![0];

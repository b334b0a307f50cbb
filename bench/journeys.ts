/**
 * Mixed journeys of the people who use the bot, as data, and what drives them: a newcomer's
 * onboarding, a citizen's waste report with a photo, a unit contact's progress update, an
 * official's commands. The same journeys drive the real bot, the peer bot and the bare bot.
 *
 * Latency is taken where a person sees it: when the reply reaches the fake Bot API, not when
 * handleUpdate returns.
 */
import type { Update } from 'telegraf/types';
import type { FakeTelegramApi } from '../test/helpers/fake-telegram-api.js';
import { tinyJpeg } from '../test/helpers/tiny-jpeg.js';

export type Step = { text: string } | { press: string } | { photo: true };
export type Kind = 'citizen' | 'contact' | 'official';

export const ONBOARDING: Step[] = [{ text: '/start' }, { press: 'Tiếng Việt' }, { press: 'Người dân' }, { text: '/trogiup' }];
export const WASTE_REPORT: Step[] = [
  { text: '/phananh' },
  { press: 'Tổ chức lễ hội' },
  { text: 'Lễ hội tổ chức quá tốn kém, pháo hoa nhiều đêm liền không cần thiết.' },
  { press: 'Bỏ qua' }, // the place
  { photo: true },
  { press: 'Xong' },
  { press: 'Gửi ẩn danh' },
  { press: 'Gửi phản ánh' },
];
export const PROGRESS_UPDATE: Step[] = [
  { text: '/capnhat' },
  { press: 'Thu ngân sách nhà nước trên địa bàn' },
  { press: 'Năm ' },
  { text: '19.000 tỷ' },
  { press: 'Bỏ qua' }, // note
  { press: 'Bỏ qua' }, // evidence
  { press: 'Lưu' },
];
export const OFFICIAL_COMMANDS: Step[] = [{ text: '/tonghop' }, { text: '/hopthu' }, { text: '/quahan' }];
/** Every label a journey presses: the bare bot offers them all, so it can be driven the same way. */
export const ALL_LABELS = [...new Set([...ONBOARDING, ...WASTE_REPORT, ...PROGRESS_UPDATE].flatMap((s) => ('press' in s ? [s.press] : [])))];

export const stepName = (s: Step) => ('text' in s ? (s.text.startsWith('/') ? s.text : 'text') : 'press' in s ? `press ${s.press.trim()}` : 'photo');

const REPLY_METHODS = new Set(['sendMessage', 'editMessageText', 'sendPhoto', 'sendDocument', 'sendMediaGroup']);
const JPEG = tinyJpeg();

/**
 * Watches what reaches the fake Bot API: replies per chat with the time they arrived, and the
 * buttons of each chat's latest messages. The fake keeps everything it is sent; for long runs
 * its records are trimmed here, so the harness does not slow down as they grow.
 */
export class ReplyWatch {
  private counts = new Map<string, number>();
  private arrived = new Map<string, number>();
  private waiters = new Map<string, { after: number; resolve: (at: number) => void }[]>();
  private buttons = new Map<string, { text: string; data: string }[][]>();
  apologies = 0;

  constructor(readonly api: FakeTelegramApi) {
    const calls = api.calls;
    calls.push = (...items) => {
      for (const c of items) if (REPLY_METHODS.has(c.method)) this.seen(String(c.body.chat_id ?? ''), String(c.body.text ?? ''));
      return calls.length; // not kept: nothing in the bench reads them
    };
    const sent = api.sent;
    const push = sent.push.bind(sent);
    sent.push = (...items) => {
      for (const m of items) {
        if (!m.buttons.length) continue;
        const list = this.buttons.get(m.chatId) ?? [];
        list.push(m.buttons.flat());
        if (list.length > 4) list.shift();
        this.buttons.set(m.chatId, list);
      }
      if (sent.length > 4000) sent.splice(0, 2000);
      return push(...items);
    };
  }

  private seen(chat: string, text: string) {
    const at = performance.now();
    if (text.includes('Xin lỗi, đã có lỗi')) this.apologies++;
    const n = (this.counts.get(chat) ?? 0) + 1;
    this.counts.set(chat, n);
    this.arrived.set(chat, at);
    const waiting = this.waiters.get(chat);
    if (!waiting) return;
    const still = waiting.filter((w) => {
      if (n > w.after) w.resolve(at);
      return n <= w.after;
    });
    if (still.length) this.waiters.set(chat, still);
    else this.waiters.delete(chat);
  }

  count(chat: number): number {
    return this.counts.get(String(chat)) ?? 0;
  }

  /** Resolves with the arrival time of the first reply after the `after`-th; undefined after the timeout. */
  next(chat: number, after: number, timeoutMs = 15_000): Promise<number | undefined> {
    const key = String(chat);
    if ((this.counts.get(key) ?? 0) > after) return Promise.resolve(this.arrived.get(key));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const list = this.waiters.get(key) ?? [];
      list.push({ after, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      this.waiters.set(key, list);
    });
  }

  /** The data of the newest button whose label contains `label`. */
  buttonData(chat: number, label: string): string | undefined {
    const list = this.buttons.get(String(chat)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const b = list[i]!.find((x) => x.text.includes(label));
      if (b) return b.data;
    }
    return undefined;
  }

  forget(chat: number) {
    const key = String(chat);
    this.buttons.delete(key);
    this.counts.delete(key);
    this.arrived.delete(key);
  }
}

let nextId = 1;
const chat = (user: number) => ({ id: user, type: 'private' as const, first_name: 'B' });
const from = (user: number) => ({ id: user, is_bot: false, first_name: 'B', language_code: 'vi' });

export function textUpdate(user: number, text: string): Update {
  const id = nextId++;
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : undefined;
  return { update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: chat(user), from: from(user), text, ...(entities ? { entities } : {}) } } as Update;
}

function buttonUpdate(user: number, data: string): Update {
  const id = nextId++;
  return { update_id: id, callback_query: { id: String(id), chat_instance: '1', from: from(user), message: { message_id: 1, date: 0, chat: chat(user), text: '' }, data } } as Update;
}

function photoUpdate(api: FakeTelegramApi, user: number): Update {
  const id = nextId++;
  const fileId = `bench-photo-${id}`;
  api.registerFile(fileId, JPEG);
  const photo = [
    { file_id: `${fileId}_small`, file_unique_id: `s${id}`, width: 90, height: 90, file_size: 900 },
    { file_id: fileId, file_unique_id: `u${id}`, width: 1280, height: 960, file_size: JPEG.length },
  ];
  return { update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: chat(user), from: from(user), photo } } as Update;
}

/** One person and what they do next. Citizens onboard once, then file reports. */
export class Person {
  private queue: Step[] = [];
  private onboarded: boolean;

  constructor(
    readonly id: number,
    readonly kind: Kind,
  ) {
    this.onboarded = kind !== 'citizen';
  }

  /** The steps of the next whole journey. */
  journey(): Step[] {
    if (this.kind === 'contact') return PROGRESS_UPDATE;
    if (this.kind === 'official') return OFFICIAL_COMMANDS;
    if (this.onboarded) return WASTE_REPORT;
    this.onboarded = true;
    return [...ONBOARDING, ...WASTE_REPORT];
  }

  nextStep(): Step {
    if (!this.queue.length) this.queue = [...this.journey()];
    return this.queue.shift()!;
  }
}

/** The mix: a quarter unit contacts, one in sixteen officials, the rest citizens. */
export function kindOf(i: number): Kind {
  return i % 16 === 0 ? 'official' : i % 4 === 1 ? 'contact' : 'citizen';
}

export interface Target {
  api: FakeTelegramApi;
  watch: ReplyWatch;
  handle: (u: Update) => Promise<void>;
}

export interface StepResult {
  /** From `startedAt` to the first reply reaching the fake Bot API; undefined if none came. */
  ms: number | undefined;
  /** From `startedAt` until the update's handler returned (for the bot: the turn is stored). */
  storedMs?: number;
  late: boolean;
}

/**
 * Sends one step and waits for its turn to end and its first reply to arrive. A button that
 * is not there yet (its message still on the way) is waited for, as a person would.
 */
export async function runStep(target: Target, person: Person, step: Step, startedAt = performance.now()): Promise<StepResult> {
  let update: Update;
  let late = false;
  if ('press' in step) {
    let data = target.watch.buttonData(person.id, step.press);
    for (let tries = 0; data === undefined && tries < 50; tries++) {
      late = true;
      await target.watch.next(person.id, target.watch.count(person.id), 200);
      data = target.watch.buttonData(person.id, step.press);
    }
    if (data === undefined) throw new Error(`no button "${step.press}" for ${person.kind} ${person.id}`);
    update = buttonUpdate(person.id, data);
  } else if ('text' in step) update = textUpdate(person.id, step.text);
  else update = photoUpdate(target.api, person.id);
  const before = target.watch.count(person.id);
  const handled = target.handle(update);
  const arrived = target.watch.next(person.id, before);
  await handled;
  const storedMs = performance.now() - startedAt;
  const at = await arrived;
  return { ms: at === undefined ? undefined : at - startedAt, storedMs, late };
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

import { describe, expect, it } from 'vitest';
import type { ChannelTraits } from '../../src/core/channel-traits.js';
import { msg, verbatim, type TReply } from '../../src/core/message.js';
import { TELEGRAM_TRAITS } from '../../src/channels/telegram/telegram-traits.js';
import { ZALO_TRAITS } from '../../src/channels/zalo/zalo-traits.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createRenderReply } from '../../src/outbox/render-reply.js';
import type { TOutMessage } from '../../src/outbox/out-message.js';

const PLACES = [
  'Quảng Tân', 'Bắc Gia Nghĩa', 'Nam Gia Nghĩa', 'Đắk Wil', 'Nam Dong', 'Ea Pô', 'Đắk Mil', 'Đức Minh',
  'Thuận An', 'Đắk Sắk', 'Đắk R’La', 'Đắk Song', 'Trường Xuân', 'Nâm N’Jang', 'Thuận Hạnh', 'Quảng Khê',
  'Đắk Plao', 'Đắk Som', 'Quảng Sơn', 'Đắk Ha', 'Krông Nô', 'Nam Đà', 'Đắk Drô', 'Nâm Nung',
  'Quảng Phú', 'Tuy Đức', 'Quảng Trực', 'Đắk Búk So', 'Kiến Đức', 'Nhân Cơ', 'Nghĩa Đức',
];
// 31 places in four forms: 124 communes and wards.
const COMMUNES = ['Xã %', 'Phường %', 'Xã % Bắc', 'Phường % Nam'].flatMap((form) => PLACES.map((place) => form.replace('%', place)));

const translator = createTranslator();
const renderOn = (traits: ChannelTraits) => createRenderReply(translator, () => traits);
const length = (text: string) => [...text].length;

function communeChoice(intro: string): TReply {
  return {
    lines: [verbatim(intro), msg('zalo.numberHint')],
    buttons: COMMUNES.map((name, i) => [{ label: verbatim(name), data: `p3:c${i}` }]),
  };
}

/** The numbered lines of all messages, in order, as [number, label]. */
function numberedLines(messages: TOutMessage[]): [number, string][] {
  return messages.flatMap((m) => m.text.split('\n').flatMap((line): [number, string][] => {
    const match = /^(\d+)\. (.+)$/.exec(line);
    return match ? [[Number(match[1]), match[2]!]] : [];
  }));
}

describe('renderReply with a long list of choices', () => {
  it('should list 124 communes over several Zalo messages within its limit, every line and number intact', () => {
    expect(COMMUNES).toHaveLength(124);
    const messages = renderOn(ZALO_TRAITS)('vi', communeChoice('Chọn xã, phường nơi bạn ở:'), 'zalo');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(length(m.text)).toBeLessThanOrEqual(ZALO_TRAITS.maxText);
    expect(numberedLines(messages)).toEqual(COMMUNES.map((name, i) => [i + 1, name]));
    expect(messages[0]!.text.startsWith('Chọn xã, phường nơi bạn ở:')).toBe(true);
    expect(messages.at(-1)!.text.endsWith('(Trả lời bằng số thứ tự)')).toBe(true);
    // The choices are on the last message, all of them, so that "124" finds its commune.
    expect(messages.slice(0, -1).every((m) => !m.buttons)).toBe(true);
    expect(messages.at(-1)!.buttons!.flat().map((b) => b.label)).toEqual(COMMUNES);
  });

  it('should split a long text and a long list together when both are over the limit', () => {
    const intro = Array.from({ length: 60 }, (_, i) => `Dòng ${i + 1}: ${'thông tin về xã '.repeat(4)}`).join('\n');
    const messages = renderOn(ZALO_TRAITS)('vi', communeChoice(intro), 'zalo');
    for (const m of messages) expect(length(m.text)).toBeLessThanOrEqual(ZALO_TRAITS.maxText);
    expect(numberedLines(messages)).toEqual(COMMUNES.map((name, i) => [i + 1, name]));
    expect(messages.map((m) => m.text).join('\n')).toContain('Dòng 60:');
  });

  it('should give Telegram the 124 communes as buttons on one message', () => {
    const messages = renderOn(TELEGRAM_TRAITS)('vi', communeChoice('Chọn xã, phường nơi bạn ở:'), 'telegram');
    expect(messages).toHaveLength(1);
    expect(length(messages[0]!.text)).toBeLessThanOrEqual(TELEGRAM_TRAITS.maxText);
    expect(numberedLines(messages)).toEqual([]);
    expect(messages[0]!.buttons!.flat().map((b) => b.label)).toEqual(COMMUNES);
  });

  it('should number the 124 communes within Telegram\'s limit on a channel with its length and no buttons', () => {
    const traits: ChannelTraits = { ...TELEGRAM_TRAITS, choices: 'numbered' };
    const intro = Array.from({ length: 80 }, (_, i) => `Dòng ${i + 1}: ${'thông tin về phường '.repeat(3)}`).join('\n');
    const messages = renderOn(traits)('vi', communeChoice(intro), 'telegram');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(length(m.text)).toBeLessThanOrEqual(traits.maxText);
    expect(numberedLines(messages)).toEqual(COMMUNES.map((name, i) => [i + 1, name]));
  });

  it('should keep a short list whole at the end of the last message', () => {
    const reply: TReply = { lines: [verbatim('x'.repeat(3000))], buttons: [[{ label: verbatim('Có'), data: 'p1:y' }, { label: verbatim('Không'), data: 'p1:n' }]] };
    const messages = renderOn(ZALO_TRAITS)('vi', reply, 'zalo');
    expect(messages.length).toBe(2);
    expect(messages[1]!.text).toContain('\n\n1. Có\n2. Không\n(Trả lời bằng số thứ tự)');
    for (const m of messages) expect(length(m.text)).toBeLessThanOrEqual(ZALO_TRAITS.maxText);
  });
});

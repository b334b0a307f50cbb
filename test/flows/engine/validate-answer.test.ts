import { describe, expect, it } from 'vitest';
import { ZAsk } from '../../../src/core/ask.js';
import { bilingual, msg } from '../../../src/core/message.js';
import { choiceData, validateAnswer } from '../../../src/flows/engine/validate-answer.js';

const labelsOf = (m: Parameters<typeof validateAnswer>[3] extends (l: infer L) => string[] ? L : never) =>
  'vi' in m ? [m.vi, m.en] : 'text' in m ? [m.text] : 'key' in m && m.key === 'yes' ? ['Có', 'Yes'] : [];

describe('validateAnswer', () => {
  const choice = ZAsk.parse({
    kind: 'choice',
    options: [
      { value: 'a', label: bilingual('Đắk Mil', 'Dak Mil') },
      { value: 'b', label: msg('yes') },
    ],
  });

  it('should accept the current prompt\'s buttons and refuse stale ones', () => {
    expect(validateAnswer(choice, { kind: 'button', data: choiceData(3, 1) }, 3, labelsOf)).toEqual({ ok: true, answer: { kind: 'choice', value: 'b' } });
    expect(validateAnswer(choice, { kind: 'button', data: choiceData(2, 1) }, 3, labelsOf)).toEqual({ ok: false, error: msg('errors.staleButton') });
    expect(validateAnswer(choice, { kind: 'button', data: choiceData(3, 9) }, 3, labelsOf)).toMatchObject({ ok: false });
  });

  it('should accept a typed number or label, without diacritics or case', () => {
    expect(validateAnswer(choice, { kind: 'text', text: '1' }, 3, labelsOf)).toMatchObject({ ok: true, answer: { value: 'a' } });
    expect(validateAnswer(choice, { kind: 'text', text: 'dak mil' }, 3, labelsOf)).toMatchObject({ ok: true, answer: { value: 'a' } });
    expect(validateAnswer(choice, { kind: 'text', text: 'YES' }, 3, labelsOf)).toMatchObject({ ok: true, answer: { value: 'b' } });
    expect(validateAnswer(choice, { kind: 'text', text: '3' }, 3, labelsOf)).toEqual({ ok: false, error: msg('errors.chooseOption', { count: 2 }) });
  });

  it('should take a few words of exactly one button, and no more than that', () => {
    const categories = ZAsk.parse({
      kind: 'choice',
      options: [
        { value: 'send-anonymous', label: bilingual('Gửi ẩn danh', 'Send anonymously') },
        { value: 'named', label: bilingual('Ghi tên tôi', 'Give my name') },
        { value: 'stalled', label: bilingual('Dự án, công trình chậm tiến độ, bỏ hoang', 'Stalled or abandoned public projects') },
        { value: 'assets', label: bilingual('Mua sắm, đầu tư xây dựng, quản lý tài sản công', 'Procurement, construction and public assets') },
      ],
    });
    const answer = (text: string) => validateAnswer(categories, { kind: 'text', text }, 1, labelsOf);
    expect(answer('ẩn danh')).toMatchObject({ ok: true, answer: { value: 'send-anonymous' } });
    expect(answer('công trình bỏ hoang')).toMatchObject({ ok: true, answer: { value: 'stalled' } });
    expect(answer('abandoned')).toMatchObject({ ok: true, answer: { value: 'stalled' } });
    // Words of two buttons, a word of none, or only short words: asked again.
    expect(answer('public')).toMatchObject({ ok: false });
    expect(answer('công trình xe công')).toMatchObject({ ok: false });
    expect(answer('tôi')).toMatchObject({ ok: true, answer: { value: 'named' } });
    expect(answer('dự án')).toMatchObject({ ok: false });
    // Where text is a real answer, a shortcut is taken only by its whole label.
    const place = ZAsk.parse({ kind: 'text', min: 1, max: 100, shortcuts: [{ value: 'skip', label: bilingual('Bỏ qua', 'Skip') }] });
    expect(validateAnswer(place, { kind: 'text', text: 'bỏ' }, 1, labelsOf)).toMatchObject({ ok: true, answer: { kind: 'text', text: 'bỏ' } });
  });

  it('should answer a greeting kindly instead of calling it a wrong choice', () => {
    for (const text of ['Xin chào', 'xin chao!', 'Chào bạn', 'Hello', 'alo'])
      expect(validateAnswer(choice, { kind: 'text', text }, 3, labelsOf)).toEqual({ ok: false, error: msg('errors.greetingChoose', { count: 2 }) });
    expect(validateAnswer(choice, { kind: 'text', text: 'chào mừng đến hội nghị' }, 3, labelsOf)).toEqual({ ok: false, error: msg('errors.chooseOption', { count: 2 }) });
  });

  it('should count characters, not bytes, and say how many were typed', () => {
    const text = ZAsk.parse({ kind: 'text', min: 20, max: 30 });
    expect(validateAnswer(text, { kind: 'text', text: 'Lãng phí 😀' }, 1, labelsOf)).toEqual({
      ok: false,
      error: msg('errors.textTooShort', { min: 20, count: 10 }),
    });
    expect(validateAnswer(text, { kind: 'text', text: 'x'.repeat(31) }, 1, labelsOf)).toEqual({
      ok: false,
      error: msg('errors.textTooLong', { max: 30, count: 31 }),
    });
    expect(validateAnswer(text, { kind: 'photo', fileRef: 'f' }, 1, labelsOf)).toEqual({ ok: false, error: msg('errors.expectedText') });
  });

  it('should parse Vietnamese numbers and check the range', () => {
    const number = ZAsk.parse({ kind: 'number', min: 0, max: 100 });
    expect(validateAnswer(number, { kind: 'text', text: '85,5%' }, 1, labelsOf)).toEqual({ ok: true, answer: { kind: 'number', value: 85.5 } });
    expect(validateAnswer(number, { kind: 'text', text: '120' }, 1, labelsOf)).toEqual({ ok: false, error: msg('errors.numberTooLarge', { max: 100 }) });
    expect(validateAnswer(number, { kind: 'text', text: 'nhiều' }, 1, labelsOf)).toEqual({ ok: false, error: msg('errors.notANumber') });
  });

  it('should let a shortcut be typed by its words but not by a number', () => {
    const text = ZAsk.parse({ kind: 'text', min: 1, shortcuts: [{ value: 'skip', label: bilingual('Bỏ qua', 'Skip') }] });
    expect(validateAnswer(text, { kind: 'text', text: 'bo qua' }, 1, labelsOf)).toMatchObject({ ok: true, answer: { kind: 'choice', value: 'skip' } });
    expect(validateAnswer(text, { kind: 'text', text: '1' }, 1, labelsOf)).toEqual({ ok: true, answer: { kind: 'text', text: '1' } });
  });
});

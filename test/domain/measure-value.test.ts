import { describe, expect, it } from 'vitest';
import { evaluateTarget, formatMeasureValue, formatTarget, parseMeasureValue } from '../../src/domain/measure-value.js';

describe('parseMeasureValue', () => {
  it('should read each measure the way contacts type it', () => {
    expect(parseMeasureValue('percent', '85,5%')).toEqual({ ok: true, value: { number: 85.5 } });
    expect(parseMeasureValue('percent', '105')).toMatchObject({ ok: false, errorKey: 'measure.error.percentRange' });
    expect(parseMeasureValue('percent', '105', { allowAbove100: true })).toEqual({ ok: true, value: { number: 105 } });
    expect(parseMeasureValue('money', '12 tỷ')).toEqual({ ok: true, value: { number: 12e9 } });
    expect(parseMeasureValue('money', '1.200.000.000 đồng')).toEqual({ ok: true, value: { number: 1.2e9 } });
    expect(parseMeasureValue('money', '50%')).toMatchObject({ ok: false });
    expect(parseMeasureValue('boolean', 'Có')).toEqual({ ok: true, value: { bool: true } });
    expect(parseMeasureValue('boolean', 'chưa')).toEqual({ ok: true, value: { bool: false } });
    expect(parseMeasureValue('date', '15/12/2025')).toEqual({ ok: true, value: { date: '2025-12-15' } });
    expect(parseMeasureValue('date', '29/02/2025')).toMatchObject({ ok: false });
    expect(parseMeasureValue('number', '-1')).toMatchObject({ ok: false, errorKey: 'measure.error.negative' });
    expect(parseMeasureValue('text', 'x'.repeat(2001))).toMatchObject({ ok: false, errorKey: 'measure.error.textLong' });
  });
});

describe('evaluateTarget', () => {
  const base = { targetValue: null, targetMax: null, targetYear: null };
  it('should compare with the direction of the criterion', () => {
    expect(evaluateTarget({ ...base, measure: 'percent', direction: 'higher', targetValue: 100 }, { number: 100 })).toBe('met');
    expect(evaluateTarget({ ...base, measure: 'percent', direction: 'higher', targetValue: 100 }, { number: 99.9 })).toBe('not_met');
    // "about 62–63%, aiming for 60%": the plan's ceiling is 63.
    const recurrent = { ...base, measure: 'percent' as const, direction: 'lower' as const, targetValue: 60, targetMax: 63 };
    expect(evaluateTarget(recurrent, { number: 62.5 })).toBe('met');
    expect(evaluateTarget(recurrent, { number: 64 })).toBe('not_met');
    expect(evaluateTarget({ ...base, measure: 'boolean', direction: 'higher', targetValue: 1 }, { bool: false })).toBe('not_met');
    expect(evaluateTarget({ ...base, measure: 'date', direction: 'none', targetYear: 2025 }, { date: '2025-12-31' })).toBe('met');
    expect(evaluateTarget({ ...base, measure: 'date', direction: 'none', targetYear: 2025 }, { date: '2026-01-01' })).toBe('not_met');
    expect(evaluateTarget({ ...base, measure: 'text', direction: 'none' }, { text: 'x' })).toBe('no_target');
    expect(evaluateTarget({ ...base, measure: 'number', direction: 'higher' }, { number: 3 })).toBe('no_target');
  });
});

describe('formatMeasureValue', () => {
  it('should write figures for each language', () => {
    expect(formatMeasureValue('percent', { number: 85.5 })).toEqual({ vi: '85,5%', en: '85.5%' });
    expect(formatMeasureValue('money', { number: 18_400_000_000_000 })).toEqual({ vi: '18.400 tỷ đồng', en: 'VND 18,400 billion' });
    expect(formatMeasureValue('money', { number: 3_500_000 })).toEqual({ vi: '3,5 triệu đồng', en: 'VND 3.5 million' });
    expect(formatTarget({ measure: 'percent', direction: 'lower', targetValue: 60, targetMax: 63, targetText: null, targetYear: null })).toEqual({ vi: '60% – 63%', en: '60% – 63%' });
  });
});

describe('parseMeasureValue on figures a contact may not have meant', () => {
  it('should ask for the unit of an amount too small to be meant in đồng', () => {
    expect(parseMeasureValue('money', '1.234,5')).toEqual({
      ok: 'ask',
      questionKey: 'measure.question.moneyUnit',
      choices: [{ number: 1_234_500_000_000 }, { number: 1_234_500_000 }, { number: 1_235 }],
    });
    // With its unit, or large enough to be đồng, it is taken as typed.
    expect(parseMeasureValue('money', '1.234,5 triệu')).toEqual({ ok: true, value: { number: 1_234_500_000 } });
    expect(parseMeasureValue('money', '500 đồng')).toEqual({ ok: true, value: { number: 500 } });
    expect(parseMeasureValue('money', '1.200.000.000')).toEqual({ ok: true, value: { number: 1.2e9 } });
  });

  it('should take only whole numbers as counts', () => {
    expect(parseMeasureValue('number', '2,5')).toMatchObject({ ok: false, errorKey: 'measure.error.whole' });
    expect(parseMeasureValue('number', '234')).toEqual({ ok: true, value: { number: 234 } });
  });

  it('should take a rate of change below zero, never as a ratio, down to -100%', () => {
    expect(parseMeasureValue('percent', '-2,1%')).toMatchObject({ ok: false, errorKey: 'measure.error.percentRange' });
    expect(parseMeasureValue('percent', '-2,1%', { rateOfChange: true })).toEqual({ ok: true, value: { number: -2.1 } });
    // A phone's minus sign, or an en dash, is a minus.
    expect(parseMeasureValue('percent', '\u22122,1', { rateOfChange: true })).toEqual({ ok: true, value: { number: -2.1 } });
    expect(parseMeasureValue('percent', '\u20132,1', { rateOfChange: true })).toEqual({ ok: true, value: { number: -2.1 } });
    expect(parseMeasureValue('percent', '0,8', { rateOfChange: true })).toEqual({ ok: true, value: { number: 0.8 } });
    expect(parseMeasureValue('percent', '-120', { rateOfChange: true })).toMatchObject({ ok: false, errorKey: 'measure.error.rateRange' });
  });

  it('should ask about a figure larger than a unit reports, and refuse one beyond any province', () => {
    expect(parseMeasureValue('money', '19.000 tỷ')).toEqual({ ok: true, value: { number: 19_000e9 } });
    expect(parseMeasureValue('money', '150.000 tỷ')).toEqual({ ok: 'ask', questionKey: 'measure.question.large', choices: [{ number: 150_000e9 }] });
    expect(parseMeasureValue('money', '999999999999999 tỷ')).toMatchObject({ ok: false, errorKey: 'measure.error.moneyTooLarge', params: { max: 1_000_000 } });
    expect(parseMeasureValue('number', '999')).toEqual({ ok: true, value: { number: 999 } });
    expect(parseMeasureValue('number', '1.234')).toEqual({ ok: 'ask', questionKey: 'measure.question.large', choices: [{ number: 1234 }] });
    expect(parseMeasureValue('number', '100.001')).toMatchObject({ ok: false, errorKey: 'measure.error.numberTooLarge' });
  });

  it('should ask whether a ratio under one was meant as a percentage', () => {
    expect(parseMeasureValue('percent', '0,855')).toEqual({ ok: 'ask', questionKey: 'measure.question.percentFraction', choices: [{ number: 85.5 }, { number: 0.855 }] });
    expect(parseMeasureValue('percent', '0,5%')).toEqual({ ok: true, value: { number: 0.5 } });
    expect(parseMeasureValue('percent', '0')).toEqual({ ok: true, value: { number: 0 } });
  });
});

describe('targets with a basis', () => {
  const base = { targetValue: null, targetMax: null, targetYear: null };
  it('should not fail a cumulative or end-of-phase target before its last year', () => {
    const revenue = { ...base, measure: 'money' as const, direction: 'higher' as const, targetValue: 18.4e12, targetYear: 2025, basis: 'cumulative' };
    expect(evaluateTarget({ ...revenue, year: 2024 }, { number: 14.3e12 })).toBe('in_progress');
    expect(evaluateTarget({ ...revenue, year: 2025 }, { number: 18.6e12 })).toBe('met');
    expect(evaluateTarget({ ...revenue, year: 2025 }, { number: 18e12 })).toBe('not_met');
    const paving = { ...base, measure: 'percent' as const, direction: 'higher' as const, targetValue: 73, targetYear: 2025, basis: 'phase_end' };
    expect(evaluateTarget({ ...paving, year: 2024 }, { number: 74 })).toBe('met');
    expect(evaluateTarget({ ...paving, year: 2024 }, { number: 70 })).toBe('in_progress');
    // A yearly target is judged every year.
    expect(evaluateTarget({ ...paving, basis: 'annual', year: 2024 }, { number: 70 })).toBe('not_met');
  });

  it('should write targets in Vietnamese format with their unit', () => {
    expect(formatTarget({ ...base, measure: 'money', direction: 'higher', targetValue: 18.4e12, targetText: null })).toEqual({ vi: '≥ 18.400 tỷ đồng', en: '≥ VND 18,400 billion' });
  });
});

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

import { describe, expect, it } from 'vitest';
import { periodLabelVi } from '../../src/domain/period.js';

describe('periodLabelVi', () => {
  it('should name quarters and years as a Vietnamese office writes them', () => {
    expect(periodLabelVi('2026-Q3')).toBe('Quý 3/2026');
    expect(periodLabelVi('2025')).toBe('Năm 2025');
  });
});

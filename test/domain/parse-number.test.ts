import { describe, expect, it } from 'vitest';
import { parseVietnameseNumber } from '../../src/domain/parse-number.js';

describe('parseVietnameseNumber', () => {
  it.each([
    ['85%', 85, true],
    ['85,5', 85.5, false],
    ['85.5', 85.5, false],
    ['1.234,5', 1234.5, false],
    ['1,234.5', 1234.5, false],
    ['1.234', 1234, false],
    ['1.200.000.000 đồng', 1_200_000_000, false],
    ['1,200,000', 1_200_000, false],
    ['12 tỷ', 12_000_000_000, false],
    ['3,5 triệu', 3_500_000, false],
    ['500 nghìn', 500_000, false],
    ['0,1 tỷ', 100_000_000, false],
    ['-2,5', -2.5, false],
    [' 7 ', 7, false],
    ['18.400 tỷ', 18_400_000_000_000, false],
  ])('should read %s as %d', (input, value, percent) => {
    expect(parseVietnameseNumber(input)).toMatchObject({ value, percent });
  });

  it.each(['', 'abc', '12 con mèo', '1.23.4', '1,2,3', '%', '1..2', '12tỷ tỷ'])('should refuse %j', (input) => {
    expect(parseVietnameseNumber(input)).toBeNull();
  });
});

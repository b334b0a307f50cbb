import { describe, expect, it } from 'vitest';
import {
  INVITE_CODE_LENGTH,
  formatInviteCode,
  generateInviteCode,
  hashInviteCode,
  normalizeInviteCode,
} from '../../src/domain/invite-code.js';

describe('invite codes', () => {
  it('should carry at least 128 random bits and fit a Telegram deep link', () => {
    expect(INVITE_CODE_LENGTH * 5).toBeGreaterThanOrEqual(128);
    const code = generateInviteCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(code.length).toBeLessThanOrEqual(64);
  });

  it('should not repeat', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateInviteCode()));
    expect(codes.size).toBe(2000);
  });

  it('should accept what people type: lower case, dashes, spaces and look-alike letters', () => {
    const code = generateInviteCode();
    const typed = formatInviteCode(code).toLowerCase().replace(/-/g, ' - ');
    expect(normalizeInviteCode(typed)).toBe(code);
    expect(normalizeInviteCode(code.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(code);
  });

  it('should refuse malformed input', () => {
    expect(normalizeInviteCode('ABC')).toBeNull();
    expect(normalizeInviteCode('U'.repeat(26))).toBeNull();
  });

  it('should hash deterministically without containing the code', () => {
    const code = generateInviteCode();
    expect(hashInviteCode(code)).toBe(hashInviteCode(code));
    expect(hashInviteCode(code)).not.toContain(code);
    expect(hashInviteCode(code)).toMatch(/^[0-9a-f]{64}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/http/address-key.js';

describe('addressKey', () => {
  it('should count an IPv6 sender by its /64, however its address is written', () => {
    expect(addressKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:b')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8:1:3::a')).not.toBe(addressKey('2001:db8:1:2::a'));
  });

  it('should count an IPv4 sender by its address, however IPv6 carries it', () => {
    for (const form of ['198.51.100.7', '::ffff:198.51.100.7', '0:0:0:0:0:ffff:198.51.100.7', '::ffff:c633:6407', '::198.51.100.7', '::ffff:198.51.100.7%eth0', '64:ff9b::198.51.100.7', '64:ff9b::c633:6407']) {
      expect(addressKey(form), form).toBe('198.51.100.7');
    }
  });

  it('should ignore the zone of a link-local address and never throw', () => {
    expect(addressKey('1:2::3:4:5:6%eth0.1')).toBe(addressKey('1:2::3:4:5:6'));
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(() => addressKey('1:2:3:4:5:6:7::%a.b')).not.toThrow();
    expect(addressKey('not an address')).toBe('not an address');
  });
});

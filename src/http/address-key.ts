import { isIPv4, isIPv6 } from 'node:net';

/**
 * What per-address limits count by: an IPv4 address, or the /64 network of an IPv6 one. One
 * IPv6 subscriber is given a whole /64 and may send from any address in it, so counting full
 * addresses would give a single sender billions of places. An IPv4 client seen through IPv6
 * (mapped, compatible, or through NAT64's 64:ff9b::/96) counts as its IPv4 address. Never
 * throws: what is not an address counts as itself.
 */
export function addressKey(ip: string): string {
  // A zone (fe80::1%eth0) names the server's interface, not the client.
  const address = ip.replace(/%.*$/, '');
  if (isIPv4(address) || !isIPv6(address)) return address;
  const groups = expandIPv6(address);
  if (!groups) return address;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  const ipv4 = () => `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  // Mapped (::ffff:a.b.c.d), or the old compatible form (::a.b.c.d), which ::1 is not.
  if (zeros(0, 5) && (groups[5] === 0xffff || (groups[5] === 0 && groups[6] !== 0))) return ipv4();
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return ipv4();
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address in any of its textual forms, or null. */
function expandIPv6(address: string): number[] | null {
  let text = address.toLowerCase();
  // A dotted IPv4 tail is two groups.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const [left, right] = [part(halves[0]), part(halves[1])];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...left, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

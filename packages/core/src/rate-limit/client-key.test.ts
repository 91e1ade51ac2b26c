import { describe, expect, it } from 'vitest';
import { hashPii } from '../security/pii-hash';
import { clientKey, rateLimitSubject } from './client-key';

describe('rateLimitSubject', () => {
  it('keeps IPv4 addresses (plain or IPv4-mapped) as they are', () => {
    expect(rateLimitSubject('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitSubject('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys IPv6 clients by their /64, however the address is written', () => {
    const net = '2001:db8:85a3:8d3::/64';
    for (const ip of [
      '2001:db8:85a3:8d3:1319:8a2e:370:7348',
      '2001:0db8:85a3:08d3:0000:0000:0000:0001',
      '2001:DB8:85A3:8D3::1',
      '2001:db8:85a3:8d3::',
      '2001:db8:85a3:8d3:ffff:ffff:ffff:ffff',
      '2001:db8:85a3:8d3::1%eth0',
      '2001:db8:85a3:8d3::192.0.2.1',
    ])
      expect(rateLimitSubject(ip), ip).toBe(net);
    expect(rateLimitSubject('2001:db8:85a3:8d4::1')).toBe('2001:db8:85a3:8d4::/64');
    expect(rateLimitSubject('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitSubject('fd00::2')).toBe('fd00:0:0:0::/64');
  });

  it('leaves anything that is not an address alone', () => {
    expect(rateLimitSubject('unknown')).toBe('unknown');
    expect(rateLimitSubject('1:2:3')).toBe('1:2:3');
  });
});

describe('clientKey', () => {
  it('is the keyed hash of the subject, never the address itself', () => {
    const key = clientKey('2001:db8::1');
    expect(key).toBe(hashPii('2001:db8:0:0::/64'));
    expect(key).toBe(clientKey('2001:db8::ffff'));
    expect(key).not.toContain('2001');
    expect(clientKey('198.51.100.4')).toMatch(/^[0-9a-f]{64}$/);
    expect(clientKey('198.51.100.4')).not.toBe(clientKey('198.51.100.5'));
  });
});

import { describe, expect, it } from 'vitest';
import {
  appOrigins,
  describeListening,
  isLoopbackAddress,
  listenHosts,
  listensOnLoopbackOnly,
  probeHost,
} from './listen';

describe('listenHosts', () => {
  it('is loopback only in local mode unless LEVQOR_HOST says otherwise', () => {
    expect(listenHosts({ NODE_ENV: 'development' })).toEqual(['127.0.0.1', '::1']);
    expect(listenHosts({ NODE_ENV: 'production', LEVQOR_LOCAL: '1' })).toEqual(['127.0.0.1', '::1']);
    expect(listenHosts({ NODE_ENV: 'development', LEVQOR_HOST: '0.0.0.0' })).toBeNull();
    expect(listenHosts({ NODE_ENV: 'development', LEVQOR_HOST: ' 127.0.0.1 , 192.0.2.2 ' })).toEqual([
      '127.0.0.1',
      '192.0.2.2',
    ]);
    expect(listenHosts({ NODE_ENV: 'production' })).toBeNull();
    expect(listenHosts({ NODE_ENV: 'production', LEVQOR_HOST: '10.0.0.5' })).toEqual(['10.0.0.5']);
  });

  it('knows when nobody else can reach the apps, and says so in the summary', () => {
    expect(listensOnLoopbackOnly({ NODE_ENV: 'development' })).toBe(true);
    expect(listensOnLoopbackOnly({ NODE_ENV: 'development', LEVQOR_HOST: '::1' })).toBe(true);
    expect(listensOnLoopbackOnly({ NODE_ENV: 'development', LEVQOR_HOST: '::' })).toBe(false);
    expect(listensOnLoopbackOnly({ NODE_ENV: 'development', LEVQOR_HOST: '127.0.0.1,192.0.2.2' })).toBe(
      false,
    );
    expect(listensOnLoopbackOnly({ NODE_ENV: 'production' })).toBe(false);
    expect(describeListening({ NODE_ENV: 'development' })).toBe(
      '127.0.0.1 and ::1 only: this machine, not the network (LEVQOR_HOST=0.0.0.0 to open)',
    );
    expect(describeListening({ NODE_ENV: 'development', LEVQOR_HOST: '0.0.0.0' })).toContain(
      'every network interface',
    );
    expect(probeHost({ NODE_ENV: 'development', LEVQOR_HOST: '::1' })).toBe('[::1]');
    expect(probeHost({ NODE_ENV: 'production' })).toBe('127.0.0.1');
  });
});

describe('isLoopbackAddress', () => {
  it('accepts 127.0.0.0/8 and ::1 (also IPv4-mapped), nothing else', () => {
    for (const ip of ['127.0.0.1', '127.0.0.9', '::ffff:127.0.0.1', '::1'])
      expect(isLoopbackAddress(ip), ip).toBe(true);
    for (const ip of ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '0.0.0.0', '::', '', undefined])
      expect(isLoopbackAddress(ip), String(ip)).toBe(false);
  });
});

describe('appOrigins', () => {
  it('adds the other loopback names of a local URL, and nothing in a real deployment', () => {
    expect(appOrigins('http://localhost:3000', { NODE_ENV: 'development' })).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ]);
    expect(appOrigins('http://127.0.0.1:3101/', { NODE_ENV: 'development' })).toEqual([
      'http://127.0.0.1:3101',
      'http://localhost:3101',
      'http://[::1]:3101',
    ]);
    expect(appOrigins('https://app.example.com', { NODE_ENV: 'development' })).toEqual([
      'https://app.example.com',
    ]);
    expect(appOrigins('http://localhost:3000', { NODE_ENV: 'production' })).toEqual([
      'http://localhost:3000',
    ]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  allowListFromEnv,
  canonicalIp,
  checkTarget,
  isBlockedAddress,
  type Resolver,
  SsrfBlockedError,
  UnresolvableHostError,
} from './ssrf-guard';

/**
 * DNS answered by the test: no query ever leaves this machine, and no test here connects anywhere
 * (checkTarget only decides). A name not in the table "does not exist".
 */
const ZONE: Record<string, string[]> = {
  'public.example': ['93.184.216.34'],
  'public6.example': ['2606:4700:4700::1111'],
  'intranet.example': ['10.1.2.3'],
  'db.example': ['172.20.0.5'],
  'router.example': ['192.168.1.1'],
  'metadata.example': ['169.254.169.254'],
  'instance-data': ['169.254.169.254'],
  'cgnat.example': ['100.64.1.1'],
  'mcast.example': ['239.255.255.250'],
  'ula.example': ['fd00::1'],
  'linklocal6.example': ['fe80::1%eth0'],
  'mapped.example': ['::ffff:192.168.0.1'],
  'mapped-hex.example': ['::ffff:a00:1'],
  'loop.example': ['127.0.0.1'],
  'loop6.example': ['::1'],
  'nat64.example': ['64:ff9b::a9fe:a9fe'],
  'rebind.example': ['93.184.216.34', '10.0.0.1'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
};
const asked: string[] = [];
const resolve: Resolver = async (host) => {
  asked.push(host);
  return (ZONE[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

async function refusal(url: string, allow: string[] = []): Promise<SsrfBlockedError> {
  const err = await checkTarget(url, { resolve, allow }).then(
    (t) => new Error(`allowed: ${url} → ${t.address}`),
    (e: unknown) => e,
  );
  if (!(err instanceof SsrfBlockedError)) throw err;
  return err;
}

/** Every loopback form; the same list runs end to end through real jobs in packages/engine. */
const LOOPBACK = [
  'http://localhost/',
  'http://LOCALHOST/',
  'http://localhost./',
  'http://api.localhost/',
  'http://127.0.0.1/',
  'http://127.0.0.1./',
  'http://127.1/',
  'http://127.0.1/',
  'http://0x7f.1/',
  'http://0x7f000001/',
  'http://0x7F.0x0.0x0.0x1/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://017700000001/',
  'http://%31%32%37.0.0.1/',
  'http://127。0。0。1/',
  'http://127.255.255.254/',
  'http://0.0.0.0/',
  'http://0/',
  'http://[::]/',
  'http://[::1]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[0:0:0:0:0:ffff:127.0.0.1]/',
  'http://[::127.0.0.1]/',
  'http://[::ffff:0:7f00:1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[2002:7f00:1::]/',
  'HTTP://127.0.0.1/',
  'hTtPs://LocalHost:8443/',
];

afterEach(() => {
  asked.length = 0;
});

describe('SSRF guard: loopback forms', () => {
  it.each(LOOPBACK)('refuses %s', async (url) => {
    const err = await refusal(url);
    expect(['blocked_address', 'blocked_name']).toContain(err.reason);
    expect(err.host).toBeTruthy();
    expect(err.message).toMatch(/^Refusing to connect to /);
  });

  it('never asks DNS about a loopback form (IP literals and local-only names are decided offline)', async () => {
    for (const url of LOOPBACK) await refusal(url);
    expect(asked).toEqual([]);
  });
});

describe('SSRF guard: private, link-local, metadata, CGNAT, multicast, reserved', () => {
  it.each([
    ['http://10.0.0.1/', '10.0.0.1'],
    ['http://10.255.255.255:8080/', '10.255.255.255'],
    ['http://172.16.0.1/', '172.16.0.1'],
    ['http://172.31.255.255/', '172.31.255.255'],
    ['http://192.168.1.1/', '192.168.1.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
    ['http://2852039166/', '169.254.169.254'],
    ['http://0251.0376.0251.0376/', '169.254.169.254'],
    ['http://169.254.170.2/v2/credentials', '169.254.170.2'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://100.127.255.255/', '100.127.255.255'],
    ['http://224.0.0.1/', '224.0.0.1'],
    ['http://239.255.255.250:1900/', '239.255.255.250'],
    ['http://255.255.255.255/', '255.255.255.255'],
    ['http://240.0.0.1/', '240.0.0.1'],
    ['http://192.0.0.8/', '192.0.0.8'],
    ['http://198.18.0.1/', '198.18.0.1'],
    ['http://[fc00::1]/', 'fc00::1'],
    ['http://[fdff:ffff::1]/', 'fdff:ffff::1'],
    ['http://[fe80::1]/', 'fe80::1'],
    ['http://[febf::1]/', 'febf::1'],
    ['http://[fec0::1]/', 'fec0::1'],
    ['http://[ff02::1]/', 'ff02::1'],
    ['http://[ff05::1:3]/', 'ff05::1:3'],
    ['http://[::ffff:10.0.0.1]/', '10.0.0.1'],
    ['http://[::ffff:a9fe:a9fe]/', '169.254.169.254'],
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe'],
    ['http://[2001:db8::1]/', '2001:db8::1'],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'teredo'],
    ['http://[100::1]/', '100::1'],
  ])('refuses %s (%s) without DNS', async (url) => {
    const err = await refusal(url);
    expect(err.reason).toBe('blocked_address');
    expect(asked).toEqual([]);
  });

  it.each([
    ['http://intranet.example/', '10.1.2.3'],
    ['http://db.example/', '172.20.0.5'],
    ['http://router.example/', '192.168.1.1'],
    ['http://metadata.example/latest/meta-data/iam', '169.254.169.254'],
    ['http://instance-data/', '169.254.169.254'],
    ['http://cgnat.example/', '100.64.1.1'],
    ['http://mcast.example/', '239.255.255.250'],
    ['http://ula.example/', 'fd00::1'],
    ['http://linklocal6.example/', 'fe80::1%eth0'],
    ['http://mapped.example/', '::ffff:192.168.0.1'],
    ['http://mapped-hex.example/', '::ffff:a00:1'],
    ['http://loop.example/', '127.0.0.1'],
    ['http://loop6.example/', '::1'],
    ['http://nat64.example/', '64:ff9b::a9fe:a9fe'],
    ['http://127.0.0.1.nip.io/', '127.0.0.1'],
    ['http://rebind.example/', '10.0.0.1 among public answers'],
    ['https://INTRANET.example./x', '10.1.2.3'],
  ])(
    'refuses %s (resolves to %s) at the guard without naming the address it resolved to',
    async (url, address) => {
      const err = await refusal(url);
      expect(err.reason).toBe('blocked_address');
      const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
      expect(err.message).toBe(`Refusing to connect to ${host}: it resolves to a private/internal address`);
      const resolved = address.split(' ')[0]!.split('%')[0]!;
      if (!host.includes(resolved)) expect(err.message).not.toContain(resolved);
      expect(asked).toHaveLength(1);
    },
  );

  it('names an IP literal only as the asker wrote it', async () => {
    expect((await refusal('http://10.1.2.3:8080/x')).message).toBe(
      'Refusing to connect to 10.1.2.3: a private/internal address',
    );
  });

  it.each([
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata/',
    'http://printer.local/',
    'http://nas.home.arpa/',
    'http://db.localdomain/',
  ])(
    'refuses the local-only name %s before any lookup (except single labels, which resolve)',
    async (url) => {
      const err = await checkTarget(url, { resolve }).catch((e: unknown) => e);
      if (url === 'http://metadata/') {
        // A single label is resolved like any name; the test's DNS does not know it.
        expect(err).toBeInstanceOf(UnresolvableHostError);
      } else {
        expect(err).toBeInstanceOf(SsrfBlockedError);
        expect((err as SsrfBlockedError).reason).toBe('blocked_name');
        expect(asked).toEqual([]);
      }
    },
  );
});

describe('SSRF guard: schemes, credentials, malformed URLs', () => {
  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['FILE:///etc/passwd', 'scheme'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'scheme'],
    ['ftp://127.0.0.1/', 'scheme'],
    ['data:text/plain,hello', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['dict://127.0.0.1:11211/stat', 'scheme'],
    ['ws://127.0.0.1/', 'scheme'],
    ['ldap://127.0.0.1/', 'scheme'],
    ['http://user@127.0.0.1/', 'credentials'],
    ['http://user:pass@public.example/', 'credentials'],
    ['http://public.example&@127.0.0.1#@public.example/', 'credentials'],
    ['http://[fe80::1%25eth0]/', 'invalid_url'],
    ['http://[::1/', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['http://256.256.256.256/', 'invalid_url'],
  ])('refuses %s (%s)', async (url, reason) => {
    expect((await refusal(url)).reason).toBe(reason);
  });
});

describe('SSRF guard: what it lets through', () => {
  it('allows a public address and pins the checked one', async () => {
    await expect(checkTarget('https://public.example/x', { resolve })).resolves.toMatchObject({
      address: '93.184.216.34',
      family: 4,
    });
    await expect(checkTarget('http://public6.example/', { resolve })).resolves.toMatchObject({
      address: '2606:4700:4700::1111',
      family: 6,
    });
    await expect(checkTarget('http://8.8.8.8/', { resolve })).resolves.toMatchObject({ address: '8.8.8.8' });
  });

  it('a name that does not resolve is a network failure, not a refusal', async () => {
    await expect(checkTarget('http://nowhere.example/', { resolve })).rejects.toBeInstanceOf(
      UnresolvableHostError,
    );
  });

  it('the allow-list matches the host as written (normalised), never a name resolving to an allowed address', async () => {
    await expect(
      checkTarget('http://127.0.0.1:9/', { resolve, allow: ['127.0.0.1'] }),
    ).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    await expect(checkTarget('http://0x7f.1/', { resolve, allow: ['127.0.0.1'] })).resolves.toBeTruthy();
    await expect(
      checkTarget('http://[::ffff:7f00:1]/', { resolve, allow: ['127.0.0.1'] }),
    ).resolves.toBeTruthy();
    expect((await refusal('http://loop.example/', ['127.0.0.1'])).reason).toBe('blocked_address');
    expect((await refusal('http://localhost/', ['127.0.0.1'])).reason).toBe('blocked_name');
    await expect(
      checkTarget('http://LOCALHOST./', {
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
        allow: ['localhost'],
      }),
    ).resolves.toMatchObject({ address: '127.0.0.1' });
  });

  it('an entry with a port allows that port only; a bare host allows every port', async () => {
    const local = async () => [{ address: '127.0.0.1', family: 4 }];
    const allow = ['localhost:8080', '127.0.0.1:80', '[::1]:9000', '10.1.2.3'];
    await expect(checkTarget('http://localhost:8080/', { resolve: local, allow })).resolves.toBeTruthy();
    await expect(checkTarget('http://LOCALHOST.:8080/x', { resolve: local, allow })).resolves.toBeTruthy();
    expect((await refusal('http://localhost:8081/', allow)).reason).toBe('blocked_name');
    expect((await refusal('http://localhost/', allow)).reason).toBe('blocked_name');
    // The scheme's default port when the URL names none.
    await expect(checkTarget('http://127.0.0.1/', { resolve, allow })).resolves.toBeTruthy();
    await expect(checkTarget('http://127.0.0.1:80/', { resolve, allow })).resolves.toBeTruthy();
    expect((await refusal('https://127.0.0.1/', allow)).reason).toBe('blocked_address');
    expect((await refusal('http://127.0.0.1:6379/', allow)).reason).toBe('blocked_address');
    await expect(checkTarget('http://[::1]:9000/', { resolve, allow })).resolves.toBeTruthy();
    expect((await refusal('http://[::1]:9001/', allow)).reason).toBe('blocked_address');
    for (const port of ['', ':1', ':65535']) {
      await expect(checkTarget(`http://10.1.2.3${port}/`, { resolve, allow })).resolves.toBeTruthy();
    }
  });
});

describe('canonical addresses', () => {
  it('unmaps every IPv4-mapped notation and drops zones', () => {
    expect(canonicalIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalIp('0:0:0:0:0:FFFF:7F00:1')).toBe('127.0.0.1');
    expect(canonicalIp('[::ffff:a9fe:a9fe]')).toBe('169.254.169.254');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp('example.com')).toBeNull();
    expect(isBlockedAddress('not-an-ip')).toBe(true);
    expect(isBlockedAddress('1.1.1.1')).toBe(false);
  });
});

describe('LEVQOR_SSRF_ALLOW is for development and tests only', () => {
  it('drops malformed entries with one warning line', () => {
    const warn = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(
        allowListFromEnv({ LEVQOR_SSRF_ALLOW: 'localhost:http,127.0.0.1:0,[::1]:99999,ok.test:1' }),
      ).toEqual(['ok.test:1']);
      expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({
        msg: 'ssrf.allow_malformed',
        ignored: 3,
      });
    } finally {
      warn.mockRestore();
    }
  });

  it('is honoured locally and in tests', () => {
    expect(allowListFromEnv({ LEVQOR_SSRF_ALLOW: ' 127.0.0.1, LOCALHOST. ' })).toEqual([
      '127.0.0.1',
      'localhost',
    ]);
    expect(
      allowListFromEnv({ LEVQOR_SSRF_ALLOW: 'LocalHost:8080,[::1]:9000,0x7f.1:3000,::1,[fe80::1]' }),
    ).toEqual(['localhost:8080', '[::1]:9000', '127.0.0.1:3000', '::1', 'fe80::1']);
    expect(allowListFromEnv({ NODE_ENV: 'test', LEVQOR_SSRF_ALLOW: '10.0.0.5' })).toEqual(['10.0.0.5']);
    expect(
      allowListFromEnv({ NODE_ENV: 'production', LEVQOR_LOCAL: '1', LEVQOR_SSRF_ALLOW: 'localhost' }),
    ).toEqual(['localhost']);
  });

  it('is ignored in production, with one warning line saying so', () => {
    const warn = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const env = { NODE_ENV: 'production', LEVQOR_SSRF_ALLOW: '127.0.0.1,169.254.169.254' };
      expect(allowListFromEnv(env)).toEqual([]);
      expect(allowListFromEnv(env)).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(warn.mock.calls[0]![0]));
      expect(line).toMatchObject({ level: 'warn', msg: 'ssrf.allow_ignored' });
      expect(line.detail).toContain('ignored');
    } finally {
      warn.mockRestore();
    }
  });
});

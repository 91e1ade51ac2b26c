import type { IncomingMessage } from 'node:http';
import { appServerProof } from '@levqor/config/app-server-proof';
import { describe, expect, it } from 'vitest';
import { requestedPath, returnPath } from './return-path';
import { establishRequestFacts } from './server/request-facts';

const origin = { origins: ['http://localhost:3000'], primary: new URL('http://localhost:3000') };

/** A request as the app server receives it, its facts established as for every request. */
function through(url: string, clientHeaders: Record<string, string> = {}) {
  const req = {
    url,
    headers: { host: 'localhost:3000', ...clientHeaders },
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
  establishRequestFacts(req, { ip: '127.0.0.1', proof: appServerProof(), origin });
  return (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : null;
  };
}

describe('the page a guard sends the user back to', () => {
  it('is the requested path and query, recorded by the app server (a client’s own header is replaced)', () => {
    const get = through('/dashboard/jobs?status=failed', { 'x-levqor-path': '/dashboard/billing' });
    expect(requestedPath(get, '/dashboard')).toBe('/dashboard/jobs?status=failed');
  });

  it('drops the _rsc parameter of client navigations', () => {
    expect(requestedPath(through('/dashboard/usage?_rsc=1x9ab'), '/dashboard')).toBe('/dashboard/usage');
    expect(requestedPath(through('/keys?a=1&_rsc=zz&b=2'), '/keys')).toBe('/keys?a=1&b=2');
  });

  it('is the fallback without the app server’s proof, or for anything but a plain relative path', () => {
    const forged = (name: string) =>
      ({ 'x-levqor-path': '/dashboard/jobs', 'x-levqor-proof': 'guess' })[name] ?? null;
    expect(requestedPath(forged, '/dashboard')).toBe('/dashboard');
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/a b', null, ''])
      expect(returnPath(bad, '/keys'), String(bad)).toBe('/keys');
  });
});

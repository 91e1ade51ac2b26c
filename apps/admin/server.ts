import { startAppServer } from '@levqor/app-kit/server/create-app-server';

// The app behind Levqor's server (request ids, client IP, rate limits, security headers): see packages/app-kit/src/server.
await startAppServer({
  app: 'admin',
  dir: import.meta.dirname,
  port: Number(process.env.PORT ?? 3001),
  dev: process.env.LEVQOR_DEV === '1',
});

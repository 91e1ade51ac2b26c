import type { NextConfig } from 'next';

/** A bare Next 16 app with one route handler: the benchmark's "what Next costs" baseline. */
const config: NextConfig = {
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true },
};
export default config;

import { isIP } from 'node:net';
import { z } from 'zod';

const ZUrl = z.url({ protocol: /^https?$/ });
const ZPostgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');
const ZSecret = z.string().min(32, 'must be at least 32 characters');
const ZUnitCents = z.coerce
  .number({ error: 'must be a number of cents, e.g. 0.05' })
  .min(0, 'must be 0 or more cents')
  .max(10_000, 'must be at most 10,000 cents (a unit cost, not a total)');
const ZPort = z.coerce.number().int().min(1, 'must be a port number').max(65_535, 'must be a port number');
const ZJsonObject = z.string().refine((v) => {
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}, 'must be a JSON object');

/** Every variable Levqor reads. `.env.example` documents each one. */
export const ZServerEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LEVQOR_LOCAL: z.enum(['0', '1']).optional(),
  DATABASE_URL: ZPostgresUrl.optional(),
  NEXTAUTH_SECRET: ZSecret.optional(),
  LEVQOR_SECRET: ZSecret.optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  LEVQOR_EMAIL_FROM: z.string().min(3).default('Levqor <no-reply@levqor.local>'),
  LEVQOR_DEV_MAILBOX: z.enum(['0', '1']).optional(),
  LEVQOR_WEB_URL: ZUrl.default('http://localhost:3000'),
  LEVQOR_ADMIN_URL: ZUrl.default('http://localhost:3001'),
  LEVQOR_DEVELOPERS_URL: ZUrl.default('http://localhost:3002'),
  /** Addresses the app servers listen on (comma-separated IPs); see listenHosts. */
  LEVQOR_HOST: z
    .string()
    .refine(
      (v) => v.split(',').every((h) => isIP(h.trim()) !== 0),
      'must be a comma-separated list of IP addresses, e.g. 127.0.0.1,::1 or 0.0.0.0',
    )
    .optional(),
  /** Calls per minute one signed-in user (or one anonymous address) may make to /api/trpc. */
  LEVQOR_RL_TRPC_QUERIES_PER_MIN: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
    .optional(),
  /** Checkout starts per minute per signed-in user (billing.checkout); default 3. */
  LEVQOR_RL_CHECKOUT_PER_USER: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
    .optional(),
  /** Requests per minute per IP to protected areas (admin console, account settings); default 60. */
  LEVQOR_RL_PROTECTED_PER_IP: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
    .optional(),
  /** Anonymous writes per minute per IP (consent choices, analytics events, one-click unsubscribe); default 120. */
  LEVQOR_RL_PUBLIC_WRITES_PER_IP: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
    .optional(),
  LEVQOR_RL_TRPC_MUTATIONS_PER_MIN: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
    .optional(),
  /** Set by each app's server.ts for its own process (names the session cookie); never set by hand. */
  LEVQOR_APP: z.enum(['web', 'admin', 'developers']).optional(),
  /** Set by each app's server.ts: the app's public URL (from NEXTAUTH_URL / LEVQOR_<APP>_URL); never set by hand. */
  LEVQOR_APP_URL: ZUrl.optional(),
  /** The most requests per minute a workspace may give one of its API keys (operators raise it). */
  LEVQOR_API_KEY_MAX_RATE_LIMIT: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number of requests per minute')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(100_000, 'must be at most 100000'))
    .default(3_000),
  /** Time one transform step may evaluate (ms); on breach its sandbox process is killed. */
  LEVQOR_TRANSFORM_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).optional(),
  /** Heap limit of a transform sandbox process (MB). */
  LEVQOR_TRANSFORM_MEMORY_MB: z.coerce.number().int().min(16).max(4096).optional(),
  /** The port an app server listens on (each app has its default: 3000, 3001, 3002). */
  PORT: ZPort.optional(),
  /** `1`: the app servers run Next in development mode (set by `pnpm dev`). */
  LEVQOR_DEV: z.enum(['0', '1']).optional(),
  /** An app's public URL for next-auth (default: LEVQOR_<APP>_URL). */
  NEXTAUTH_URL: ZUrl.optional(),
  /** next-auth trusts the Host header; the app servers set it (they canonicalise the host first). */
  AUTH_TRUST_HOST: z.enum(['true', 'false', '1', '0']).optional(),
  /** Proxies in front of the app servers whose X-Forwarded-For is trusted (0: none). */
  LEVQOR_TRUSTED_PROXIES: z
    .string()
    .regex(/^\d{1,2}$/, 'must be a small whole number, e.g. 0 or 1')
    .optional(),
  /** Origins allowed to call /api/v1 from a browser (comma-separated). */
  LEVQOR_CORS_ORIGINS: z.string().optional(),
  /** Shared rate limits in Redis instead of PostgreSQL. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** The job engine: the local engine (default) or Inngest. */
  LEVQOR_JOBS_PROVIDER: z.enum(['local', 'inngest']).optional(),
  /** Where the local installation keeps its data (embedded PostgreSQL, dev mailbox); default .levqor/. */
  LEVQOR_HOME: z.string().min(1).optional(),
  /** Port of the embedded PostgreSQL (default 54329). */
  LEVQOR_PG_PORT: ZPort.optional(),
  /** OpenAI-compatible endpoint and key for `ai` steps. */
  LEVQOR_AI_BASE_URL: ZUrl.optional(),
  LEVQOR_AI_API_KEY: z.string().min(1).optional(),
  /** Extra model prices (JSON: model → prices), merged over the defaults. */
  LEVQOR_AI_PRICES: ZJsonObject.optional(),
  /** Hosts an `http` step may reach although private (comma-separated; tests and local setups). */
  LEVQOR_SSRF_ALLOW: z.string().optional(),
  /**
   * Signs the webhook channels of alert rules made in the admin console (`Levqor-Signature`, like job
   * webhooks); a workspace's own alert webhooks use that workspace's signing secret instead.
   */
  LEVQOR_ALERT_WEBHOOK_SECRET: ZSecret.optional(),
  /**
   * The daily ledger's infrastructure cost allocation, in cents (fractions allowed): per job, per API
   * request, per failed webhook delivery. Defaults: 0.05, 0.002, 0.01 (packages/core daily-ledger.ts).
   */
  LEVQOR_INFRA_CENTS_PER_JOB: ZUnitCents.optional(),
  LEVQOR_INFRA_CENTS_PER_API_REQUEST: ZUnitCents.optional(),
  LEVQOR_INFRA_CENTS_PER_WEBHOOK_FAILURE: ZUnitCents.optional(),
  /** Webhook retry schedule: comma-separated durations (e.g. `30s,1m,5m`). */
  LEVQOR_WEBHOOK_BACKOFF: z
    .string()
    .regex(
      /^\s*\d+(\.\d+)?(ms|s|m|h|d)\s*(,\s*\d+(\.\d+)?(ms|s|m|h|d)\s*)*$/,
      'must be comma-separated durations, e.g. 30s,1m,5m',
    )
    .optional(),
  /** `1` keeps stabilize mode off (the automatic shedding of low-priority intake on SLO breaches). */
  LEVQOR_STABILIZE_DISABLED: z.enum(['0', '1']).optional(),
  /** Autoscale recommendations freeze worker concurrency when a day's AI spend passed this (cents; default 10000). */
  LEVQOR_AUTOSCALE_SPEND_LIMIT_CENTS: z.coerce.number().int().min(0).optional(),
  /** High-risk data firewall: `block` (default), `warn`, `off`, or per category (`legal:warn,medical:off`). */
  LEVQOR_FIREWALL_MODE: z.string().optional(),
  /** High-risk data firewall: extra or replaced categories (JSON). */
  LEVQOR_FIREWALL_CATEGORIES: ZJsonObject.optional(),
  /** Sentry DSN for error reports from the apps, their servers and the worker; unset: Sentry is off (nothing loaded, nothing sent). */
  SENTRY_DSN: z
    .url({ protocol: /^https?$/ })
    .refine(
      (v) => /^[^/]+\/\/[^@/]+@[^/]+\/.*\d$/.test(v),
      'must be a Sentry DSN: https://<key>@<host>/<project id>',
    )
    .optional(),
  /** The environment name on error reports. Default: NODE_ENV. */
  SENTRY_ENVIRONMENT: z.string().min(1).max(64).optional(),
  /** The release name on error reports (e.g. a commit). */
  SENTRY_RELEASE: z.string().min(1).max(200).optional(),
  /** Least level of log lines written (pino levels). Default: info. */
  LEVQOR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** `json` (one object per line) or `pretty`; default: pretty when stdout is a terminal locally, else json. */
  LEVQOR_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Stripe secret key (`sk_…` or a restricted `rk_…`); unset locally: the Stripe stand-in is used. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)')
    .optional(),
  /** Signing secret of the webhook endpoint /api/stripe/webhook (`whsec_…`; `stripe listen` prints one). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  /** Stripe's API base URL; in production only https://api.stripe.com. Locally the stand-in's. */
  STRIPE_API_BASE: ZUrl.optional(),
  /** Stripe price ids (`price_…`) of the monthly plans sold through Checkout. */
  STRIPE_PRICE_STARTER: z
    .string()
    .regex(/^price_\w+$/, 'must be a Stripe price id (price_…)')
    .optional(),
  STRIPE_PRICE_GROWTH: z
    .string()
    .regex(/^price_\w+$/, 'must be a Stripe price id (price_…)')
    .optional(),
  STRIPE_PRICE_BUSINESS: z
    .string()
    .regex(/^price_\w+$/, 'must be a Stripe price id (price_…)')
    .optional(),
  /**
   * `event_name` of the Stripe Billing meter AI overage is reported to (flag `billing.overage`), in
   * whole US cents; default `levqor_ai_overage`.
   */
  STRIPE_METER_EVENT_NAME: z
    .string()
    .regex(/^[a-z0-9_]{1,100}$/, 'must be a meter event name (lowercase letters, digits, "_")')
    .optional(),
  /** Port of the local Stripe stand-in the launcher starts when STRIPE_SECRET_KEY is unset (default 12111). */
  LEVQOR_STRIPE_STANDIN_PORT: ZPort.optional(),
  /**
   * Dunning after a failed payment (first notice at once): waits before the reminder, the final notice
   * and the suspension, e.g. the default `6d,7d,3d` (emails on days 1, 7 and 14; suspended on day 17).
   */
  LEVQOR_DUNNING_SCHEDULE: z
    .string()
    .regex(
      /^\s*\d+(\.\d+)?(ms|s|m|h|d)\s*,\s*\d+(\.\d+)?(ms|s|m|h|d)\s*,\s*\d+(\.\d+)?(ms|s|m|h|d)\s*$/,
      'must be three comma-separated durations, e.g. 6d,7d,3d',
    )
    .optional(),
  /** Notion integration token: with NOTION_DATABASE_ID, the weekly report is also published to Notion. */
  NOTION_TOKEN: z.string().min(1).optional(),
  /** The Notion database (its id from the URL) the weekly governance report is added to as a page. */
  NOTION_DATABASE_ID: z.string().min(1).optional(),
  /** Notion's API base URL, for a local fake in tests; production refuses anything but https://api.notion.com. */
  NOTION_API_BASE: ZUrl.optional(),
  /** Set by Next in the processes it runs (`nodejs` or `edge`); never set by hand. */
  NEXT_RUNTIME: z.enum(['nodejs', 'edge']).optional(),
  /** Set by the build from SENTRY_DSN / SENTRY_ENVIRONMENT for the browser (next-config.mjs); never set by hand. */
  NEXT_PUBLIC_SENTRY_DSN: z.string().optional(),
  NEXT_PUBLIC_SENTRY_ENVIRONMENT: z.string().optional(),
});
export type ServerEnv = z.infer<typeof ZServerEnv>;

type RawEnv = Record<string, string | undefined>;

/** Variables a real deployment (NODE_ENV=production without LEVQOR_LOCAL=1) must set. */
export const PRODUCTION_REQUIRED = [
  'DATABASE_URL',
  'NEXTAUTH_SECRET',
  'LEVQOR_SECRET',
  'RESEND_API_KEY',
  'LEVQOR_EMAIL_FROM',
  'LEVQOR_WEB_URL',
  'LEVQOR_ADMIN_URL',
  'LEVQOR_DEVELOPERS_URL',
] as const;

export function isLocal(env: RawEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' || env.LEVQOR_LOCAL === '1';
}

/**
 * One human-readable line per problem: each missing production variable, then each invalid value.
 * Empty when the environment is usable.
 */
export function envProblems(env: RawEnv = process.env): string[] {
  const problems: string[] = [];
  if (!isLocal(env)) {
    for (const name of PRODUCTION_REQUIRED) {
      if (!env[name])
        problems.push(`Missing environment variable ${name} (required when NODE_ENV=production).`);
    }
  }
  if (env.LEVQOR_DEV_MAILBOX === '1' && !isLocal(env))
    problems.push(
      'LEVQOR_DEV_MAILBOX=1 is refused outside local mode: the dev mailbox shows every sign-in link to whoever can open it. Send mail through Resend (RESEND_API_KEY), or run locally (LEVQOR_LOCAL=1).',
    );
  if (!isLocal(env) && env.STRIPE_API_BASE && !isStripesOwnApi(env.STRIPE_API_BASE))
    problems.push(
      `STRIPE_API_BASE=${env.STRIPE_API_BASE} is refused in production: payments go to Stripe's own API (https://api.stripe.com). Unset it, or run locally (LEVQOR_LOCAL=1) to use the stand-in.`,
    );
  if (!isLocal(env) && env.NOTION_API_BASE && !isNotionsOwnApi(env.NOTION_API_BASE))
    problems.push(
      `NOTION_API_BASE=${env.NOTION_API_BASE} is refused in production: reports go to Notion's own API (https://api.notion.com). Unset it.`,
    );
  if (env.NOTION_TOKEN && !env.NOTION_DATABASE_ID)
    problems.push(
      'Missing environment variable NOTION_DATABASE_ID (required with NOTION_TOKEN: the database the weekly report is added to).',
    );
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
    problems.push(
      'Missing environment variable STRIPE_WEBHOOK_SECRET (required with STRIPE_SECRET_KEY: the webhook refuses unsigned events). `stripe listen` prints one for a test-mode account.',
    );
  const parsed = ZServerEnv.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      if (env[name]) problems.push(`Invalid environment variable ${name}: ${issue.message}.`);
    }
  }
  return problems;
}

/** Whether `base` is Stripe's own API (https://api.stripe.com, default port). */
export function isStripesOwnApi(base: string): boolean {
  try {
    const u = new URL(base);
    return u.protocol === 'https:' && u.hostname === 'api.stripe.com' && (u.port === '' || u.port === '443');
  } catch {
    return false;
  }
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'EnvError';
  }
}

/** Parsed environment; throws an EnvError listing every problem at once. */
export function loadEnv(env: RawEnv = process.env): ServerEnv {
  const problems = envProblems(env);
  if (problems.length > 0) throw new EnvError(problems);
  return ZServerEnv.parse(env);
}

/**
 * The dev mailbox is on locally without a mail provider, or locally with LEVQOR_DEV_MAILBOX=1; never
 * outside local mode (envProblems refuses LEVQOR_DEV_MAILBOX=1 there). Who may read it: see
 * `mayReadDevMailbox`.
 */
export function isDevMailboxEnabled(env: RawEnv = process.env): boolean {
  if (!isLocal(env)) return false;
  if (env.LEVQOR_DEV_MAILBOX === '1') return true;
  if (env.LEVQOR_DEV_MAILBOX === '0') return false;
  return !env.RESEND_API_KEY;
}

/**
 * Whether a caller may read the dev mailbox: the mailbox is on (local mode only) and the caller's socket
 * address is loopback, as established by the app server (`peerIsLoopback`, never a client's header).
 */
export function mayReadDevMailbox(peerIsLoopback: boolean, env: RawEnv = process.env): boolean {
  return peerIsLoopback && isDevMailboxEnabled(env);
}

/** The product version reported by health endpoints. */
export const LEVQOR_VERSION = '0.1.0';

/** An absolute URL of the customer dashboard (LEVQOR_WEB_URL), e.g. `webAppUrl('/dashboard/billing')`. */
export function webAppUrl(path = '', env: RawEnv = process.env): string {
  return `${(env.LEVQOR_WEB_URL ?? 'http://localhost:3000').replace(/\/$/, '')}${path}`;
}

/** Where the dev mailbox can be read, or null when it is off. */
export function devMailboxUrl(env: RawEnv = process.env): string | null {
  if (!isDevMailboxEnabled(env)) return null;
  return `${(env.LEVQOR_WEB_URL ?? 'http://localhost:3000').replace(/\/$/, '')}/dev/mailbox`;
}

/** The secret console alert webhooks are signed with (LEVQOR_ALERT_WEBHOOK_SECRET), or null when unset or invalid. */
export function alertWebhookSecret(env: RawEnv = process.env): string | null {
  const parsed = ZServerEnv.shape.LEVQOR_ALERT_WEBHOOK_SECRET.safeParse(
    env.LEVQOR_ALERT_WEBHOOK_SECRET || undefined,
  );
  return parsed.success ? (parsed.data ?? null) : null;
}

const INFRA_COSTS = {
  perJobCents: 'LEVQOR_INFRA_CENTS_PER_JOB',
  perApiRequestCents: 'LEVQOR_INFRA_CENTS_PER_API_REQUEST',
  perWebhookFailureCents: 'LEVQOR_INFRA_CENTS_PER_WEBHOOK_FAILURE',
} as const;

/** The infrastructure unit costs set in the environment (those unset are absent); throws naming an invalid one. */
export function infraUnitCosts(env: RawEnv = process.env): Partial<Record<keyof typeof INFRA_COSTS, number>> {
  const costs: Partial<Record<keyof typeof INFRA_COSTS, number>> = {};
  const problems: string[] = [];
  for (const [key, name] of Object.entries(INFRA_COSTS) as [keyof typeof INFRA_COSTS, string][]) {
    if (!env[name]) continue;
    const parsed = ZUnitCents.safeParse(env[name]);
    if (parsed.success) costs[key] = parsed.data;
    else problems.push(`Invalid environment variable ${name}: ${parsed.error.issues[0]!.message}.`);
  }
  if (problems.length > 0) throw new EnvError(problems);
  return costs;
}

/** LEVQOR_API_KEY_MAX_RATE_LIMIT (default 3,000 requests per minute); throws naming it when invalid. */
export function apiKeyMaxRateLimit(env: RawEnv = process.env): number {
  const parsed = ZServerEnv.shape.LEVQOR_API_KEY_MAX_RATE_LIMIT.safeParse(
    env.LEVQOR_API_KEY_MAX_RATE_LIMIT || undefined,
  );
  if (!parsed.success)
    throw new EnvError([
      `Invalid environment variable LEVQOR_API_KEY_MAX_RATE_LIMIT: ${parsed.error.issues[0]!.message}.`,
    ]);
  return parsed.data;
}

/** The local stand-in's fixed credentials (local mode only; never accepted by real Stripe). */
export const STRIPE_STANDIN = {
  secretKey: 'sk_test_levqor_standin',
  webhookSecret: 'whsec_levqor_local_standin_secret',
  prices: {
    starter: 'price_standin_starter',
    growth: 'price_standin_growth',
    business: 'price_standin_business',
  },
  defaultPort: 12_111,
} as const;

export interface StripeSettings {
  /** `stripe`: a real account; `standin`: the local stand-in; `off`: billing is not configured. */
  mode: 'stripe' | 'standin' | 'off';
  secretKey: string;
  webhookSecret: string;
  /** For the SDK: `host`, `port`, `protocol` from STRIPE_API_BASE (undefined: Stripe's defaults). */
  api: { host: string; port: number; protocol: 'http' | 'https' } | null;
  prices: { starter: string | null; growth: string | null; business: string | null };
}

/**
 * How Levqor reaches Stripe. With STRIPE_SECRET_KEY: that account (STRIPE_API_BASE only for tests and
 * local setups; production refuses anything but Stripe's own API). Without it, locally: the stand-in
 * the launcher starts (LEVQOR_STRIPE_STANDIN_PORT). In production without it: off.
 */
export function stripeSettings(env: RawEnv = process.env): StripeSettings {
  const local = isLocal(env);
  const standin = !env.STRIPE_SECRET_KEY && local;
  if (!env.STRIPE_SECRET_KEY && !local)
    return {
      mode: 'off',
      secretKey: '',
      webhookSecret: '',
      api: null,
      prices: { starter: null, growth: null, business: null },
    };
  const base =
    env.STRIPE_API_BASE ||
    (standin
      ? `http://127.0.0.1:${env.LEVQOR_STRIPE_STANDIN_PORT || STRIPE_STANDIN.defaultPort}`
      : undefined);
  if (base && !local && !isStripesOwnApi(base))
    throw new EnvError([`STRIPE_API_BASE=${base} is refused in production: only https://api.stripe.com.`]);
  const u = base ? new URL(base) : null;
  const protocol = u?.protocol === 'http:' ? 'http' : 'https';
  return {
    mode: standin ? 'standin' : 'stripe',
    secretKey: env.STRIPE_SECRET_KEY || STRIPE_STANDIN.secretKey,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET || (standin ? STRIPE_STANDIN.webhookSecret : ''),
    api: u ? { host: u.hostname, port: Number(u.port || (protocol === 'http' ? 80 : 443)), protocol } : null,
    prices: {
      starter: env.STRIPE_PRICE_STARTER || (standin ? STRIPE_STANDIN.prices.starter : null),
      growth: env.STRIPE_PRICE_GROWTH || (standin ? STRIPE_STANDIN.prices.growth : null),
      business: env.STRIPE_PRICE_BUSINESS || (standin ? STRIPE_STANDIN.prices.business : null),
    },
  };
}

/** Whether `base` is Notion's own API (https://api.notion.com, default port). */
export function isNotionsOwnApi(base: string): boolean {
  try {
    const u = new URL(base);
    return u.protocol === 'https:' && u.hostname === 'api.notion.com' && (u.port === '' || u.port === '443');
  } catch {
    return false;
  }
}

export interface NotionSettings {
  token: string;
  databaseId: string;
  /** For `@notionhq/client`'s `baseUrl`; undefined: Notion's own API. */
  baseUrl: string | undefined;
}

/**
 * Where the weekly report is published in Notion: null unless NOTION_TOKEN and NOTION_DATABASE_ID are
 * both set. NOTION_API_BASE (a local fake) is refused in production unless it is Notion's own API.
 */
export function notionSettings(env: RawEnv = process.env): NotionSettings | null {
  if (!env.NOTION_TOKEN || !env.NOTION_DATABASE_ID) return null;
  const base = env.NOTION_API_BASE || undefined;
  if (base && !isLocal(env) && !isNotionsOwnApi(base))
    throw new EnvError([`NOTION_API_BASE=${base} is refused in production: only https://api.notion.com.`]);
  return { token: env.NOTION_TOKEN, databaseId: env.NOTION_DATABASE_ID, baseUrl: base };
}

import { apiKeyMaxRateLimit } from '@levqor/config';

/**
 * The most requests per minute a key of this workspace may have. Today the platform's ceiling,
 * `LEVQOR_API_KEY_MAX_RATE_LIMIT` (default 3,000), for every plan; it takes the workspace so a plan's own
 * ceiling plugs in here. Creating and rotating keys (dashboard, portal and CLI alike) are held to it.
 */
export function maxKeyRateLimit(
  /** Every plan has the platform's ceiling until plans set their own. */
  _workspace: { id: string; plan: string },
  env: Record<string, string | undefined> = process.env,
): number {
  return apiKeyMaxRateLimit(env);
}

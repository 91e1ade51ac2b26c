import { API_SCOPES, type ApiScope } from '@levqor/core';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Meta } from '../trpc';

/**
 * Every procedure exposed over REST (one with `meta.openapi`) must name the API-key scope it needs in
 * `meta.scope` — REST access is not granted by default. Throws at startup (when the REST handler or the
 * OpenAPI document is built), naming each offending procedure, so such a router never serves a request.
 */
export function assertRestScopes(router: AnyTRPCRouter): void {
  const problems: string[] = [];
  for (const [path, procedure] of Object.entries(router._def.procedures as Record<string, unknown>)) {
    const meta = (procedure as { _def: { meta?: Meta } })._def.meta;
    if (!meta?.openapi) continue;
    const route = `${meta.openapi.method} ${meta.openapi.path}`;
    if (!meta.scope) problems.push(`"${path}" (${route}) has no meta.scope`);
    else if (!API_SCOPES.includes(meta.scope as ApiScope))
      problems.push(`"${path}" (${route}) has an unknown scope "${meta.scope}"`);
  }
  if (problems.length > 0)
    throw new Error(
      `Refusing to serve the REST API: ${problems.join('; ')}. Every procedure exposed over REST must name the API-key scope it needs (use rest() from packages/api/src/openapi-meta.ts).`,
    );
}

import {
  type ApiScope,
  createTermsGate,
  DomainError,
  ensureWorkspaceForUser,
  exceedsDepth,
} from '@levqor/core';
import { getDatabaseAvailability } from '@levqor/db';
import { addContext, withContext } from '@levqor/observability/context';
import { log } from '@levqor/observability/logger';
import { reportError } from '@levqor/observability/sentry';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError, z } from 'zod';
import type { Context } from './context';
import { reasonOf, toTRPCError } from './errors';

/** Procedure metadata: the REST route (trpc-to-openapi) and the API-key scope it needs. */
export type Meta = OpenApiMeta & { scope?: ApiScope };

/** Deepest nesting of a tRPC input (as for REST bodies: MAX_BODY_DEPTH). */
export const MAX_INPUT_DEPTH = 100;

/**
 * superjson for inputs, with the input's faults answered as 400s: nesting deeper than MAX_INPUT_DEPTH
 * (superjson's recursive walk overflowed the stack at ~5,000 levels) and metadata superjson refuses
 * (`__proto__` paths, unknown types). Outputs are plain superjson.
 */
const inputTransformer = {
  serialize: (value: unknown) => superjson.serialize(value),
  deserialize: (value: unknown) => {
    if (exceedsDepth(value, MAX_INPUT_DEPTH + 2))
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `The input is nested more than ${MAX_INPUT_DEPTH} levels deep`,
      });
    try {
      return superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]);
    } catch (err) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `The input's superjson encoding is invalid: ${err instanceof Error ? err.message : String(err)}`,
        cause: err,
      });
    }
  },
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: { input: inputTransformer, output: superjson },
    errorFormatter({ shape, error, ctx }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const zod = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      return {
        message: internal
          ? `Something went wrong on our side (request ${ctx?.requestId ?? 'unknown'}).`
          : error.cause instanceof SyntaxError
            ? `The input is not valid JSON: ${error.cause.message}`
            : shape.message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.requestId ?? null,
          /** Why, for programs (DOMAIN_REASONS / PROBLEM_TYPES); the REST problem's `type` names it. */
          reason: reasonOf(error),
          fieldErrors: zod?.fieldErrors ?? null,
          /** Every validation issue with its full path (e.g. `steps.2.timeout_ms`), for per-field messages. */
          issues:
            error.cause instanceof ZodError
              ? error.cause.issues.map((i) => ({
                  path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
                  message: i.message,
                }))
              : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Maps domain errors to tRPC codes and logs unexpected ones with the request id. An error tRPC already
 * classified as a 4xx (e.g. unparsable input) keeps its code — only what it wrapped as an internal
 * error, and validation errors (one short message), are mapped again.
 */
const errorMapping = t.middleware(({ next, ctx, path }) =>
  // The procedure's own context: the middlewares below add the workspace once the caller is known.
  withContext({ requestId: ctx.requestId, workspaceId: ctx.apiKey?.workspaceId }, async () => {
    const result = await next();
    if (!result.ok) {
      const cause = result.error.cause;
      const reclassify = result.error.code === 'INTERNAL_SERVER_ERROR' || cause instanceof ZodError;
      const mapped = reclassify ? toTRPCError(cause ?? result.error) : result.error;
      // An unreachable database opens the process's breaker: the next requests get 503 at once.
      if (mapped.code === 'SERVICE_UNAVAILABLE') getDatabaseAvailability().note(cause ?? result.error);
      if (mapped.code === 'INTERNAL_SERVER_ERROR') {
        const err = result.error.cause ?? result.error;
        log.error({ path, err }, 'trpc.internal');
        reportError(err);
      }
      if (mapped !== result.error) return { ...result, error: mapped };
    }
    return result;
  }),
);

export const publicProcedure = t.procedure.use(errorMapping);

/** One terms gate per database handle (it remembers each workspace's answer for a minute). */
const termsGates = new WeakMap<object, ReturnType<typeof createTermsGate>>();
function termsGate(db: Context['db']) {
  let gate = termsGates.get(db);
  if (!gate) {
    gate = createTermsGate(db);
    termsGates.set(db, gate);
  }
  return gate;
}

export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  const access = await ensureWorkspaceForUser(ctx.db, ctx.user.id);
  return next({ ctx: { ...ctx, user: ctx.user, workspace: access.workspace, membershipRole: access.role } });
});

/**
 * A workspace-scoped procedure, reachable with a session (dashboard) or an API key (REST). With a
 * key, the procedure must name a `meta.scope` and it must be among the key's scopes (no scope: no key).
 * `ctx.actor` is `usr_…` or `key_…`.
 */
export const workspaceProcedure = publicProcedure.use(async ({ ctx, meta, next }) => {
  if (ctx.apiKey) {
    // A procedure that names no scope is not for API keys (REST refuses such a router at startup too).
    if (!meta?.scope)
      throw new DomainError('not-for-api-keys', 'This operation is not available with an API key');
    if (!ctx.apiKey.scopes.includes(meta.scope)) {
      throw new DomainError('missing-scope', `This API key lacks the "${meta.scope}" scope`);
    }
    // 403 terms-not-accepted: the owner has not accepted a version published more than 30 days ago.
    await termsGate(ctx.db)(ctx.apiKey.workspaceId);
    return next({
      ctx: { ...ctx, workspaceId: ctx.apiKey.workspaceId, actor: ctx.apiKey.keyId, membershipRole: null },
    });
  }
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  const access = await ensureWorkspaceForUser(ctx.db, ctx.user.id);
  addContext({ workspaceId: access.workspace.id });
  return next({
    ctx: { ...ctx, workspaceId: access.workspace.id, actor: ctx.user.id, membershipRole: access.role },
  });
});

export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  if (ctx.user.role !== 'admin') throw new DomainError('admin-only', 'Administrators only');
  return next({ ctx: { ...ctx, user: ctx.user } });
});

import { ZServerEnv } from '@levqor/config';

/** What one transform may use. Today from the environment; a workspace's plan can pass its own. */
export interface TransformLimits {
  /** Evaluation time, from the moment a sandbox process starts the expression. */
  timeoutMs: number;
  /** Heap of the sandbox process evaluating it (V8 old generation). */
  memoryMb: number;
  /** Bytes of the result's JSON text. */
  maxOutputBytes: number;
}

export const DEFAULT_TRANSFORM_LIMITS: TransformLimits = {
  timeoutMs: 1000,
  memoryMb: 256,
  maxOutputBytes: 1024 * 1024,
};

const ZTransformEnv = ZServerEnv.pick({
  LEVQOR_TRANSFORM_TIMEOUT_MS: true,
  LEVQOR_TRANSFORM_MEMORY_MB: true,
});
/** The last answer, by the two variables' values: every transform asks (a parse per job cost 80 µs). */
let cached: { key: string; limits: TransformLimits } | undefined;

/** Limits from `LEVQOR_TRANSFORM_TIMEOUT_MS` / `LEVQOR_TRANSFORM_MEMORY_MB`, else the defaults. */
export function transformLimitsFromEnv(
  env: Record<string, string | undefined> = process.env,
): TransformLimits {
  const key = `${env.LEVQOR_TRANSFORM_TIMEOUT_MS}|${env.LEVQOR_TRANSFORM_MEMORY_MB}`;
  if (cached?.key === key) return cached.limits;
  const parsed = ZTransformEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const limits = {
    ...DEFAULT_TRANSFORM_LIMITS,
    timeoutMs: parsed.data.LEVQOR_TRANSFORM_TIMEOUT_MS ?? DEFAULT_TRANSFORM_LIMITS.timeoutMs,
    memoryMb: parsed.data.LEVQOR_TRANSFORM_MEMORY_MB ?? DEFAULT_TRANSFORM_LIMITS.memoryMb,
  };
  cached = { key, limits };
  return limits;
}

/**
 * The values of the database enums (`enums.ts` builds the pgEnums from these lists): the one source of
 * each list. Plain arrays, importable by browser code (`@levqor/db/enum-values`) without drizzle's
 * column classes, which `pgEnum` would bring into the page's JavaScript.
 */
export const JOB_PRIORITY_VALUES = ['low', 'normal', 'high'] as const;
export const JOB_STATUS_VALUES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const STEP_STATUS_VALUES = [
  'pending',
  'running',
  'sleeping',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
] as const;
export const WORKSPACE_PLAN_VALUES = ['free', 'starter', 'growth', 'business', 'enterprise'] as const;

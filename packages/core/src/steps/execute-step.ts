import type { DbOrTx } from '@levqor/db';
import type { Units } from '../money/money';
import { STEP_FEES } from '../money/prices';
import type { Step } from '../workflows/step-schema';
import type { TemplateScope } from '../workflows/template';
import { runAi } from './run-ai';
import { runEmail } from './run-email';
import { runHttp } from './run-http';
import { runTransform } from './run-transform';
import { transformLimitsFromEnv } from './transform-limits';

export interface StepResult {
  input: unknown;
  output: unknown;
  cost: Units;
}

export interface StepDeps {
  db: DbOrTx;
  workspaceId: string;
  /** For the security log when a step is refused. */
  jobId?: string;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** Runs one non-delay step. Throws StepError on failure. */
export async function executeStep(
  step: Exclude<Step, { type: 'delay' }>,
  scope: TemplateScope,
  deps: StepDeps,
): Promise<StepResult> {
  const env = deps.env ?? process.env;
  switch (step.type) {
    case 'transform':
      return {
        input: { expression: step.expression },
        output: await runTransform(step, scope, { limits: transformLimitsFromEnv(env), signal: deps.signal }),
        cost: STEP_FEES.transform,
      };
    case 'http':
      return { ...(await runHttp(step, scope, deps.signal, env, deps)), cost: STEP_FEES.http };
    case 'ai':
      return runAi(step, scope, deps.signal, env);
    case 'email':
      return { ...(await runEmail(deps.db, deps.workspaceId, step, scope)), cost: STEP_FEES.email };
  }
}

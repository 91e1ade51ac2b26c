import type { Units } from './money';
import { UNITS_PER_CENT } from './money';

export type StepType = 'http' | 'ai' | 'transform' | 'delay' | 'email';

/** Flat platform fee per step, in units (1 unit = 0.0001 cent). */
export const STEP_FEES: Record<StepType, Units> = {
  http: 500, // 0.05¢
  ai: 1_000, // 0.1¢
  transform: 100, // 0.01¢
  delay: 100, // 0.01¢
  email: 1_000, // 0.1¢
};

/** USD cents per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export const DEFAULT_MODEL_PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { input: 15, output: 60 },
  'gpt-4o': { input: 250, output: 1_000 },
  'gpt-4.1-mini': { input: 40, output: 160 },
  'gpt-4.1-nano': { input: 10, output: 40 },
};

/** The price table: defaults, overridden / extended by LEVQOR_AI_PRICES (JSON `{"model":{"input":n,"output":n}}`). */
export function modelPrices(
  env: Record<string, string | undefined> = process.env,
): Record<string, ModelPrice> {
  if (!env.LEVQOR_AI_PRICES) return DEFAULT_MODEL_PRICES;
  const extra = JSON.parse(env.LEVQOR_AI_PRICES) as Record<string, ModelPrice>;
  return { ...DEFAULT_MODEL_PRICES, ...extra };
}

/** Token cost in units, rounded up to the next unit: tokens × cents-per-million / 1e6 × 1e4. */
export function tokenCost(tokens: number, centsPerMillion: number): Units {
  return Math.ceil((tokens * centsPerMillion * UNITS_PER_CENT) / 1_000_000);
}

/** Prompt budget used for estimates: the rendered prompt is truncated to this many tokens (≈ 4 chars each). */
export const DEFAULT_MAX_INPUT_TOKENS = 4_000;

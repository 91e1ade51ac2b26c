import { createHash } from 'node:crypto';

/** The workspace's stable rollout bucket for a flag, 0–99 (SHA-256 of `key:workspaceId`). */
export function flagBucket(key: string, workspaceId: string): number {
  const digest = createHash('sha256').update(`${key}:${workspaceId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export interface FlagState {
  enabled: boolean;
  rolloutPercent: number;
  killed: boolean;
  /** Workspace id → its override. */
  overrides: ReadonlyMap<string, boolean>;
}

/**
 * Whether a flag is on for a workspace: never when killed; else the workspace's override; else enabled
 * and its bucket under the rollout. No workspace (a process-wide check): enabled and fully rolled out.
 */
export function evaluateFlag(flag: FlagState | undefined, workspaceId: string | null, key: string): boolean {
  if (!flag || flag.killed) return false;
  if (workspaceId !== null) {
    const override = flag.overrides.get(workspaceId);
    if (override !== undefined) return override;
  }
  if (!flag.enabled) return false;
  if (flag.rolloutPercent >= 100) return true;
  if (workspaceId === null) return false;
  return flagBucket(key, workspaceId) < flag.rolloutPercent;
}

import { describe, expect, it } from 'vitest';
import { workersState } from './status-page';

describe("the workers' state", () => {
  it('local engine: a stale or missing heartbeat is an outage, whatever the queue', () => {
    expect(workersState({ heartbeatAgeMs: null, oldestQueuedMs: 0, queuedCount: 0 }, 'local').state).toBe(
      'outage',
    );
    expect(workersState({ heartbeatAgeMs: 45_000, oldestQueuedMs: 0, queuedCount: 0 }, 'local')).toEqual({
      state: 'outage',
      detail: 'No worker heartbeat for 45 s; jobs wait in the queue.',
    });
  });
  it('a due job waiting over 5 minutes is degraded; otherwise operational', () => {
    expect(
      workersState({ heartbeatAgeMs: 1_000, oldestQueuedMs: 5 * 60_000, queuedCount: 3 }, 'local').state,
    ).toBe('operational');
    expect(
      workersState({ heartbeatAgeMs: 1_000, oldestQueuedMs: 5 * 60_000 + 1, queuedCount: 3 }, 'local'),
    ).toEqual({
      state: 'degraded',
      detail: 'The oldest waiting job has waited 5 min (3 waiting).',
    });
  });
  it('Inngest: no local heartbeats to judge, only the queue', () => {
    expect(workersState({ heartbeatAgeMs: null, oldestQueuedMs: 0, queuedCount: 0 }, 'inngest').state).toBe(
      'operational',
    );
  });
});

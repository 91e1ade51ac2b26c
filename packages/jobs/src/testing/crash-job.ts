import { appendFileSync } from 'node:fs';
import { z } from 'zod';
import { defineJob } from '../define-job';
import { abortableWait } from './helpers';

/**
 * The job of the crash test: three steps that append to `file`. In `hang` mode step two never ends
 * (the worker is killed during it); in `finish` mode it completes.
 */
export function crashJob(id: string, file: string, mode: 'hang' | 'finish') {
  return defineJob({
    id,
    trigger: { event: 'test/crash' },
    payload: z.object({ id: z.string() }),
    retries: 3,
    handler: async ({ io }) => {
      await io.step('one', () => appendFileSync(file, 'one\n'));
      await io.step('two', async ({ signal }) => {
        appendFileSync(file, 'two:start\n');
        if (mode === 'hang') await abortableWait(signal, 600_000);
        appendFileSync(file, 'two:end\n');
      });
      await io.step('three', () => appendFileSync(file, 'three\n'));
      return 'finished';
    },
  });
}

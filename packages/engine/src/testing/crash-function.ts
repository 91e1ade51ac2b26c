import { appendFileSync } from 'node:fs';
import { z } from 'zod';
import { defineFunction } from '../define-function';
import { abortableWait } from './helpers';

/**
 * The job of the crash tests: three steps that append to `file`. Step two never ends in `hang` mode (the
 * worker is killed during it), takes a second in `slow` mode (the worker is stopped during it) and ends
 * at once in `finish` mode.
 */
export function crashFunction(id: string, file: string, mode: 'hang' | 'slow' | 'finish') {
  return defineFunction({
    id,
    trigger: { event: 'test/crash' },
    payload: z.object({ id: z.string() }),
    retries: 3,
    handler: async ({ io }) => {
      await io.step('one', () => appendFileSync(file, 'one\n'));
      await io.step('two', async ({ signal }) => {
        appendFileSync(file, 'two:start\n');
        if (mode !== 'finish') await abortableWait(signal, mode === 'hang' ? 600_000 : 1_000);
        appendFileSync(file, 'two:end\n');
      });
      await io.step('three', () => appendFileSync(file, 'three\n'));
      return 'finished';
    },
  });
}

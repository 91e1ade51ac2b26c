import { createSupervisor, type Supervisor, type SupervisorOptions } from './supervisor';

export interface Lifecycle {
  supervisor: Supervisor;
  /** Stops every child, then `afterStop`, then exits with `code` (once; later calls are ignored). */
  shutdown(code: number): Promise<void>;
  readonly stopping: boolean;
}

/**
 * The launcher's life: a supervisor for its children, SIGINT / SIGTERM → stop everything and exit 0,
 * a crash loop → stop everything and exit 1 with one clear line.
 */
export function createLifecycle(
  options: SupervisorOptions & { afterStop?: () => Promise<void>; exit?: (code: number) => void } = {},
): Lifecycle {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const supervisor = createSupervisor({
    ...options,
    onCrashLoop: (name) => {
      console.error(`Levqor stopped: ${name} keeps crashing (see its output above).`);
      void shutdown(1);
    },
  });
  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Levqor…');
    await supervisor.stop();
    await options.afterStop?.();
    console.log('Stopped.');
    exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  return {
    supervisor,
    shutdown,
    get stopping() {
      return stopping;
    },
  };
}

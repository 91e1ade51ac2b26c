import { type Child, stopChild } from './children';

export interface SupervisorOptions {
  /** First restart delay; doubles after each crash up to `maxBackoffMs`. Default 1 s. */
  initialBackoffMs?: number;
  /** Default 30 s. */
  maxBackoffMs?: number;
  /** A child that stays up this long starts again from `initialBackoffMs`. Default 60 s. */
  resetAfterMs?: number;
  /** This many crashes of one child within `crashWindowMs` is a crash loop. Default 5. */
  crashLoopCount?: number;
  /** Default 5 minutes. */
  crashWindowMs?: number;
  /** How long a stopping child gets before SIGKILL. Default 8 s. */
  stopGraceMs?: number;
  log?: (line: string) => void;
  /** Called once when a child crash-loops; everything has been stopped by then. */
  onCrashLoop?: (name: string, message: string) => void;
}

export interface SupervisedChild {
  readonly name: string;
  /** The running process, or undefined while it waits to restart. */
  readonly current: Child | undefined;
  /** Restarts so far. */
  readonly restarts: number;
}

export interface Supervisor {
  /** Starts `start()` now and again after every unexpected exit (with back-off). */
  add(name: string, start: () => Child): SupervisedChild;
  /** Stops every child (SIGTERM to its process group, SIGKILL after the grace) and restarts none. */
  stop(): Promise<void>;
  readonly stopping: boolean;
}

/**
 * Keeps the launcher's children running: a child that exits while the supervisor is not stopping is
 * restarted after a back-off (1 s doubling to 30 s, reset once it has stayed up for a minute). Only a
 * crash loop — `crashLoopCount` exits of one child within `crashWindowMs` — stops everything.
 */
export function createSupervisor(options: SupervisorOptions = {}): Supervisor {
  const initial = options.initialBackoffMs ?? 1_000;
  const max = options.maxBackoffMs ?? 30_000;
  const resetAfter = options.resetAfterMs ?? 60_000;
  const loopCount = options.crashLoopCount ?? 5;
  const loopWindow = options.crashWindowMs ?? 5 * 60_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const entries: Entry[] = [];
  let stopping = false;
  let stopped: Promise<void> | undefined;

  interface Entry extends SupervisedChild {
    current: Child | undefined;
    restarts: number;
    timer?: NodeJS.Timeout;
  }

  const stop = () => {
    stopping = true;
    stopped ??= Promise.all(
      entries.map((e) => {
        clearTimeout(e.timer);
        return e.current ? stopChild(e.current, options.stopGraceMs) : undefined;
      }),
    ).then(() => {});
    return stopped;
  };

  function add(name: string, start: () => Child): SupervisedChild {
    const entry: Entry = { name, current: undefined, restarts: 0 };
    const crashes: number[] = [];
    let backoff = initial;
    entries.push(entry);

    const launch = () => {
      entry.timer = undefined;
      if (stopping) return;
      const child = start();
      const startedAt = Date.now();
      entry.current = child;
      void child.exited.then((code) => {
        if (stopping) return;
        entry.current = undefined;
        const now = Date.now();
        const how = code === null ? `signal ${child.proc.signalCode ?? 'unknown'}` : `code ${code}`;
        if (now - startedAt >= resetAfter) backoff = initial;
        crashes.push(now);
        while (crashes.length > 0 && crashes[0]! <= now - loopWindow) crashes.shift();
        if (crashes.length >= loopCount) {
          const message = `${name} crashed ${crashes.length} times within ${Math.round(loopWindow / 1000)} s (last exit: ${how}); stopping everything.`;
          log(message);
          void stop().then(() => options.onCrashLoop?.(name, message));
          return;
        }
        log(`${name} exited unexpectedly (${how}); restarting in ${formatMs(backoff)}.`);
        entry.timer = setTimeout(() => {
          entry.restarts += 1;
          log(`restarting ${name} (restart ${entry.restarts}).`);
          launch();
        }, backoff);
        backoff = Math.min(max, backoff * 2);
      });
    };
    launch();
    return entry;
  }

  return {
    add,
    stop,
    get stopping() {
      return stopping;
    },
  };
}

const formatMs = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

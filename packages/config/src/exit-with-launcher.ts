/** Set by the launcher on every process it starts, whose stdin is then a pipe from the launcher. */
export const LAUNCHER_PIPE_ENV = 'LEVQOR_LAUNCHER_PIPE';

/**
 * A process the launcher started stops with it, however the launcher ends: when the launcher dies —
 * even by SIGKILL, which it cannot relay — its end of the stdin pipe closes, and this process sends
 * itself SIGTERM (its usual graceful stop) instead of living on as an orphan that holds its port.
 * Does nothing outside the launcher (no pipe, or a terminal on stdin).
 */
export function exitWithLauncher(): void {
  if (process.env[LAUNCHER_PIPE_ENV] !== '1' || process.stdin.isTTY) return;
  const stop = () => process.kill(process.pid, 'SIGTERM');
  process.stdin.once('end', stop);
  process.stdin.once('error', stop);
  process.stdin.resume();
  // Watching the pipe must not keep a process alive that has finished its work.
  (process.stdin as { unref?: () => void }).unref?.();
}

/** Where this app answers (the launcher sets LEVQOR_DEVELOPERS_URL); REST examples use it. */
export function developersOrigin(): string {
  const url = process.env.LEVQOR_DEVELOPERS_URL ?? `http://localhost:${process.env.PORT ?? 3002}`;
  return url.replace(/\/$/, '');
}

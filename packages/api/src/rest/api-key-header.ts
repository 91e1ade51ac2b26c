/** The key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`, else null. */
export function presentedKey(get: (name: string) => string | null | undefined): string | null {
  const auth = get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1]! : null;
  }
  const header = get('x-api-key');
  return header ? header.trim() : null;
}

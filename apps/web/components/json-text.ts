export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** Where in `text` a JSON.parse error points, as "line L, column C", when the engine says. */
function locate(text: string, message: string): string | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return null;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Parses user-typed JSON and explains a syntax error with its line and column. */
export function parseJson(text: string): ParsedJson {
  if (text.trim() === '') return { ok: false, error: 'Enter a JSON value, e.g. {}' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const where = locate(text, raw);
    const what = raw.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    return { ok: false, error: `Invalid JSON${where ? ` at ${where}` : ''}: ${what}` };
  }
}

export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2);

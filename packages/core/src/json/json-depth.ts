/**
 * Whether `value` nests objects/arrays more than `maxDepth` levels deep. Iterative: arbitrarily deep
 * input (a 5,000-level array parses fine but overflows the stack of any recursive walker) cannot
 * overflow the stack here.
 */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

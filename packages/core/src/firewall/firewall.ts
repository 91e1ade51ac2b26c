import { z } from 'zod';
import { BUILT_IN_CATEGORIES, PRESET_CATEGORIES } from './terms';

export type FirewallMode = 'block' | 'warn' | 'off';

export interface FirewallCategory {
  name: string;
  mode: FirewallMode;
  terms: readonly string[];
}

export interface Finding {
  category: string;
  /** The term as listed (its first form), e.g. "sue" for "SUED". */
  term: string;
  mode: 'block' | 'warn';
  /** Where it was found, e.g. `payload.customer.note` or `steps[1].prompt`. */
  path: string;
}

export interface ScanResult {
  findings: Finding[];
  /** True when the value was nested deeper (or was larger) than the scanner reads. */
  incomplete: boolean;
}

export interface Firewall {
  readonly categories: readonly FirewallCategory[];
  /** True when some category blocks. */
  readonly blocks: boolean;
  scanText(text: string, path?: string): Finding[];
  /** Every string value (not object keys) of a JSON-like value, iteratively; stops at the first block. */
  scanValue(value: unknown, root: string, limits?: { maxDepth?: number; maxNodes?: number }): ScanResult;
}

export const FIREWALL_MAX_DEPTH = 64;
export const FIREWALL_MAX_NODES = 250_000;
const MAX_FINDINGS = 10;

/** Characters that make a word: letters, digits and combining marks of any script. */
const WORD = String.raw`[\p{L}\p{N}\p{M}]`;
/** Between the words of a phrase: spaces of any kind, line breaks, hyphens and dashes, underscores. */
const GAP = String.raw`[\s\p{Zs}_\-\u2010-\u2015]+`;
const GAP_RE = /[\s\p{Zs}_\-\u2010-\u2015]+/gu;
const APOSTROPHES = /['\u2019\u02bc]/gu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regular plural of the last word: s, es, ies, is → es. */
function plural(form: string): string | null {
  if (/\d$/.test(form) || form.length < 3) return null;
  if (/is$/.test(form)) return `${form.slice(0, -2)}es`;
  if (/(s|x|z|ch|sh)$/.test(form)) return `${form}es`;
  if (/[^aeiou]y$/.test(form)) return `${form.slice(0, -1)}ies`;
  return `${form}s`;
}

/** Lower case, one space between words, one kind of apostrophe: the key a match is looked up by. */
function normalizeForm(text: string): string {
  return text.toLowerCase().replace(APOSTROPHES, "'").replace(GAP_RE, ' ').trim();
}

function formPattern(form: string): string {
  return form
    .split(' ')
    .map((word) => escapeRegExp(word).replace(/'/g, "['\u2019\u02bc]"))
    .join(GAP);
}

/** Text as scanned: compatibility forms folded (full-width letters), invisible format characters dropped. */
function prepare(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII fast path
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

/**
 * One regular expression for all active categories (a named group each), words and phrases only:
 * a term never matches inside a longer word ("sue" is not in "issue", "pursue" or "suede").
 */
export function compileFirewall(categories: readonly FirewallCategory[]): Firewall {
  const active = categories.filter((c) => c.mode !== 'off' && c.terms.length > 0);
  const lookup = new Map<string, string>(); // `${group}\u0000${form}` → term
  const groups: string[] = [];
  active.forEach((category, i) => {
    const forms = new Set<string>();
    for (const entry of category.terms) {
      const raw = entry.split('|');
      const name = raw[0]!.trim().toLowerCase().replace(APOSTROPHES, "'");
      for (const form of raw.map(normalizeForm)) {
        if (!form) continue;
        for (const f of [form, plural(form)]) {
          if (!f) continue;
          forms.add(f);
          const key = `${i}\u0000${f}`;
          if (!lookup.has(key)) lookup.set(key, name);
        }
      }
    }
    const alternatives = [...forms].sort((a, b) => b.length - a.length).map(formPattern);
    groups.push(`(?<c${i}>${alternatives.join('|')})`);
  });
  const regex =
    groups.length > 0 ? new RegExp(`(?<!${WORD})(?:${groups.join('|')})(?!${WORD})`, 'giu') : null;
  const blocks = active.some((c) => c.mode === 'block');

  function scanText(text: string, path = ''): Finding[] {
    if (!regex || text.length < 2) return [];
    const prepared = prepare(text);
    const found: Finding[] = [];
    regex.lastIndex = 0;
    for (let m = regex.exec(prepared); m; m = regex.exec(prepared)) {
      const groupsMatched = m.groups ?? {};
      const i = active.findIndex((_, k) => groupsMatched[`c${k}`] !== undefined);
      const category = active[i]!;
      const matched = normalizeForm(m[0]);
      const term = lookup.get(`${i}\u0000${matched}`) ?? matched;
      if (!found.some((f) => f.category === category.name && f.term === term))
        found.push({ category: category.name, term, mode: category.mode as 'block' | 'warn', path });
      if (category.mode === 'block' || found.length >= MAX_FINDINGS) break;
    }
    regex.lastIndex = 0;
    return found;
  }

  function scanValue(
    value: unknown,
    root: string,
    limits: { maxDepth?: number; maxNodes?: number } = {},
  ): ScanResult {
    const maxDepth = limits.maxDepth ?? FIREWALL_MAX_DEPTH;
    const maxNodes = limits.maxNodes ?? FIREWALL_MAX_NODES;
    const findings: Finding[] = [];
    if (!regex) return { findings, incomplete: false };
    const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
    let nodes = 0;
    while (stack.length > 0) {
      const { v, path, depth } = stack.pop()!;
      if (++nodes > maxNodes) return { findings, incomplete: true };
      if (typeof v === 'string') {
        for (const f of scanText(v, path)) {
          if (!findings.some((x) => x.category === f.category && x.term === f.term)) findings.push(f);
          if (f.mode === 'block') return { findings: [f], incomplete: false };
        }
        if (findings.length >= MAX_FINDINGS) return { findings, incomplete: false };
      } else if (v !== null && typeof v === 'object') {
        if (depth >= maxDepth) return { findings, incomplete: true };
        if (Array.isArray(v)) {
          for (let k = v.length - 1; k >= 0; k--)
            stack.push({ v: v[k], path: `${path}[${k}]`, depth: depth + 1 });
        } else {
          const entries = Object.entries(v as Record<string, unknown>);
          for (let k = entries.length - 1; k >= 0; k--) {
            const [key, child] = entries[k]!;
            const seg = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
            stack.push({ v: child, path: `${path}${seg}`, depth: depth + 1 });
          }
        }
      }
    }
    return { findings, incomplete: false };
  }

  return { categories: active, blocks, scanText, scanValue };
}

// ---------------------------------------------------------------------------------------------
// Configuration from the environment

export class FirewallConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FirewallConfigError';
  }
}

const ZMode = z.enum(['block', 'warn', 'off']);
const ZCategoryName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a category name is a-z, 0-9, "_" or "-"');
const ZCategoriesJson = z.record(
  ZCategoryName,
  z.object({
    mode: ZMode.optional(),
    terms: z.array(z.string().trim().min(2).max(100)).max(500).optional(),
  }),
);

const BUILT_IN_DEFAULT: FirewallMode = 'block';
const PRESET_DEFAULT: FirewallMode = 'off';
const CUSTOM_DEFAULT: FirewallMode = 'block';

/**
 * The categories in force, from
 * - `LEVQOR_FIREWALL_MODE`: a mode (`block`, `warn`, `off`) for the built-in categories and/or
 *   `category:mode` pairs, comma-separated — e.g. `warn`, `medical:warn,minors:block`;
 * - `LEVQOR_FIREWALL_CATEGORIES`: JSON `{ "name": { "mode": "block", "terms": ["…"] } }` adding
 *   categories, enabling a preset (`minors`, `biometric`) or adding terms to a built-in one.
 * Defaults: medical, legal, financial `block`; presets `off`; new categories `block`.
 * Precedence: `category:mode` in LEVQOR_FIREWALL_MODE › `mode` in the JSON › the bare mode › default.
 * Throws FirewallConfigError for anything it cannot read (misconfiguration never fails open).
 */
export function firewallCategoriesFromEnv(
  env: Record<string, string | undefined> = process.env,
): FirewallCategory[] {
  let custom: z.infer<typeof ZCategoriesJson> = {};
  const rawJson = env.LEVQOR_FIREWALL_CATEGORIES?.trim();
  if (rawJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawJson);
    } catch {
      throw new FirewallConfigError('LEVQOR_FIREWALL_CATEGORIES is not valid JSON');
    }
    const result = ZCategoriesJson.safeParse(parsed);
    if (!result.success)
      throw new FirewallConfigError(
        `LEVQOR_FIREWALL_CATEGORIES: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    custom = result.data;
  }

  let bare: FirewallMode | undefined;
  const explicit = new Map<string, FirewallMode>();
  for (const token of (env.LEVQOR_FIREWALL_MODE ?? '').split(',').map((t) => t.trim().toLowerCase())) {
    if (!token) continue;
    const pair = /^([^:=\s]+)\s*[:=]\s*(\S+)$/.exec(token);
    const mode = ZMode.safeParse(pair ? pair[2] : token);
    if (!mode.success)
      throw new FirewallConfigError(
        `LEVQOR_FIREWALL_MODE: "${token}" is not block, warn, off or category:mode`,
      );
    if (pair) explicit.set(pair[1]!, mode.data);
    else bare = mode.data;
  }

  const categories: FirewallCategory[] = [];
  const names = new Set<string>([
    ...Object.keys(BUILT_IN_CATEGORIES),
    ...Object.keys(PRESET_CATEGORIES),
    ...Object.keys(custom),
  ]);
  for (const name of names) {
    const builtIn = (BUILT_IN_CATEGORIES as Record<string, readonly string[]>)[name];
    const preset = (PRESET_CATEGORIES as Record<string, readonly string[]>)[name];
    const extra = custom[name];
    const terms = [...(builtIn ?? preset ?? []), ...(extra?.terms ?? [])];
    if (terms.length === 0)
      throw new FirewallConfigError(`LEVQOR_FIREWALL_CATEGORIES: category "${name}" needs "terms"`);
    const fallback = builtIn
      ? (bare ?? BUILT_IN_DEFAULT)
      : preset && !extra
        ? PRESET_DEFAULT
        : CUSTOM_DEFAULT;
    const mode = explicit.get(name) ?? extra?.mode ?? fallback;
    categories.push({ name, mode, terms });
  }
  for (const name of explicit.keys()) {
    if (!names.has(name))
      throw new FirewallConfigError(
        `LEVQOR_FIREWALL_MODE: unknown category "${name}" (known: ${[...names].join(', ')})`,
      );
  }
  return categories;
}

const cache = new Map<string, Firewall>();

/** The firewall for this environment, compiled once per configuration. */
export function firewallFromEnv(env: Record<string, string | undefined> = process.env): Firewall {
  const key = `${env.LEVQOR_FIREWALL_MODE ?? ''}\u0000${env.LEVQOR_FIREWALL_CATEGORIES ?? ''}`;
  let firewall = cache.get(key);
  if (!firewall) {
    firewall = compileFirewall(firewallCategoriesFromEnv(env));
    if (cache.size > 20) cache.clear();
    cache.set(key, firewall);
  }
  return firewall;
}

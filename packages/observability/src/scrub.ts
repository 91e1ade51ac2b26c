/**
 * The one scrubber every Sentry client uses (server, worker, browser) as `beforeSend`: an error report
 * carries what locates a fault — message, stack, service, request/job/workspace/run ids — and never who
 * or what it was about. No imports: the browser loads it too.
 *
 * - user: only `id` (no email, username or IP address);
 * - request: only the method and the URL without its query (no headers, cookies, body, query, env);
 * - extra: dropped (payloads end up there); contexts: only the SDK's runtime facts and the Next route;
 * - stack frames: no local variables; source lines masked like any text;
 * - every remaining string: emails, IP addresses, sign-in tokens, API keys and bearer secrets masked.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const EMAIL_ENCODED = /[A-Za-z0-9._%+-]+%40[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
const IPV6 =
  /(?<![\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})(?![\w:])/gi;
const SECRET_PARAM = /([?&#](?:token|code|secret|key|api_key|password|email)=)[^&\s"'<>]+/gi;
const API_KEY = /\blvq_(?:live|test)_[0-9A-Za-z_]+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** Masks what identifies a person or grants access in free text. */
export function scrubText(text: string): string {
  return text
    .replace(SECRET_PARAM, '$1[redacted]')
    .replace(API_KEY, '[api-key]')
    .replace(BEARER, '$1 [redacted]')
    .replace(EMAIL, '[email]')
    .replace(EMAIL_ENCODED, '[email]')
    .replace(IPV4, '[ip]')
    .replace(IPV6, '[ip]');
}

/** Keys whose value is dropped wherever they appear (breadcrumb data, contexts, tags). */
const SECRET_KEY =
  /^(email|e-mail|to|from|cookie|cookies|authorization|x-api-key|password|secret|token|ip|ip_address|payload|input|output|body|data|headers)$/i;

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY.test(k)) continue;
    out[k] = scrubValue(v, depth + 1);
  }
  return out;
}

/** Contexts the SDKs fill with facts about the runtime, and the Next route of a request error. */
const KEPT_CONTEXTS = new Set([
  'app',
  'os',
  'runtime',
  'device',
  'culture',
  'cloud_resource',
  'trace',
  'nextjs',
]);

function urlWithoutQuery(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  return scrubText(url.split(/[?#]/)[0]!);
}

// Structural types: the fields of a Sentry event this touches (no dependency on an SDK's types).
interface Frame {
  vars?: unknown;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
}
interface ScrubbableEvent {
  message?: string;
  user?: { id?: string | number };
  request?: { method?: string; url?: string };
  extra?: unknown;
  contexts?: Record<string, unknown>;
  tags?: Record<string, unknown>;
  breadcrumbs?: { message?: string; data?: unknown }[];
  exception?: { values?: { value?: string; stacktrace?: { frames?: Frame[] } }[] };
  logentry?: { message?: string; params?: unknown[] };
  server_name?: string;
}

/** `beforeSend`: returns the event (changed in place) with everything personal or secret removed. */
export function scrubEvent<E>(input: E): E {
  const event = input as ScrubbableEvent;
  const user = event.user?.id !== undefined ? { id: event.user.id } : undefined;
  if (user) event.user = user;
  else delete event.user;
  if (event.request)
    event.request = { method: event.request.method, url: urlWithoutQuery(event.request.url) };
  delete event.extra;
  if (event.contexts) {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(event.contexts)) if (KEPT_CONTEXTS.has(k)) kept[k] = scrubValue(v);
    event.contexts = kept;
  }
  if (event.tags) event.tags = scrubValue(event.tags) as Record<string, unknown>;
  if (event.message) event.message = scrubText(event.message);
  if (event.logentry) event.logentry = { message: scrubText(event.logentry.message ?? '') };
  for (const ex of event.exception?.values ?? []) {
    if (ex.value) ex.value = scrubText(ex.value);
    for (const frame of ex.stacktrace?.frames ?? []) {
      delete frame.vars;
      if (frame.context_line) frame.context_line = scrubText(frame.context_line);
      if (frame.pre_context) frame.pre_context = frame.pre_context.map(scrubText);
      if (frame.post_context) frame.post_context = frame.post_context.map(scrubText);
    }
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map((b) => scrubBreadcrumb(b));
  return input;
}

/** `beforeBreadcrumb`: masks text, drops secret-named data and URL queries. */
export function scrubBreadcrumb<B>(crumb: B): B {
  const out = { ...crumb } as { message?: string; data?: unknown };
  if (out.message) out.message = scrubText(out.message);
  if (out.data && typeof out.data === 'object') {
    const data = scrubValue(out.data) as Record<string, unknown>;
    if (typeof data.url === 'string') data.url = urlWithoutQuery(data.url);
    out.data = data;
  }
  return out as B;
}

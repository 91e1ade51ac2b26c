import type { DbOrTx } from '@levqor/db';
import { recordSsrfBlock } from '../net/record-ssrf-block';
import { safeFetch } from '../net/safe-fetch';
import { allowListFromEnv, SsrfBlockedError } from '../net/ssrf-guard';
import { HEADER_VALUE, HTTP_TOKEN, type HttpStep } from '../workflows/step-schema';
import { renderDeep, renderString, type TemplateScope } from '../workflows/template';
import { StepError } from './step-error';

export const HTTP_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** An http step: rendered URL / headers / body, guarded against internal targets, 1 MB response cap. */
export async function runHttp(
  step: HttpStep,
  scope: TemplateScope,
  signal: AbortSignal,
  env = process.env,
  /** Where refusals are logged (`ssrf.blocked` security events). */
  log?: { db: DbOrTx; workspaceId?: string; jobId?: string },
): Promise<{ input: unknown; output: HttpOutput }> {
  const url = renderString(step.url, scope);
  const headers = Object.fromEntries(
    Object.entries(renderDeep(step.headers, scope) as Record<string, unknown>).map(([k, v]) => [
      k,
      String(v ?? ''),
    ]),
  );
  // Checked once the placeholders are filled in: a line break would split the request (header injection).
  // Refused at once, not retried: the same input fails the same way every time.
  for (const [name, value] of Object.entries(headers)) {
    if (!HTTP_TOKEN.test(name))
      throw new StepError(`Header name "${name.slice(0, 100)}" is not a valid HTTP header name`, false);
    if (!HEADER_VALUE.test(value))
      throw new StepError(
        /[\r\n]/.test(value)
          ? `Header "${name}" contains a line break (CR/LF) once its placeholders are filled in; a header value must be a single line`
          : `Header "${name}" contains a character an HTTP header cannot carry (a control character or text beyond Latin-1) once its placeholders are filled in`,
        false,
      );
  }
  const rendered = step.body === null || step.body === undefined ? null : renderDeep(step.body, scope);
  const body = rendered === null ? null : typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
  if (
    body !== null &&
    typeof rendered !== 'string' &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json';
  }
  const input = { method: step.method, url, headers, body: rendered };
  try {
    const res = await safeFetch(
      url,
      {
        method: step.method,
        headers,
        body,
        timeoutMs: step.timeout_ms,
        signal,
        maxBytes: HTTP_MAX_RESPONSE_BYTES,
      },
      { allow: allowListFromEnv(env) },
    );
    let parsed: unknown = res.body;
    if (/\bjson\b/i.test(res.headers['content-type'] ?? '') && !res.truncated) {
      try {
        parsed = JSON.parse(res.body);
      } catch {
        // keep the text
      }
    }
    return { input, output: { status: res.status, headers: res.headers, body: parsed } };
  } catch (err) {
    if (err instanceof SsrfBlockedError) {
      if (log)
        await recordSsrfBlock(log.db, err, {
          source: 'http_step',
          workspaceId: log.workspaceId,
          jobId: log.jobId,
          stepId: step.id,
        });
      throw new StepError(err.message, false, input);
    }
    if (signal.aborted) throw new StepError('Request aborted (job cancelled or timed out)', false, input);
    throw new StepError(`HTTP request to ${url} failed: ${(err as Error).message}`, true, input);
  }
}

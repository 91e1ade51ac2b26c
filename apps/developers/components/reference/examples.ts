import type { MediaType } from './openapi-types';

/** The examples of a media type as titled JSON strings (`example`, then every `examples` entry). */
export function examplesOf(media: MediaType): { title: string; code: string }[] {
  const out: { title: string; code: string }[] = [];
  if (media.example !== undefined)
    out.push({ title: 'Example', code: JSON.stringify(media.example, null, 2) });
  for (const [name, ex] of Object.entries(media.examples ?? {})) {
    if (ex.value === undefined) continue;
    out.push({ title: `Example: ${ex.summary ?? name}`, code: JSON.stringify(ex.value, null, 2) });
  }
  return out;
}

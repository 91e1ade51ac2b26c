export const workflowHref = (slug: string) => `/dashboard/workflows/${encodeURIComponent(slug)}`;
export const jobHref = (id: string) => `/dashboard/jobs/${encodeURIComponent(id)}`;

/** The jobs list, optionally filtered (the filters live in the URL). */
export function jobsHref(
  filters: { status?: string; workflow?: string; tag?: string; q?: string; from?: string; to?: string } = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `/dashboard/jobs?${qs}` : '/dashboard/jobs';
}

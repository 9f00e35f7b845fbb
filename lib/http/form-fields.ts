/**
 * Reads a body sent either by a plain HTML form (which works before, or
 * without, JavaScript) or as JSON by a script. Only string fields are kept.
 */
export interface Fields {
  fields: Record<string, string>;
  /** True for an HTML form post: answer with a redirect, not JSON. */
  form: boolean;
}

export async function readFields(request: Request): Promise<Fields | null> {
  const type = request.headers.get('content-type') ?? '';
  const form = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
  try {
    const raw: Record<string, unknown> = form
      ? Object.fromEntries(await request.formData())
      : ((await request.json()) as Record<string, unknown>);
    if (raw === null || typeof raw !== 'object') return null;
    const fields = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { fields, form };
  } catch {
    return null;
  }
}

/** A 303 to a path on this site (relative, so it works behind any host name). */
export function seeOther(location: string, headers: HeadersInit = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...headers } });
}

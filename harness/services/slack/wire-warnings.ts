/**
 * Slack's request warnings, added to any response (success or error) the way the Web API
 * adds them: a comma-separated `warning` and `response_metadata.warnings`, each with a
 * `[WARN]` line in `response_metadata.messages`. Slack warns when a JSON body's Content-Type
 * declares no charset (`missing_charset`) and when a form body's declares one it does not
 * take (`superfluous_charset`); the official clients send form bodies without one.
 */

/** A warning code and its explanation. */
interface Warning {
  readonly code: string;
  readonly message: string;
}

/** The charset warnings a request earns from its Content-Type (none for bodiless calls). */
export function charsetWarnings(contentType: string | undefined, hasBody: boolean): Warning[] {
  if (!hasBody || !contentType) return [];
  const [type = '', ...params] = contentType.toLowerCase().split(';').map((s) => s.trim());
  const charset = params.some((p) => p.startsWith('charset='));
  if (type === 'application/json' && !charset) {
    return [{ code: 'missing_charset', message: "[WARN] The Content-Type header declares no charset; JSON bodies should say 'application/json; charset=utf-8'" }];
  }
  if (type === 'application/x-www-form-urlencoded' && charset) {
    return [{ code: 'superfluous_charset', message: '[WARN] The Content-Type header declares a charset, which form-encoded bodies do not take' }];
  }
  return [];
}

/**
 * Merges warnings into a response body, keeping warnings a handler already set (such as
 * `already_in_channel`) and its `response_metadata` (the next cursor). An `invalid_arguments`
 * error explains itself in `response_metadata.messages` as Slack's do.
 */
export function withWarnings(body: Record<string, unknown>, warnings: readonly Warning[]): Record<string, unknown> {
  const meta = { ...(body.response_metadata as Record<string, unknown> | undefined) };
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  if (body.error === 'invalid_arguments' && detail && !Array.isArray(meta.messages)) meta.messages = [`[ERROR] ${detail}`];
  if (warnings.length === 0) return Object.keys(meta).length ? { ...body, response_metadata: meta } : body;
  const codes = [...new Set([...((meta.warnings as string[] | undefined) ?? []), ...warnings.map((w) => w.code)])];
  meta.warnings = codes;
  meta.messages = [...((meta.messages as string[] | undefined) ?? []), ...warnings.map((w) => w.message)];
  return { ...body, warning: codes.join(','), response_metadata: meta };
}

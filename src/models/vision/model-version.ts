/**
 * Version tags for the vision models, which carry no version metadata of their own. A model's
 * model.json lists every weight tensor with its shape and quantization range, so a digest of it
 * changes whenever the model is retrained or re-converted, and episodes logged with one can be
 * traced to the exact files that judged them.
 */

/** Hex characters of the SHA-256 digest kept in a tag: 48 bits, plenty to tell releases apart. */
export const MODEL_DIGEST_HEX_CHARS = 12;

/** "sha256:<first 12 hex digits>" of `modelJsonText` (UTF-8). */
export async function modelJsonDigestTag(modelJsonText: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(modelJsonText));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex.slice(0, MODEL_DIGEST_HEX_CHARS)}`;
}

/** Fetches the model.json at `modelJsonUrl` and returns its digest tag. */
export async function fetchModelVersion(modelJsonUrl: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const response = await fetchFn(modelJsonUrl);
  if (!response.ok) throw new Error(`${modelJsonUrl} answered ${response.status}`);
  return modelJsonDigestTag(await response.text());
}

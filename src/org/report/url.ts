/**
 * A URL from the standings as a report may link it: http(s) only, normalised (spaces, quotes and
 * parentheses percent-encoded) so it cannot end a Markdown link or an HTML attribute early;
 * undefined for anything else (a `javascript:` URL is shown as text, never linked).
 */
export function linkable(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(/[()'"]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

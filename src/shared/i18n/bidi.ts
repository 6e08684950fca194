/**
 * Text a person typed (a name, a free text) set inside a translated sentence: wrapped in Unicode's
 * first-strong isolate (U+2068 … U+2069), the plain-text twin of `<bdi>`. A right-to-left override or
 * an Arabic name then cannot reorder the words around it, and an unclosed override ends at the wrap.
 * Where the text is an element of its own, use `<bdi>` (or `dir="auto"`) instead.
 */
export function isolate(userText: string): string {
  return `\u2068${userText}\u2069`;
}

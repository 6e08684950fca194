/**
 * Texts written to sit inside a sentence ("Skäl: målen är uppnådda") start in lower case; where the same
 * text stands alone (an option in a list), it starts with a capital in the reader's language.
 */
export function capitalize(text: string, languageTag: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(languageTag) + text.slice(head.length);
}

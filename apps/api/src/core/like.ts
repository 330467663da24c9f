/**
 * Escapes the characters LIKE / ILIKE give a meaning to (`%`, `_` and the escape character `\`), so
 * that user text is matched literally: `100%` finds « 100% », not « 1000 ».
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `text` anywhere, literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/**
 * An (I)LIKE pattern that matches `text` anywhere in a value, read literally: the wildcards `%` and `_` and the escape
 * character `\` in it are escaped (Postgres' default LIKE escape is `\`).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

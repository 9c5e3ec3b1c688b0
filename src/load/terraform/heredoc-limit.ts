/**
 * @module A bound on heredoc length, checked before hcl2json parses a file: its parser is quadratic in
 * the lines of one heredoc (100,000 lines: 95 s), while real heredocs (policies, cloud-init) hold hundreds.
 */

/** Lines one heredoc may hold; documented in docs/limits.md. */
export const MAX_HEREDOC_LINES = 5_000;

/** `<<EOT` or `<<-EOT` ending a line: the opening of a heredoc, and its delimiter. */
const OPENING = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?$/;

export interface LongHeredoc {
  /** 1-based line of the heredoc's opening. */
  readonly line: number;
  readonly lines: number;
}

/**
 * The first heredoc longer than MAX_HEREDOC_LINES, counted up to its closing delimiter (or the end of
 * the file). One pass over the lines; a `<<EOT` inside a comment or string counts too, which can only
 * refuse a file that also has 5,000 lines without the delimiter.
 */
export function findLongHeredoc(text: string): LongHeredoc | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const at = line.lastIndexOf('<<');
    const delimiter = at < 0 ? undefined : OPENING.exec(line.slice(at))?.[1];
    if (delimiter === undefined) continue;
    let end = i + 1;
    while (end < lines.length && (lines[end] ?? '').trim() !== delimiter) end++;
    const count = end - i - 1;
    if (count > MAX_HEREDOC_LINES) return { line: i + 1, lines: count };
    i = end;
  }
  return undefined;
}

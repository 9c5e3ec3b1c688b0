/**
 * @module The one signature every verb's output format has (besides scan's `Formatter`): the verb's
 * result in, text out through `write`, no other I/O. A format that streams calls `write` once per piece,
 * so a large answer is never held whole; the others call it once.
 */
export type Render<Result> = (result: Result, write: (text: string) => void) => void;

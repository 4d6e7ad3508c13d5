/**
 * The text of a string literal's body as the programs Layerlab runs print it
 * (node and python scripts, Go's fmt.Print): `\n` and `\t` are a newline and
 * a tab, any other escaped character stands for itself (`\"`, `\\`).
 */
export function unescapeLiteral(body: string): string {
  return body.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t' })[ch] ?? ch);
}

/** The format `kofuzei evaluate` writes: the one asked for, else a table on a terminal, else json. */
export function evaluateFormat(
  options: { readonly format?: string; readonly output?: string },
  stdout: { readonly isTTY?: boolean },
): string {
  return (
    options.format ?? (stdout.isTTY === true && options.output === undefined ? 'table' : 'json')
  );
}

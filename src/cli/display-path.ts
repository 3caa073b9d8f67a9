import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Relative to the working directory when the file is under it (stable in CI logs), else absolute. */
export function displayPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  if (fromHere === '' || fromHere.startsWith('..') || isAbsolute(fromHere)) return resolve(file);
  return fromHere.split(sep).join('/');
}

/**
 * What JSON.parse hides in a policy file's text, or null: a key written twice in one object
 * (JSON.parse keeps the last silently) or a number literal (every policy value is a string; a
 * number such as 0.70000000000000001 would reach kofuzei only as the nearest double). The text
 * must already be valid JSON. The answer names the place as `values["key"]` and quotes the text.
 */
export function policyTextProblem(text: string): string | null {
  let at = 0;
  const skipSpace = (): void => {
    while (at < text.length && ' \t\r\n\uFEFF'.includes(text.charAt(at))) at += 1;
  };
  const readString = (): string => {
    const start = at;
    at += 1;
    while (text.charAt(at) !== '"') at += text.charAt(at) === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const where = (path: readonly string[]): string =>
    path.length === 0
      ? '(ポリシー全体)'
      : path.map((key, index) => (index === 0 ? key : `[${JSON.stringify(key)}]`)).join('');
  const readValue = (path: string[]): string | null => {
    skipSpace();
    const opening = text.charAt(at);
    if (opening === '"') {
      readString();
      return null;
    }
    if (opening !== '{' && opening !== '[') {
      const start = at;
      while (at < text.length && !',]} \t\r\n'.includes(text.charAt(at))) at += 1;
      const literal = text.slice(start, at);
      if (/^[-\d]/u.test(literal))
        return `${where(path)}: 数値 ${literal} は使えません。値は文字列で書きます（例: "${literal}"）`;
      return null;
    }
    const closing = opening === '{' ? '}' : ']';
    const seen = new Set<string>();
    at += 1;
    skipSpace();
    for (let index = 0; text.charAt(at) !== closing; index += 1) {
      let key = String(index);
      if (opening === '{') {
        key = readString();
        if (seen.has(key))
          return `${where([...path, key])}: キー ${JSON.stringify(key)} が同じオブジェクトに2回以上書かれています（どちらを使うか決められません）`;
        seen.add(key);
        skipSpace();
        at += 1; // ':'
      }
      const problem = readValue([...path, key]);
      if (problem !== null) return problem;
      skipSpace();
      if (text.charAt(at) === ',') at += 1;
      skipSpace();
    }
    at += 1;
    return null;
  };
  return readValue([]);
}

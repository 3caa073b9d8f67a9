/**
 * Characters a terminal must never receive raw from a ledger, a rule file or a file name: C0
 * controls (ESC starts cursor moves, OSC 52 clipboard writes, title changes; CR rewinds the line
 * so later text overwrites an amount), DEL, C1 controls (U+0080–U+009F, CSI and OSC in one
 * character), and invisible format characters (bidi overrides and isolates, zero-width marks,
 * tag characters, line and paragraph separators) that make text read other than it is.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** The same set, but a newline between lines is the CLI's own and stays. */
const UNSAFE_BUT_NEWLINE = /(?!\n)[\p{Cc}\p{Cf}\u2028\u2029]/gu;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One character as a visible escape: \n, \r, \t, else \uXXXX (a surrogate pair beyond the BMP).
 * These forms are also valid JSON string escapes for the same character, so escaping a line of
 * JSON keeps it valid JSON with the same value.
 */
function escapeChar(char: string): string {
  const short = SHORT[char];
  if (short !== undefined) return short;
  let escaped = '';
  for (let index = 0; index < char.length; index += 1)
    escaped += `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
}

/**
 * Ledger- or file-derived text made safe to show on a terminal, one field at a time: every
 * control and invisible format character (newlines too) becomes a visible escape such as
 * \u001b or \u202e. Backslashes are left as they are (Windows paths stay readable).
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * Text of several lines made safe for a terminal: the newlines between lines stay, everything
 * else terminalText escapes is escaped. For output assembled before it reaches the terminal
 * (rule-set errors, diff text); fields are better escaped with terminalText where they are built.
 */
export function terminalLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escapeChar);
}

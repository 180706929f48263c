/**
 * Text for the operator's terminal. Reports quote what Livy, the KDC or a
 * log chose to say; written raw, an escape sequence in it could retitle the
 * window, clear the screen or set the clipboard (OSC 52). C0 and C1 control
 * characters other than line feed and tab are shown as `\xNN` instead.
 */
export function forTerminal(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control =
      (code < 0x20 && code !== 0x0a && code !== 0x09) ||
      (code >= 0x7f && code <= 0x9f);
    if (control) {
      out += text.slice(from, i) + '\\x' + code.toString(16).padStart(2, '0');
      from = i + 1;
    }
  }
  return out === '' ? text : out + text.slice(from);
}

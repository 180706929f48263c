/**
 * A keytab is a password at rest: anyone who can read it signs in as its
 * principal. The panel and the doctor warn when group or others can read it.
 */
import type { ITitleAndFix } from '../explain/fixes';
import { shellQuotePath } from '../terminal/shell';

/** Prints the keytab's permission bits in octal (`600`), following links. */
export function keytabModeCommand(path: string): string {
  return `stat -L -c %a ${shellQuotePath(path)}`;
}

/** The warning for a keytab with mode `octal` (from keytabModeCommand), or null. */
export function keytabModeWarning(
  path: string,
  octal: string
): ITitleAndFix | null {
  const mode = /^[0-7]{3,4}$/.test(octal.trim())
    ? parseInt(octal.trim(), 8)
    : NaN;
  if (!Number.isFinite(mode) || (mode & 0o044) === 0) {
    return null;
  }
  const who = mode & 0o004 ? 'every user' : 'its group';
  return {
    title: `The keytab ${path} is readable by ${who} (mode ${octal.trim()}): whoever reads it can sign in as you.`,
    fix: `Run chmod 600 ${/^[\w~/.,:+-]+$/.test(path) ? path : shellQuotePath(path)} in a terminal.`
  };
}

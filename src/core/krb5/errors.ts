/**
 * Why a krb5.conf cannot be used. The first five are the profile library's own
 * errors, which MIT tools report as "Improper format of Kerberos configuration
 * file"; the others are limits of the format that MIT does not report.
 */
export type Krb5ParseErrorCode =
  | 'relation-syntax'
  | 'section-syntax'
  | 'section-not-top'
  | 'extra-brace'
  | 'missing-brace'
  | 'line-too-long'
  | 'nul-byte'
  | 'module';

const MIT_MESSAGES: Partial<Record<Krb5ParseErrorCode, string>> = {
  'relation-syntax': 'Syntax error in profile relation',
  'section-syntax': 'Syntax error in profile section header',
  'section-not-top': 'Profile section header not at top level',
  'extra-brace': 'Extra closing brace in profile',
  'missing-brace': 'Missing open brace in profile'
};

/** A krb5.conf that cannot be parsed or safely changed; callers write nothing. */
export class Krb5ParseError extends Error {
  /** 1-based line number in the parsed text. */
  readonly line: number;
  readonly code: Krb5ParseErrorCode;
  /** The profile library's message for this error, when MIT has one. */
  readonly mitMessage: string | null;

  constructor(code: Krb5ParseErrorCode, line: number, detail: string) {
    super(`krb5.conf line ${line}: ${detail}`);
    this.name = 'Krb5ParseError';
    this.code = code;
    this.line = line;
    this.mitMessage = MIT_MESSAGES[code] ?? null;
  }
}

/**
 * Failure causes named by the CLI's `explain` and by `parse-klist`'s `error`
 * field: scripts match on these names, so they never change.
 */
export const ERROR_CODES = [
  'WRONG_PASSWORD',
  'NO_PASSWORD',
  'PASSWORD_EXPIRED',
  'UNKNOWN_PRINCIPAL',
  'PRINCIPAL_EXPIRED',
  'PRINCIPAL_REVOKED',
  'UNKNOWN_SERVICE',
  'KDC_UNREACHABLE',
  'UNKNOWN_REALM',
  'NO_DEFAULT_REALM',
  'CONFIG_SYNTAX',
  'CLOCK_SKEW',
  'KEYTAB_MISSING',
  'KEYTAB_NO_KEY',
  'KVNO_MISMATCH',
  'NO_CREDENTIALS',
  'NO_TGT',
  'TICKET_EXPIRED',
  'TICKET_NOT_YET_VALID',
  'NOT_RENEWABLE',
  'LIVY_UNAUTHORIZED',
  'IMPERSONATION_DENIED',
  'OS_USER_MISSING',
  'HDFS_HOME_MISSING',
  'CLUSTER_KEYTAB_EXPIRED',
  'SPARKMAGIC_CONFIG_INVALID',
  'TLS_ERROR',
  'SPARKR_NOT_INITIALIZED',
  'UNKNOWN'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

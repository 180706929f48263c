/**
 * The causes `explain` knows, most specific first: the first rule that matches
 * wins. Cluster-side texts (Hadoop, YARN, Livy logs) come first, then Sparkmagic's
 * own configuration, Kerberos/GSS messages (MIT, Heimdal, Java), TLS, and the
 * bare HTTP 401 last, since Sparkmagic wraps every Kerberos failure in a 401.
 */
import { ErrorCode } from './codes';
import {
  IFixValues,
  ITitleAndFix,
  MUTUAL_AUTH_FAILED,
  NO_HTTP_ANSWER
} from './fixes';
import { IPattern, inOrder, onOneLine } from './patterns';
import { LOST_RULES, PENDING_RULES } from './session-rules';

export interface IRule {
  code: ErrorCode;
  /**
   * Any of these matches; named groups (realm, user, keytab, service, key)
   * feed the fix. Each must run in time linear in the text: no two
   * quantifiers that can take the same characters, no `A[\s\S]*B` (use
   * explain-patterns.ts), negated classes that stop at the next delimiter.
   */
  patterns: IPattern[];
  /** All of these must match too. */
  also?: IPattern[];
  fix?: (v: IFixValues) => ITitleAndFix;
}

export const RULES: IRule[] = [
  // Cluster side (Hadoop, YARN, Livy logs): never a client-side Kerberos problem.
  {
    code: 'IMPERSONATION_DENIED',
    patterns: [/not allowed to impersonate/]
  },
  {
    code: 'OS_USER_MISSING',
    patterns: [/requested yarn user is (?<user>\S+)/],
    also: [/User \S+ not found/]
  },
  {
    code: 'HDFS_HOME_MISSING',
    patterns: [
      /Permission denied: user=(?<user>[^,\s]+), access=WRITE, inode="\/user"/
    ]
  },
  {
    code: 'CLUSTER_KEYTAB_EXPIRED',
    patterns: [
      inOrder('GSS initiate failed', 'Failed to find any Kerberos tgt')
    ]
  },
  ...PENDING_RULES,
  // Livy's R interpreter: SparkR's own message inside a session that works otherwise.
  {
    code: 'SPARKR_NOT_INITIALIZED',
    patterns: [/SparkR has not been initialized/]
  },
  // Sparkmagic could not even start its authenticator or read its file.
  {
    code: 'SPARKMAGIC_CONFIG_INVALID',
    patterns: [
      /HTTPKerberosAuth\.__init__\(\) got an unexpected keyword argument '(?<key>[^']+)'/,
      /BadUserConfigurationException/,
      /HttpSessionAdapterConfigException/,
      inOrder('sparkmagic', 'JSONDecodeError'),
      inOrder('hdijupyterutils', 'JSONDecodeError')
    ]
  },
  {
    code: 'SPARKMAGIC_CONFIG_INVALID',
    patterns: [
      /MutualAuthenticationError/,
      /Mutual authentication (?:failed|unavailable)/
    ],
    fix: MUTUAL_AUTH_FAILED
  },
  // Password change forced at sign-in.
  {
    code: 'PASSWORD_EXPIRED',
    patterns: [
      // After the prompt to change it: no new password, two different ones, or
      // kpasswd (port 464) out of reach.
      inOrder(
        'Password expired',
        'Cannot read password',
        'Failed to read password',
        'Password mismatch',
        'Password change rejected',
        'Cannot contact any KDC'
      ),
      /Password has expired/
    ]
  },
  // Keytabs.
  {
    code: 'KEYTAB_MISSING',
    patterns: [/Key table file '?(?<keytab>[^'\s]+)'? not found/]
  },
  {
    code: 'KEYTAB_NO_KEY',
    patterns: [
      /Keytab contains no suitable keys for (?<user>\S+)/,
      /No key table entry found(?: for (?<user>\S+))?/,
      /Failed to find (?<user>\S+) in keytab (?<keytab>\S+)/,
      /Key table entry not found/
    ]
  },
  {
    code: 'KVNO_MISMATCH',
    patterns: [
      /Decrypt integrity check failed/,
      /Specified version of key is not available/,
      /keytab entry invalid/,
      /keytab is likely out of date/,
      /Integrity check on decrypted field failed/,
      /Mechanism level: Checksum failed/,
      /Cannot find key of appropriate type to decrypt/
    ]
  },
  // The KDC's answer about the client account.
  {
    code: 'PRINCIPAL_EXPIRED',
    patterns: [/Client'?s entry in database has expired/, /CLIENT EXPIRED/]
  },
  {
    code: 'PRINCIPAL_REVOKED',
    patterns: [/Client'?s credentials have been revoked/, /CLIENT LOCKED OUT/]
  },
  {
    code: 'UNKNOWN_PRINCIPAL',
    patterns: [
      /Client '(?<user>[^']+)' not found in Kerberos database/,
      /Client not found in Kerberos database/,
      /CLIENT_NOT_FOUND/,
      /Client \((?<user>[^()]+)\) unknown/
    ]
  },
  {
    code: 'UNKNOWN_SERVICE',
    patterns: [
      /Server (?:(?<service>\S+) )?not found in Kerberos database/,
      /SERVER_NOT_FOUND/,
      /Server \((?<service>[^()]+)\) unknown/
    ]
  },
  // Time.
  {
    code: 'CLOCK_SKEW',
    patterns: [/Clock skew too great/, /time skew \(-?\d+\) larger than max/]
  },
  { code: 'TICKET_NOT_YET_VALID', patterns: [/Ticket not yet valid/] },
  {
    code: 'NOT_RENEWABLE',
    patterns: [
      /KDC can't fulfill requested option while renewing/,
      inOrder('renew', "KDC can't fulfill requested option"),
      /TICKET NOT RENEWABLE/
    ]
  },
  // What the cache holds.
  { code: 'NO_TGT', patterns: [/Matching credential not found/] },
  {
    code: 'TICKET_EXPIRED',
    patterns: [/Ticket expired/, /The referenced credential has expired/]
  },
  {
    code: 'NO_CREDENTIALS',
    patterns: [
      /No credentials cache found/,
      /No credentials cache file found/,
      /No ticket file/,
      /No credentials were supplied/,
      /No Kerberos credentials available/,
      /End of credential cache reached/,
      // The cache named cannot hold tickets: unreadable file, KCM without its daemon.
      /Bad format in credentials cache/,
      /Unsupported credentials cache format version/,
      /No KCM server found/,
      /Credentials cache (?:file |keyring )?'[^']*' not found/,
      /Failed to find any Kerberos tgt/
    ]
  },
  // Reaching the KDC and reading krb5.conf.
  {
    code: 'KDC_UNREACHABLE',
    patterns: [
      /Cannot contact any KDC for realm '(?<realm>[^']+)'/,
      /Cannot contact any KDC/,
      /unable to reach any KDC in realm (?<realm>\S+)/i,
      /unable to reach any KDC/i,
      /Cannot resolve network address for KDC/
    ]
  },
  {
    code: 'UNKNOWN_REALM',
    patterns: [/Cannot find KDC for realm "?(?<realm>[^"\s]+)"?/]
  },
  {
    code: 'NO_DEFAULT_REALM',
    patterns: [
      /does not specify default realm/,
      /Cannot locate default realm/,
      /unable to find realm of host/
    ]
  },
  {
    code: 'CONFIG_SYNTAX',
    patterns: [/Improper format of Kerberos configuration file/]
  },
  // The password itself.
  {
    code: 'NO_PASSWORD',
    patterns: [/Cannot read password/, /Failed to read password/]
  },
  {
    code: 'WRONG_PASSWORD',
    patterns: [
      /Password incorrect/,
      /Preauthentication failed/,
      /Pre-authentication information was invalid/
    ]
  },
  // HTTPS to Livy.
  {
    code: 'TLS_ERROR',
    patterns: [
      /SSL certificate problem/,
      /CERTIFICATE_VERIFY_FAILED/,
      /certificate verify failed/,
      onOneLine(
        'SSL: certificate subject name ',
        ' does not match target host'
      ),
      /SSL: no alternative certificate subject name matches/,
      /PKIX path building failed/
    ]
  },
  ...LOST_RULES,
  // Nothing more specific: Livy only said 401.
  {
    code: 'LIVY_UNAUTHORIZED',
    patterns: [
      /Invalid status code '401'/,
      /^(?:< )?HTTP\/[\d.]+ 401\b/m,
      /HTTP ERROR 401/,
      /Error 401 Authentication required/,
      /The requested URL returned error: 401/
    ]
  },
  {
    code: 'UNKNOWN',
    patterns: [/Error sending http request and maximum retry encountered/],
    fix: NO_HTTP_ANSWER
  }
];

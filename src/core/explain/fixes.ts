/**
 * Title and fix for each cause. Fixes name the exact command or setting; the
 * values come from the profile when known, else from the message, else a
 * placeholder such as `<REALM>`.
 */
import { emrStepFix } from '../emr-step/command';
import { ErrorCode } from './codes';
import { SESSION_FIXES } from './session-fixes';

export interface IFixValues {
  realm: string;
  /** `user@REALM`. */
  principal: string;
  /** Load balancer host, lower case. */
  nlb: string;
  /** `HTTP/<nlb>@<realm>`. */
  spn: string;
  /** Details named by the message itself, when it names them. */
  keytab?: string;
  user?: string;
  service?: string;
  key?: string;
  messageRealm?: string;
  /** Seconds a message names (a timeout). */
  seconds?: string;
  /** A session state a message names (dead, error, killed). */
  state?: string;
  /** One line of cause taken from a log. */
  detail?: string;
}

export interface ITitleAndFix {
  title: string;
  fix: string;
}

type FixFactory = (v: IFixValues) => ITitleAndFix;

/** The line that gives a Livy SparkR session the handle Livy 0.9 leaves unset. */
export const SPARKR_ASSIGN =
  'assign(".sparkRjsc", get(".sc", envir = SparkR:::.sparkREnv), envir = SparkR:::.sparkREnv)';

const signIn = (v: IFixValues): string =>
  `kinit -S ${v.spn} ${v.principal} (service mode) or kinit ${v.principal} (TGT mode)`;

export const FIXES: Record<ErrorCode, FixFactory> = {
  WRONG_PASSWORD: v => ({
    title: 'Wrong password',
    fix:
      `Run kinit ${v.principal} again and type the password with care (Caps Lock, keyboard layout). ` +
      'With a keytab this means its key no longer matches the KDC (the password or key changed after it was written): ' +
      `export a fresh one (kadmin: ktadd -norandkey -k KEYTAB ${v.principal}) and point the profile's keytab at it.`
  }),
  NO_PASSWORD: v => ({
    title: 'No password was given',
    fix:
      `kinit could not read a password: run kinit ${v.principal} in a terminal and type it at the ` +
      `"Password for ${v.principal}:" prompt, or sign in with a keytab: kinit -kt KEYTAB ${v.principal}.`
  }),
  PASSWORD_EXPIRED: v => ({
    title: 'The password has expired and must be changed',
    fix:
      `Run kinit ${v.principal} in a terminal, type the current password, then the new one twice. ` +
      'The change goes through kpasswd on the KDC (port 464, admin_server on 749 in krb5.conf): ' +
      'if it fails with "Cannot contact any KDC", open those ports to the KDC.'
  }),
  UNKNOWN_PRINCIPAL: v => ({
    title: 'The KDC does not know this user',
    fix:
      `No principal ${v.user ?? v.principal} in realm ${v.realm}. Check the user name and realm in the profile ` +
      `(realms are case-sensitive, usually upper case: user@${v.realm}), or ask the Kerberos administrator ` +
      `to create it (kadmin: addprinc ${v.user ?? v.principal}).`
  }),
  PRINCIPAL_EXPIRED: v => ({
    title: 'The Kerberos account has expired',
    fix: `Ask the Kerberos administrator to extend it: kadmin: modprinc -expire never ${v.user ?? v.principal}.`
  }),
  PRINCIPAL_REVOKED: v => ({
    title: 'The Kerberos account is locked or disabled',
    fix:
      'Ask the Kerberos administrator to unlock it (kadmin: modprinc -unlock ' +
      `${v.user ?? v.principal}) or allow tickets again (modprinc +allow_tix ${v.user ?? v.principal}).`
  }),
  UNKNOWN_SERVICE: v => {
    const named = v.service ?? v.spn;
    if (/^krbtgt\//.test(named)) {
      return {
        title: "The service host maps to a realm the KDC doesn't trust",
        fix:
          `The KDC was asked for ${named}: the host's DNS domain was mapped to the wrong realm. ` +
          `Add "${v.nlb} = ${v.realm}" (and ".<cluster domain> = ${v.realm}") under [domain_realm] in krb5.conf, ` +
          'or set hostname_override / the Livy URL to a host of the realm.'
      };
    }
    return {
      title: 'The KDC does not know the Livy service principal',
      fix:
        `The KDC has no ${named}. Livy's principal must be HTTP/<load balancer host in lower case>@${v.realm} ` +
        `(service mode: kinit -S ${v.spn} ${v.principal}). Check the host part is lower case and is the name in ` +
        "Livy's keytab (NLB name, not the node's internal name), and that krb5.conf has rdns = false and " +
        'dns_canonicalize_hostname = false so clients do not rewrite the name. ' +
        emrStepFix()
    };
  },
  KDC_UNREACHABLE: v => ({
    title: 'No KDC answered',
    fix:
      `No KDC for ${v.messageRealm ?? v.realm} could be reached. Check "kdc = host:88" under [realms] ` +
      `${v.messageRealm ?? v.realm} in krb5.conf (Heimdal says the same when the realm is missing there) ` +
      'and that TCP 88 is open from here; udp_preference_limit = 1 makes clients use TCP, which load balancers ' +
      `and security groups usually pass. Trace it with: KRB5_TRACE=/dev/stderr kinit ${v.principal}.`
  }),
  UNKNOWN_REALM: v => ({
    title: 'The realm is not in krb5.conf',
    fix:
      `krb5.conf has no [realms] entry for ${v.messageRealm ?? v.realm}. Use the profile's realm ` +
      `(${v.realm}; realm names are case-sensitive), or add ${v.messageRealm ?? v.realm} = { kdc = host:88 ` +
      'admin_server = host:749 } under [realms] by applying the profile again.'
  }),
  NO_DEFAULT_REALM: v => ({
    title: 'krb5.conf has no default realm',
    fix:
      'The krb5.conf in use ($KRB5_CONFIG, else /etc/krb5.conf) is missing, empty, unreadable or starts with a ' +
      `byte order mark: apply the profile again so [libdefaults] default_realm = ${v.realm} is written, ` +
      `and use full names (${v.principal}).`
  }),
  CONFIG_SYNTAX: () => ({
    title: 'krb5.conf has a syntax error',
    fix:
      'A relation without "=", an unclosed "[section" or a stray "}" in krb5.conf or a file it includes. ' +
      'Fix that line or restore the backup written before the last change, then check with ' +
      'KRB5_CONFIG=/path/krb5.conf klist.'
  }),
  CLOCK_SKEW: () => ({
    title: 'The clocks differ too much',
    fix:
      "This machine's clock and the KDC's differ by more than the allowed skew (300 s). Sync the clock " +
      '(timedatectl set-ntp true, or chronyc makestep) on whichever side is wrong, then sign in again.'
  }),
  KEYTAB_MISSING: v => ({
    title: 'The keytab file does not exist',
    fix:
      `kinit could not open ${v.keytab ?? 'the keytab'}. Copy the keytab there (readable only by you: ` +
      "chmod 600) or correct the profile's keytab path; check it with klist -kte KEYTAB."
  }),
  KEYTAB_NO_KEY: v => ({
    title: 'The keytab holds no key for this principal',
    fix:
      `${v.keytab ?? 'The keytab'} has no usable key for ${v.user ?? v.principal} (or does not exist). ` +
      'List it with klist -kte KEYTAB; the principal and realm must match exactly. Export one with ' +
      `kadmin: ktadd -norandkey -k KEYTAB ${v.user ?? v.principal}.`
  }),
  KVNO_MISMATCH: v => ({
    title: "The service's keytab does not match the KDC",
    fix:
      `The service key was changed after the service's keytab was written. Re-export HTTP/${v.nlb}@${v.realm} ` +
      "into Livy's keytab (kadmin: ktadd -norandkey -k livy.keytab ...), restart Livy, then kdestroy && " +
      `${signIn(v)} here to drop tickets made with the old key. ` +
      emrStepFix()
  }),
  NO_CREDENTIALS: v => ({
    title: 'No Kerberos ticket',
    fix:
      `Sign in first: ${signIn(v)}. If you did, this process reads another cache: KRB5CCNAME and ` +
      'default_ccache_name (FILE:/tmp/krb5cc_%{uid}) must be the same for the terminal and the kernel; ' +
      'restart the Sparkmagic kernel after signing in.'
  }),
  NO_TGT: v => ({
    title: 'No ticket-granting ticket in the cache',
    fix:
      'The cache holds only the HTTP service ticket from kinit -S (service mode), so other services and a ' +
      `plain kinit -R fail. Renew with kinit -R -S ${v.spn} ${v.principal}, or sign in with a TGT: ` +
      `kinit ${v.principal}.`
  }),
  TICKET_EXPIRED: v => ({
    title: 'The ticket has expired',
    fix:
      `Sign in again: ${signIn(v)}; within its renewable life kinit -R -S ${v.spn} ${v.principal} ` +
      '(or kinit -R in TGT mode) renews it without a password. Then restart the Sparkmagic kernel.'
  }),
  TICKET_NOT_YET_VALID: v => ({
    title: 'The ticket is not valid yet',
    fix:
      "The ticket starts in the future: it is postdated, or this machine's clock is behind the KDC's. " +
      `Check the clock (timedatectl), then kdestroy && kinit ${v.principal}.`
  }),
  NOT_RENEWABLE: v => ({
    title: 'The ticket cannot be renewed',
    fix:
      'It was issued without a renewable lifetime (or is past its renew-until time). Sign in again with one: ' +
      `kinit -r 7d -S ${v.spn} ${v.principal} (the KDC's max_renewable_life must allow it).`
  }),
  LIVY_UNAUTHORIZED: v => ({
    title: 'Livy refused the request (HTTP 401)',
    fix:
      `No valid Kerberos ticket reached Livy. klist must show ${v.spn} (service mode: kinit -S ${v.spn} ` +
      `${v.principal}); krb5.conf needs rdns = false and dns_canonicalize_hostname = false so the service name ` +
      'is built from the load balancer name; the kernel must read the same KRB5CCNAME. An expired ticket ' +
      "stops new sessions only (a live one keeps Livy's auth cookie), and a kernel whose session could not " +
      'start stays failed until it restarts: sign in again, then restart that kernel. ' +
      'KRB5_TRACE=/dev/stderr curl --negotiate -u : <livy-url>/sessions shows the name asked for.'
  }),
  IMPERSONATION_DENIED: () => ({
    title: 'Livy may not act on behalf of this user',
    fix:
      'On the cluster: set hadoop.proxyuser.livy.hosts = * and hadoop.proxyuser.livy.groups = * in ' +
      'core-site.xml (and kms-site.xml when HDFS encryption is used), livy.impersonation.enabled = true in ' +
      'livy.conf, then restart the NameNode, ResourceManager and Livy. When Livy itself refuses ' +
      "(User 'a' not allowed to impersonate 'b'), list the requesting principal in livy.superusers or drop " +
      'proxyUser from the session request. ' +
      emrStepFix()
  }),
  OS_USER_MISSING: v => ({
    title: 'The user has no account on the cluster nodes',
    fix:
      `YARN runs the session as ${v.user ?? 'the user'}, who does not exist on the nodes: create the account ` +
      `on every node (useradd ${v.user ?? '<user>'}, or join the nodes to the directory with SSSD) and retry.`
  }),
  HDFS_HOME_MISSING: v => ({
    title: 'No HDFS home directory for the user',
    fix:
      `On the cluster: sudo -u hdfs hdfs dfs -mkdir -p /user/${v.user ?? '<user>'} && sudo -u hdfs hdfs dfs ` +
      `-chown ${v.user ?? '<user>'} /user/${v.user ?? '<user>'}. ` +
      emrStepFix(v.user ?? '<user>')
  }),
  CLUSTER_KEYTAB_EXPIRED: v => ({
    title: 'A cluster service lost its own Kerberos credentials',
    fix:
      'Livy could not get an HDFS delegation token because a cluster service has no ticket. On the cluster: ' +
      `kinit hdfs/<host>@${v.realm} -k -t /etc/hdfs.keytab (or restart that service) and check its keytab. ` +
      `If the session failed right after it started and you have no ticket here, sign in first: ${signIn(v)}.`
  }),
  SPARKMAGIC_CONFIG_INVALID: v => ({
    title: 'The Sparkmagic configuration is not valid',
    fix: v.key
      ? `kerberos_auth_configuration holds "${v.key}", which requests-kerberos rejects: keep only ` +
        'mutual_authentication, service, delegate, force_preemptive, principal, hostname_override, ' +
        'sanitize_mutual_error_response and send_cbt (apply the profile again), then restart the Sparkmagic kernel.'
      : '~/.sparkmagic/config.json ($SPARKMAGIC_CONF_DIR/config.json when set) is not valid: fix the JSON or ' +
        'apply the profile again, then restart the Sparkmagic kernels.'
  }),
  TLS_ERROR: () => ({
    title: "Livy's TLS certificate was not accepted",
    fix:
      "Give the CA bundle that signed it: the profile's TLS CA bundle (REQUESTS_CA_BUNDLE=/path/ca.pem in the " +
      "kernel's environment; curl --cacert /path/ca.pem). A name mismatch means the Livy URL must use a name on " +
      'the certificate. Only for a test: "ignore_ssl_errors": true in the Sparkmagic config.'
  }),
  ...SESSION_FIXES,
  SPARKR_NOT_INITIALIZED: () => ({
    title: 'SparkR in the Livy session lacks its Spark context handle',
    fix:
      'Livy 0.9 connects the R session to Spark but sets only .sc, not the .sparkRjsc that spark.lapply and ' +
      'other SparkR context calls read. Run this once in the R notebook, then the failed cell again: ' +
      SPARKR_ASSIGN
  }),
  UNKNOWN: v => ({
    title: 'Unrecognised error',
    fix:
      `Run the failing command again with KRB5_TRACE=/dev/stderr for Kerberos details (e.g. KRB5_TRACE=/dev/stderr kinit ${v.principal}), ` +
      'and check klist and the Sparkmagic log in ~/.sparkmagic/logs.'
  })
};

/** Sparkmagic's retry message carries no cause: it only says Livy gave no HTTP answer. */
export const NO_HTTP_ANSWER: FixFactory = () => ({
  title: 'Sparkmagic got no answer from Livy',
  fix:
    'The request never completed: check the Livy URL and port (8998) through the load balancer, that the port ' +
    'is open from here, and TLS (an https URL needs the CA bundle); ~/.sparkmagic/logs has the underlying error. ' +
    'Try: curl -v --negotiate -u : <livy-url>/sessions.'
});

/** requests-kerberos could not check Livy's reply token: usually a proxy dropped it. */
export const MUTUAL_AUTH_FAILED: FixFactory = () => ({
  title: "Livy's reply could not be authenticated",
  fix:
    "requests-kerberos requires a Kerberos token in Livy's answer (mutual authentication) and found none or a " +
    'wrong one, typical behind a load balancer or proxy that drops the WWW-Authenticate header. Set ' +
    '"mutual_authentication": "OPTIONAL" in the profile\'s Kerberos options (kerberos_auth_configuration), ' +
    'apply, and restart the Sparkmagic kernel.'
});

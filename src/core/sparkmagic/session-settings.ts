/**
 * The profile's session settings in Sparkmagic's terms: its start-up timeout
 * and heartbeat (top-level keys, each replacing Sparkmagic's default), and
 * the Livy session defaults, which Sparkmagic merges under `session_configs`
 * (and so under a notebook's `%%configure`).
 */
import { ISessionSettings } from '../profile';
import { isObject } from './validate';

/**
 * With the heartbeat on, the kernel reads its session every
 * `heartbeat_refresh_seconds` (Sparkmagic's default 30) and Livy deletes a
 * session no kernel has read for this long: a killed kernel no longer holds
 * the cluster's resources.
 */
export const HEARTBEAT_TIMEOUT_SECONDS = 300;

/** Livy `POST /sessions` fields the profile may set, by setting. */
const LIVY_FIELDS = [
  'idleTimeout',
  'queue',
  'driverMemory',
  'executorMemory',
  'driverCores',
  'executorCores',
  'numExecutors'
] as const;

/** The top-level keys the profile sets. */
export function sessionTopLevel(
  settings: ISessionSettings
): Record<string, number> {
  return {
    livy_session_startup_timeout_seconds: settings.startupTimeoutSeconds,
    livy_server_heartbeat_timeout_seconds: settings.heartbeat
      ? HEARTBEAT_TIMEOUT_SECONDS
      : 0
  };
}

/** The Livy session fields the profile sets (empty text and 0 set nothing). */
export function sessionDefaults(
  settings: ISessionSettings
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of LIVY_FIELDS) {
    const value = settings[field];
    if (value !== '' && value !== 0) {
      out[field] = value;
    }
  }
  if (Object.keys(settings.conf).length > 0) {
    out.conf = { ...settings.conf };
  }
  return out;
}

/**
 * Writes the settings into `config` (modified in place): the top-level keys
 * are the profile's; in `session_configs_defaults`, and in its `conf`, only
 * the fields the profile sets change and the user's other ones stay.
 */
export function mergeSessionSettings(
  config: Record<string, unknown>,
  settings: ISessionSettings
): void {
  Object.assign(config, sessionTopLevel(settings));
  const wanted = sessionDefaults(settings);
  if (Object.keys(wanted).length === 0) {
    return;
  }
  const before = config.session_configs_defaults;
  const defaults = isObject(before) ? before : {};
  const { conf, ...fields } = wanted;
  Object.assign(defaults, fields);
  if (isObject(conf)) {
    defaults.conf = {
      ...(isObject(defaults.conf) ? defaults.conf : {}),
      ...conf
    };
  }
  config.session_configs_defaults = defaults;
}

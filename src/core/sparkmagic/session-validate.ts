/**
 * Checks of the Sparkmagic keys that decide how a Livy session starts and
 * stays: the start-up timeout, the heartbeat, and the session defaults the
 * profile sets. A value other than the profile's is a warning: sessions
 * still start, with other settings, until the profile is applied.
 */
import { IProfile } from '../profile';
import { sessionDefaults, sessionTopLevel } from './session-settings';

type Report = (path: string, message: string) => void;

/** Below this a session on YARN often cannot start (51–90 s measured under load). */
export const SHORT_STARTUP_SECONDS = 120;

const INTEGER_KEYS = [
  'livy_session_startup_timeout_seconds',
  'wait_for_idle_timeout_seconds',
  'livy_server_heartbeat_timeout_seconds',
  'heartbeat_refresh_seconds',
  'heartbeat_retry_seconds'
];

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function checkSessionKeys(
  config: Record<string, unknown>,
  profile: IProfile | undefined,
  error: Report,
  warning: Report
): void {
  for (const key of INTEGER_KEYS) {
    const v = config[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) {
      error(key, `${key} must be a number of seconds, not ${show(v)}.`);
    }
  }
  const startup = config.livy_session_startup_timeout_seconds;
  const own = profile?.session.startupTimeoutSeconds;
  if (
    typeof startup === 'number' &&
    startup < SHORT_STARTUP_SECONDS &&
    startup === own
  ) {
    warning(
      'livy_session_startup_timeout_seconds',
      `A Livy session on YARN often takes over a minute to start; with ${startup} s Sparkmagic gives up and deletes it ("did not start up in ${startup} seconds").`
    );
  }
  const beat = config.livy_server_heartbeat_timeout_seconds;
  const refresh = config.heartbeat_refresh_seconds ?? 30;
  if (
    typeof beat === 'number' &&
    beat > 0 &&
    typeof refresh === 'number' &&
    refresh * 2 > beat
  ) {
    warning(
      'heartbeat_refresh_seconds',
      `The kernel reads its session every ${refresh} s, but Livy deletes a session not read for ${beat} s: a missed read or two loses the session. Keep heartbeat_refresh_seconds below half of livy_server_heartbeat_timeout_seconds.`
    );
  }
  if (!profile) {
    return;
  }
  const top = sessionTopLevel(profile.session);
  for (const key of Object.keys(top)) {
    if (config[key] !== top[key]) {
      warning(
        key,
        `${key} is ${show(config[key])}, but the profile sets ${top[key]}: apply the profile.`
      );
    }
  }
  const wanted = sessionDefaults(profile.session);
  const defaults = config.session_configs_defaults;
  const actual =
    defaults !== null && typeof defaults === 'object'
      ? (defaults as Record<string, unknown>)
      : {};
  for (const field of Object.keys(wanted)) {
    if (field === 'conf') {
      continue;
    }
    if (actual[field] !== wanted[field]) {
      warning(
        `session_configs_defaults/${field}`,
        `session_configs_defaults.${field} is ${show(actual[field])}, but the profile sets ${show(wanted[field])}.`
      );
    }
  }
  const conf = (actual.conf ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(profile.session.conf)) {
    if (conf[name] !== value) {
      warning(
        `session_configs_defaults/conf/${name}`,
        `session_configs_defaults.conf["${name}"] is ${show(conf[name])}, but the profile sets ${show(value)}.`
      );
    }
  }
}

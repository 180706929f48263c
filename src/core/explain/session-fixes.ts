/**
 * Title and fix of the Spark session failures: a session that Sparkmagic
 * gave up on, that Livy no longer has, that died, or that YARN has not
 * given resources yet.
 */
import type { IFixValues, ITitleAndFix } from './fixes';

type FixFactory = (v: IFixValues) => ITitleAndFix;

const RESTART =
  'Restart the kernel (Kernel → Restart Kernel): the next cell starts a new session; variables of the old one are lost.';

const STILL_PENDING =
  'If the Spark sessions section shows it ACCEPTED, YARN has no room for it (YARN_PENDING).';

export const SESSION_FIXES: Record<
  'SESSION_START_TIMEOUT' | 'SESSION_GONE' | 'SESSION_DEAD' | 'YARN_PENDING',
  FixFactory
> = {
  SESSION_START_TIMEOUT: v => ({
    title: 'The Spark session did not start in time',
    fix:
      `Sparkmagic waited ${v.seconds ? `${v.seconds} s` : 'its start-up timeout'} (livy_session_startup_timeout_seconds) ` +
      'for the session to become idle, then deleted it, and the kernel now fails every cell. A session on YARN ' +
      "takes one to several minutes, more on a busy cluster: raise the profile's start-up timeout (Spark session, " +
      `e.g. 300 s), apply it, then restart the kernel. ${STILL_PENDING}`
  }),
  SESSION_GONE: () => ({
    title: 'Livy no longer has the Spark session',
    fix:
      "Livy deleted the kernel's session: it was idle longer than Livy's idle timeout (livy.server.session.timeout, " +
      '1 h by default, counted also while a cell runs unless the cluster sets timeout-check.skip-busy), or it was ' +
      `deleted (Spark sessions section, Livy restarted). ${RESTART} For cells that run longer, raise the ` +
      "profile's idle timeout (Spark session) and apply it."
  }),
  SESSION_DEAD: v => ({
    title: 'The Spark session died',
    fix:
      `Livy reports the session ${v.state ?? 'dead'}${v.detail ? `: ${v.detail}` : ''}. ${RESTART} ` +
      "If it dies again, the driver log (a link in the Spark sessions section) or Livy's GET /sessions/N/log has the cause."
  }),
  YARN_PENDING: v => ({
    title: 'YARN has not given the session resources yet',
    fix:
      'The application is ACCEPTED and waits for YARN to assign its ApplicationMaster' +
      `${v.detail ? ` (${v.detail})` : ''}. The queue or cluster is full: wait, end idle sessions (Delete Idle ` +
      "Spark Sessions), use another YARN queue or smaller driver/executors in the profile's Spark session " +
      'settings, or ask the cluster admin for capacity. Sparkmagic stops waiting at its start-up timeout.'
  })
};

/**
 * One Livy session in the "Spark sessions" section: its state (with the
 * time since the panel first listed it while it starts), the YARN
 * application and its state, why it waits or why it ended (explained with
 * `explain`'s codes when the reason names one), Livy's links, and Delete.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { IExplanation } from '../core/explain/explain';
import { explainOutput } from '../core/explain/explained-error';
import { ENDED_STATES } from '../core/livy-sessions';
import type { ISessionRow, SparkSessions } from '../model/spark-sessions';
import { BreakAt } from './break-at';
import { formatDuration, formatTime } from './duration';
import { Explained } from './ticket-view';

const STARTING = ['not_started', 'starting'];

/** Re-renders every second while `on`, for a running clock. */
function useTick(on: boolean): number {
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    if (!on) {
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

/** The reason explained, when it names a known cause. */
function useExplained(reason: string): IExplanation | null {
  const [explained, setExplained] = React.useState<IExplanation | null>(null);
  React.useEffect(() => {
    let live = true;
    setExplained(null);
    if (reason) {
      void explainOutput(reason).then(e => {
        if (live && e.code !== 'UNKNOWN') {
          setExplained(e);
        }
      });
    }
    return () => {
      live = false;
    };
  }, [reason]);
  return explained;
}

export function SessionRow(props: {
  row: ISessionRow;
  sessions: SparkSessions;
  trans: TranslationBundle;
}): JSX.Element {
  const { row, sessions, trans } = props;
  const starting = STARTING.includes(row.state);
  const ended = ENDED_STATES.includes(row.state);
  const now = useTick(starting);
  const explained = useExplained(row.reason);
  const links = [
    [row.driverLogUrl, trans.__('Driver log')],
    [row.sparkUiUrl, trans.__('Spark UI')]
  ].filter(([url]) => url !== '');
  return (
    <li
      className={`jp-SparkKerberos-sparkSession${ended ? ' jp-mod-ended' : ''}`}
      data-session-id={row.id}
    >
      <dl>
        <dt>{trans.__('Session')}</dt>
        <dd>
          <code>{row.id}</code> {row.kind}
        </dd>
        <dt>{trans.__('State')}</dt>
        <dd className="jp-SparkKerberos-sessionState">
          {row.state}
          {starting &&
            ` (${trans.__('%1 so far', formatDuration(now - row.seenSince, trans))})`}
        </dd>
        <dt>{trans.__('Runs as')}</dt>
        <dd>{row.proxyUser || row.owner}</dd>
        {row.appId && (
          <>
            <dt>{trans.__('Application')}</dt>
            <dd>
              <code>
                <BreakAt text={row.appId} separators="_" />
              </code>
              {row.yarnState && ` ${row.yarnState}`}
            </dd>
          </>
        )}
        {row.reason && (
          <>
            <dt>{ended ? trans.__('Why it ended') : trans.__('YARN says')}</dt>
            <dd className="jp-SparkKerberos-sessionReason">{row.reason}</dd>
          </>
        )}
        {links.length > 0 && (
          <>
            <dt>{trans.__('Links')}</dt>
            <dd>
              {links.map(([url, label]) => (
                <a
                  key={label}
                  href={url}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {label}
                </a>
              ))}
            </dd>
          </>
        )}
        <dt>{trans.__('Listed since')}</dt>
        <dd>{formatTime(row.seenSince)}</dd>
      </dl>
      {explained && <Explained error={explained} />}
      <button
        type="button"
        className="jp-mod-styled jp-mod-warn"
        disabled={sessions.busy}
        aria-label={trans.__('Delete session %1', row.id)}
        onClick={() => void sessions.remove([row.id])}
      >
        {trans.__('Delete')}
      </button>
    </li>
  );
}

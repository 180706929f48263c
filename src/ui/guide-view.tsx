/**
 * The first section of the panel: the path from a fresh JupyterLab to a
 * Spark result in three steps (apply the profile's files, sign in, open a
 * notebook on its Sparkmagic kernel), all done once Livy lists a session of
 * the user. The next step's button is the one primary action of the panel.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import { userPrincipal } from '../core/sign-in/kinit';
import type { IProfile } from '../core/profile';
import { GuideStep, guideStep } from '../model/guide-step';
import type { KerberosModel, Waiting } from '../model/model';
import type { SparkSessions } from '../model/spark-sessions';
import { ActionButton } from './action-button';
import { BreakAt, PATH_SEPARATORS } from './break-at';
import { CommandIDs } from './command-ids';
import { useNow } from './state-label';

interface IGuideProps {
  model: KerberosModel;
  sessions: SparkSessions;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

const ORDER: GuideStep[] = ['profile', 'apply', 'sign-in', 'notebook', 'done'];

function Step(props: {
  step: GuideStep;
  current: GuideStep | null;
  title: string;
  detail: React.ReactNode;
  doneLabel: string;
  children: React.ReactNode;
}): JSX.Element {
  const { step, current } = props;
  const done = current !== null && ORDER.indexOf(step) < ORDER.indexOf(current);
  const state = step === current ? 'current' : done ? 'done' : 'todo';
  return (
    <li
      className={`jp-SparkKerberos-step jp-mod-${state}`}
      aria-current={step === current ? 'step' : undefined}
    >
      <p className="jp-SparkKerberos-stepTitle">
        {props.title}
        {done && (
          <span className="jp-SparkKerberos-note"> {props.doneLabel}</span>
        )}
      </p>
      {state === 'current' && (
        <div className="jp-SparkKerberos-note jp-SparkKerberos-stepDetail">
          {props.detail}
        </div>
      )}
      <div className="jp-SparkKerberos-actions">{props.children}</div>
    </li>
  );
}

/** What an action clicked before the environment probe answered is waiting for. */
function waitingText(waiting: Waiting, trans: TranslationBundle): string {
  const what: Record<Waiting, string> = {
    preview: trans.__('The Apply preview'),
    apply: trans.__('Apply'),
    'sign-in': trans.__('Sign-in'),
    'sign-out': trans.__('Sign-out'),
    'switch-user': trans.__('Switching user'),
    renew: trans.__('Renewal'),
    restart: trans.__('The restart')
  };
  return trans.__(
    '%1 waits for the check of the server’s set-up (Kerberos tools, kernelspecs) to finish…',
    what[waiting]
  );
}

/** The guide's status line: what is being waited for, or where the user is. */
function statusText(
  step: GuideStep | null,
  waiting: Waiting | null,
  sessions: number,
  trans: TranslationBundle
): string {
  if (waiting !== null) {
    return waitingText(waiting, trans);
  }
  switch (step) {
    case null:
      return trans.__('Checking the configuration and the ticket…');
    case 'profile':
      return trans.__(
        'Add a cluster profile to begin (Cluster profile, below).'
      );
    case 'notebook':
      return trans.__('Ready: open a notebook and run its first cell.');
    case 'done':
      return trans._n(
        'All set: Livy runs %1 Spark session of yours (Spark sessions, below).',
        'All set: Livy runs %1 Spark sessions of yours (Spark sessions, below).',
        sessions
      );
    default:
      return '';
  }
}

/** user@REALM; the profile as typed while it is not valid yet. */
function principalOf(profile: IProfile): string {
  try {
    return userPrincipal(profile);
  } catch {
    return profile.principal;
  }
}

function Guide(props: IGuideProps): JSX.Element {
  const { model, sessions, commands, trans } = props;
  const now = useNow(model);
  const profile = model.profile;
  const files = model.files;
  const step = guideStep({
    hasProfile: profile !== null,
    files: files.status,
    ticket: model.state(now),
    sparkSessions: sessions.sessions.length
  });
  const filesDetail =
    files.pending.length > 0 ? (
      <>
        {trans._n(
          '%1 file to write:',
          '%1 files to write:',
          files.pending.length
        )}
        <ul className="jp-SparkKerberos-plainList">
          {files.pending.map(path => (
            <li key={path}>
              <code>
                <BreakAt text={path} separators={PATH_SEPARATORS} />
              </code>
            </li>
          ))}
        </ul>
      </>
    ) : (
      trans.__(
        'Write krb5.conf and the Sparkmagic configuration for the profile.'
      )
    );
  // Once all set, the steps fold away: the panel is then for every day.
  const steps = (
    <ol className="jp-SparkKerberos-steps">
      <Step
        step="apply"
        current={step}
        doneLabel={trans.__('(done)')}
        title={trans.__('1. Apply the configuration')}
        detail={filesDetail}
      >
        <ActionButton
          commands={commands}
          id={CommandIDs.apply}
          primary={step === 'apply'}
        />
      </Step>
      <Step
        step="sign-in"
        current={step}
        doneLabel={trans.__('(done)')}
        title={trans.__('2. Sign in')}
        detail={
          profile
            ? trans.__('Get a Kerberos ticket as %1.', principalOf(profile))
            : trans.__('Get a Kerberos ticket.')
        }
      >
        <ActionButton
          commands={commands}
          id={CommandIDs.signIn}
          primary={step === 'sign-in'}
        />
      </Step>
      <Step
        step="notebook"
        current={step}
        doneLabel={trans.__('(done)')}
        title={trans.__('3. Open a notebook')}
        detail={trans.__(
          'A new notebook on the Sparkmagic kernel, its first cell ready to run.'
        )}
      >
        <ActionButton
          commands={commands}
          id={CommandIDs.openPySpark}
          primary={step === 'notebook'}
        />
        <ActionButton commands={commands} id={CommandIDs.openScala} />
        <ActionButton commands={commands} id={CommandIDs.openR} />
      </Step>
    </ol>
  );
  return (
    <div className="jp-SparkKerberos-guide">
      <p
        className="jp-SparkKerberos-note jp-SparkKerberos-guideStatus"
        role="status"
        aria-live="polite"
      >
        {statusText(step, model.waiting, sessions.sessions.length, trans)}
      </p>
      {step === 'done' ? (
        <details className="jp-SparkKerberos-guideSteps">
          <summary>{trans.__('The three steps')}</summary>
          {steps}
        </details>
      ) : (
        steps
      )}
    </div>
  );
}

/** The guide section of the panel. */
export class GuideView extends ReactWidget {
  constructor(private _props: IGuideProps) {
    super();
    this.addClass('jp-SparkKerberos-section');
    this.title.label = _props.trans.__('Next step');
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._props.model.changed}>
        {() => (
          <UseSignal signal={this._props.sessions.changed}>
            {() => (
              <UseSignal signal={this._props.commands.commandChanged}>
                {() => <Guide {...this._props} />}
              </UseSignal>
            )}
          </UseSignal>
        )}
      </UseSignal>
    );
  }
}

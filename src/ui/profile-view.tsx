/**
 * The profile section: pick, add, edit (in an editor in the main area) and
 * delete cluster profiles (the same list the settings editor edits), a
 * compact summary of the active one and the outcome of the last apply
 * (Apply itself is a step of the guide above) with the kernels it left stale.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import type { IProfile } from '../core/profile';
import type { KerberosModel } from '../model/model';
import { ActionButton } from './action-button';
import { BreakAt, PATH_SEPARATORS } from './break-at';
import { CommandIDs } from './command-ids';
import { formatTime } from './duration';
import type { ProfileEditor } from './profile-editor';

interface IProps {
  model: KerberosModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
  editor: ProfileEditor;
}

function Picker(props: IProps): JSX.Element {
  const { model, commands, trans } = props;
  const profiles = model.store.options.profiles;
  const active = model.profile;
  const button = (id: string, label: string, primary = false) => (
    <ActionButton commands={commands} id={id} label={label} primary={primary} />
  );
  return (
    <div className="jp-SparkKerberos-picker">
      <label htmlFor="jp-SparkKerberos-profileSelect">
        {trans.__('Cluster profile')}
      </label>
      <select
        id="jp-SparkKerberos-profileSelect"
        className="jp-mod-styled"
        value={active?.name ?? ''}
        disabled={profiles.length === 0}
        onChange={event =>
          void commands.execute(CommandIDs.selectProfile, {
            name: event.target.value
          })
        }
      >
        {profiles.length === 0 && (
          <option value="">{trans.__('No profile yet')}</option>
        )}
        {profiles.map(p => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <div
        className="jp-SparkKerberos-actions"
        role="group"
        aria-label={trans.__('Profile actions')}
      >
        {button(CommandIDs.addProfile, trans.__('Add'), active === null)}
        {button(CommandIDs.editProfile, trans.__('Edit'))}
        {button(CommandIDs.deleteProfile, trans.__('Delete'))}
      </div>
    </div>
  );
}

/** A row's value: host names, URLs and paths break only at separators. */
function Value(props: {
  text: string;
  code?: boolean;
  separators?: string;
}): JSX.Element {
  if (!props.text) {
    return <>—</>;
  }
  return props.code ? (
    <code>
      <BreakAt text={props.text} separators={props.separators} />
    </code>
  ) : (
    <>{props.text}</>
  );
}

function Summary(props: {
  profile: IProfile;
  trans: TranslationBundle;
}): JSX.Element {
  const { profile: p, trans } = props;
  const rows: [string, React.ReactNode][] = [
    [trans.__('Realm'), <Value code text={p.realm} />],
    [
      trans.__('KDCs'),
      p.kdcs.length === 0 ? (
        '—'
      ) : (
        <ul className="jp-SparkKerberos-plainList">
          {p.kdcs.map(kdc => (
            <li key={kdc}>
              <Value code text={kdc} />
            </li>
          ))}
        </ul>
      )
    ],
    [trans.__('Livy URL'), <Value code text={p.livyUrl} />],
    [trans.__('Principal'), <Value code text={p.principal} />],
    [
      trans.__('Ticket mode'),
      p.ticketMode === 'service'
        ? trans.__('service ticket for Livy')
        : trans.__('TGT')
    ],
    [
      trans.__('Sign-in'),
      p.signIn === 'keytab' ? (
        <>
          {trans.__('keytab')}{' '}
          <Value code text={p.keytab} separators={PATH_SEPARATORS} />
        </>
      ) : (
        trans.__('password')
      )
    ]
  ];
  return (
    <dl className="jp-SparkKerberos-summary">
      {rows.map(([k, v]) => (
        <React.Fragment key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

function ApplyStatus(props: IProps): JSX.Element {
  const { model, commands, trans } = props;
  const last = model.lastApply;
  const stale = model.staleKernels;
  return (
    <div className="jp-SparkKerberos-apply">
      {last && (
        <div className="jp-SparkKerberos-note">
          <p>
            {trans.__(
              'Applied “%1” at %2:',
              last.profile,
              formatTime(last.time)
            )}
          </p>
          <ul>
            {last.written.map(w => (
              <li key={w.path}>
                <code>
                  <BreakAt text={w.path} separators={PATH_SEPARATORS} />
                </code>
                {w.backupPath && (
                  <>
                    {' '}
                    {trans.__('(previous version kept as')}{' '}
                    <code>
                      <BreakAt
                        text={w.backupPath}
                        separators={PATH_SEPARATORS}
                      />
                    </code>
                    )
                  </>
                )}
              </li>
            ))}
            {last.written.length === 0 && (
              <li>{trans.__('every file was already up to date')}</li>
            )}
          </ul>
        </div>
      )}
      {stale.length > 0 && (
        <div className="jp-SparkKerberos-stale" role="status">
          <p>
            {model.staleReason === 'ticket'
              ? trans._n(
                  '%1 Sparkmagic kernel ran while you had no valid ticket; if a cell failed with HTTP 401, it keeps failing until it restarts:',
                  '%1 Sparkmagic kernels ran while you had no valid ticket; one whose cell failed with HTTP 401 keeps failing until it restarts:',
                  stale.length
                )
              : trans._n(
                  '%1 running Sparkmagic kernel still uses the old configuration:',
                  '%1 running Sparkmagic kernels still use the old configuration:',
                  stale.length
                )}
          </p>
          <ul>
            {stale.map(k => (
              <li key={k.id}>
                <code>
                  <BreakAt
                    text={k.path || k.name}
                    separators={PATH_SEPARATORS}
                  />
                </code>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            onClick={() => void commands.execute(CommandIDs.restartStale)}
          >
            {commands.label(CommandIDs.restartStale)}
          </button>
        </div>
      )}
    </div>
  );
}

function ProfileDetails(props: IProps): JSX.Element {
  const { model, trans } = props;
  return (
    <>
      <Picker {...props} />
      {model.profile ? (
        <>
          <Summary profile={model.profile} trans={trans} />
          <ApplyStatus {...props} />
        </>
      ) : (
        <p className="jp-SparkKerberos-note">
          {trans.__(
            'Add a profile for your cluster: its realm, KDC, Livy URL and your principal.'
          )}
        </p>
      )}
    </>
  );
}

/** The profile section of the panel. */
export class ProfileView extends ReactWidget {
  constructor(private _props: IProps) {
    super();
    this.addClass('jp-SparkKerberos-section');
    this.title.label = _props.trans.__('Cluster profile');
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._props.model.changed}>
        {() => (
          <UseSignal signal={this._props.editor.changed}>
            {() => <ProfileDetails {...this._props} />}
          </UseSignal>
        )}
      </UseSignal>
    );
  }
}

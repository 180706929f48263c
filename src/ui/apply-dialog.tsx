/**
 * The Apply preview: which files change, where, and how (a diff per file),
 * before anything is written.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { FileKind, IApplyPlan } from '../model/apply';
import { diffHunks, diffLines } from '../core/diff';
import type { ITargets } from '../core/environment/targets';

function kindLabel(kind: FileKind, trans: TranslationBundle): string {
  switch (kind) {
    case 'krb5':
      return trans.__('Kerberos configuration');
    case 'sparkmagic':
      return trans.__('Sparkmagic configuration');
    default:
      return trans.__('Sparkmagic kernel environment');
  }
}

function modeNote(targets: ITargets, trans: TranslationBundle): string {
  switch (targets.krb5Mode) {
    case 'system':
      return trans.__(
        'krb5.conf is the system file, read by every kernel and terminal.'
      );
    case 'dropin':
      return trans.__(
        'krb5.conf settings go in a drop-in file that the system krb5.conf includes.'
      );
    default:
      return trans.__(
        'krb5.conf is a user file; Sparkmagic kernels and this panel’s kinit read it through KRB5_CONFIG=%1.',
        targets.krb5Path
      );
  }
}

function Preview(props: {
  plan: IApplyPlan;
  trans: TranslationBundle;
}): JSX.Element {
  const { plan, trans } = props;
  if (plan.errors.length) {
    return (
      <div className="jp-SparkKerberos-preview">
        <p role="alert">{trans.__('Nothing was written. Fix these first:')}</p>
        <ul className="jp-SparkKerberos-error">
          {plan.errors.map(e => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="jp-SparkKerberos-preview">
      <p>{modeNote(plan.targets, trans)}</p>
      {plan.changes.length === 0 && (
        <p>{trans.__('Every file is already up to date.')}</p>
      )}
      {plan.changes.map(change => (
        <section key={change.path} aria-label={change.path}>
          <h3>
            {kindLabel(change.kind, trans)}: <code>{change.path}</code>{' '}
            {change.before === null ? trans.__('(new file)') : ''}
            {change.sudo ? trans.__(' (with sudo)') : ''}
          </h3>
          <pre className="jp-SparkKerberos-diff">
            {diffHunks(diffLines(change.before ?? '', change.after)).map(
              (line, i) =>
                line === null ? (
                  <span key={i} className="jp-SparkKerberos-diffGap">
                    {'…\n'}
                  </span>
                ) : (
                  <span
                    key={i}
                    className={`jp-SparkKerberos-diff${opClass(line.op)}`}
                  >
                    {`${line.op} ${line.text}\n`}
                  </span>
                )
            )}
          </pre>
        </section>
      ))}
      {plan.warnings.length > 0 && (
        <ul
          className="jp-SparkKerberos-warnings"
          aria-label={trans.__('Warnings')}
        >
          {plan.warnings.map(w => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {plan.unchanged.length > 0 && (
        <p className="jp-SparkKerberos-note">
          {trans.__('Unchanged:')} {plan.unchanged.join(', ')}
        </p>
      )}
    </div>
  );
}

function opClass(op: ' ' | '+' | '-'): string {
  return op === '+' ? 'Add' : op === '-' ? 'Del' : 'Same';
}

/** Shows the preview; resolves true when the user chose to write the files. */
export async function confirmApply(
  plan: IApplyPlan,
  trans: TranslationBundle
): Promise<boolean> {
  const canWrite = plan.errors.length === 0 && plan.changes.length > 0;
  const buttons = canWrite
    ? [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Write files') })
      ]
    : [Dialog.cancelButton({ label: trans.__('Close') })];
  const result = await showDialog({
    title: trans.__('Apply “%1”', plan.profile.name),
    body: <Preview plan={plan} trans={trans} />,
    buttons
  });
  return canWrite && result.button.accept;
}

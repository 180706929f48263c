/**
 * The profile editor as a document in the main area, one per profile: the
 * form has room there, and the sidebar keeps its compact summary. Opening a
 * profile that already has an editor brings that editor forward.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { find } from '@lumino/algorithm';
import * as React from 'react';
import type { IProfile } from '../core/profile';
import type { KerberosModel } from '../model/model';
import { kerberosIcon } from './icon';
import { ProfileEditor } from './profile-editor';
import { ProfileForm } from './profile-form';

export interface IEditorContext {
  app: JupyterFrontEnd;
  model: KerberosModel;
  editor: ProfileEditor;
  trans: TranslationBundle;
}

/** Opens (or reveals) the editor of `profile`; `previous` is its saved name, null when new. */
export function openProfileEditor(
  context: IEditorContext,
  profile: IProfile,
  previous: string | null
): void {
  const { app, model, editor, trans } = context;
  const key = editor.open(profile, previous);
  // Injective: profile names become distinct ids.
  const slug = key.replace(
    /[^a-zA-Z0-9-]/g,
    c => `_${c.charCodeAt(0).toString(16)}`
  );
  const id = `jp-SparkKerberos-profileEditor-${slug}`;
  if (find(app.shell.widgets('main'), w => w.id === id)) {
    app.shell.activateById(id);
    return;
  }
  const close = () => widget.dispose();
  const content = ReactWidget.create(
    <EditorBody
      model={model}
      trans={trans}
      profile={profile}
      previous={previous}
      idPrefix={`jp-SparkKerberos-${slug}-profile`}
      onCancel={close}
      onSave={saved =>
        // On failure the form stays open with the user's input.
        void model.store
          .save(previous, saved)
          .then(close, reason => Notification.error(String(reason)))
      }
    />
  );
  content.addClass('jp-SparkKerberos-editor');
  const widget = new MainAreaWidget({ content });
  widget.id = id;
  widget.title.label =
    previous === null
      ? trans.__('New cluster profile')
      : trans.__('Profile %1', previous);
  widget.title.icon = kerberosIcon;
  widget.title.closable = true;
  widget.disposed.connect(() => editor.close(key));
  app.shell.add(widget, 'main');
  app.shell.activateById(widget.id);
}

function EditorBody(props: {
  model: KerberosModel;
  trans: TranslationBundle;
  profile: IProfile;
  previous: string | null;
  idPrefix: string;
  onSave: (profile: IProfile) => void;
  onCancel: () => void;
}): JSX.Element {
  const { model, trans, previous } = props;
  const schema = model.store.profileSchema;
  const others = model.store.options.profiles
    .map(p => p.name)
    .filter(n => n !== previous);
  return (
    <div className="jp-SparkKerberos-editorPage">
      <h1>
        {previous === null
          ? trans.__('New cluster profile')
          : trans.__('Cluster profile “%1”', previous)}
      </h1>
      {schema ? (
        <ProfileForm
          schema={schema}
          profile={props.profile}
          otherNames={others}
          trans={trans}
          idPrefix={props.idPrefix}
          onCancel={props.onCancel}
          onSave={props.onSave}
        />
      ) : (
        <p>{trans.__('The profile schema is not loaded yet.')}</p>
      )}
    </div>
  );
}

/**
 * The profile editor: a form generated from the schema's `profile`
 * definition (JupyterLab's FormComponent), checked by the same
 * `validateProfile` the model uses. The validator below replaces rjsf's ajv
 * one, which would add tens of kilobytes to the bundle for checks
 * validateProfile already makes with clearer messages.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { FormComponent } from '@jupyterlab/ui-components';
import type {
  ReadonlyJSONObject,
  ReadonlyPartialJSONObject
} from '@lumino/coreutils';
import type {
  ErrorSchema,
  RJSFSchema,
  RJSFValidationError,
  ValidatorType
} from '@rjsf/utils';
import * as React from 'react';
import { DEFAULT_PROFILE, IProfile, withDefaults } from '../core/profile';
import { IValidationError, validateProfile } from '../core/validate/profile';
import { FieldTemplate, arrayTemplate } from './form-templates';

/** Profile problems, plus a name another profile already uses. */
export function profileErrors(
  profile: IProfile,
  otherNames: string[]
): IValidationError[] {
  const errors = validateProfile(profile);
  if (otherNames.includes(profile.name)) {
    errors.push({
      path: 'name',
      message: `Another profile is called '${profile.name}'.`
    });
  }
  return errors;
}

/** An rjsf validator backed by `profileErrors`. */
export function profileValidator(otherNames: string[]): ValidatorType {
  const toErrorList = (
    schema?: ErrorSchema,
    path: string[] = []
  ): RJSFValidationError[] => {
    const list: RJSFValidationError[] = [];
    for (const [key, value] of Object.entries(schema ?? {})) {
      if (key === '__errors') {
        for (const message of value as string[]) {
          const property = '.' + path.join('.');
          list.push({ property, message, stack: `${property} ${message}` });
        }
      } else {
        list.push(...toErrorList(value as ErrorSchema, [...path, key]));
      }
    }
    return list;
  };
  return {
    validateFormData: formData => {
      const errors = profileErrors(withDefaults(formData ?? {}), otherNames);
      const errorSchema: Record<string, any> = {};
      for (const error of errors) {
        let node = errorSchema;
        for (const part of error.path.split('/')) {
          node = node[part] = node[part] ?? {};
        }
        node.__errors = [...(node.__errors ?? []), error.message];
      }
      return { errors: toErrorList(errorSchema), errorSchema };
    },
    toErrorList,
    // The profile schema has no anyOf/oneOf/if, where rjsf would ask this.
    isValid: () => true,
    rawValidation: () => ({ errors: [], validationError: undefined })
  };
}

export interface IProfileFormProps {
  schema: ReadonlyPartialJSONObject;
  profile: IProfile;
  /** Names of the other profiles (a name must be unique). */
  otherNames: string[];
  trans: TranslationBundle;
  /** Prefix of the fields' ids, unique on the page (several editors may be open). */
  idPrefix: string;
  onSave: (profile: IProfile) => void;
  onCancel: () => void;
}

const uiSchema = (trans: TranslationBundle) => ({
  'ui:order': [
    'name',
    'realm',
    'kdcs',
    'adminServer',
    'livyUrl',
    'clusterDomain',
    'ticketMode',
    'principal',
    'signIn',
    'keytab',
    'lifetime',
    'renewLifetime',
    'kernels',
    '*'
  ],
  kdcs: { items: { 'ui:title': trans.__('KDC (host or host:port)') } },
  kernels: { 'ui:widget': 'checkboxes' }
});

export function ProfileForm(props: IProfileFormProps): JSX.Element {
  const { trans } = props;
  const [draft, setDraft] = React.useState<IProfile>(props.profile);
  const templates = React.useMemo(
    () => ({ FieldTemplate, ArrayFieldTemplate: arrayTemplate(trans) }),
    [trans]
  );
  const ui = React.useMemo(() => uiSchema(trans), [trans]);
  const validator = React.useMemo(
    () => profileValidator(props.otherNames),
    [props.otherNames]
  );
  const errors = profileErrors(draft, props.otherNames);
  return (
    <form
      className="jp-SparkKerberos-form"
      aria-label={trans.__('Edit cluster profile')}
      onSubmit={event => {
        event.preventDefault();
        if (errors.length === 0) {
          props.onSave(draft);
        }
      }}
    >
      <FormComponent
        schema={{ ...(props.schema as RJSFSchema), title: undefined }}
        // A profile is plain JSON; an interface has no index signature to prove it.
        formData={draft as unknown as ReadonlyJSONObject}
        uiSchema={ui}
        templates={templates}
        validator={validator}
        liveValidate
        showErrorList={false}
        tagName="div"
        idPrefix={props.idPrefix}
        formContext={{ defaultFormData: DEFAULT_PROFILE }}
        compact
        onChange={event =>
          setDraft(withDefaults(event.formData as Partial<IProfile>))
        }
      >
        {/* The buttons below replace rjsf's submit button. */}
        <React.Fragment />
      </FormComponent>
      <div className="jp-SparkKerberos-formButtons">
        {errors.length > 0 && (
          <p className="jp-SparkKerberos-formProblem" role="status">
            {trans._n(
              'Fix the field marked above to save.',
              'Fix the %1 fields marked above to save.',
              errors.length
            )}
          </p>
        )}
        <button
          type="button"
          className="jp-mod-styled jp-mod-reject"
          onClick={props.onCancel}
        >
          {trans.__('Cancel')}
        </button>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={errors.length > 0}
        >
          {trans.__('Save')}
        </button>
      </div>
    </form>
  );
}

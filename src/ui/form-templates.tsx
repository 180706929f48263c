/**
 * rjsf templates for the profile form: every input gets a real <label>,
 * its description and its errors are tied to it with aria-describedby, and
 * array items have named buttons (JupyterLab's own templates render labels
 * as headings and icon-only buttons, which screen readers cannot name).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ArrayFieldTemplateProps, FieldTemplateProps } from '@rjsf/utils';
import * as React from 'react';

/** A field: label, input, description, errors. */
export function FieldTemplate(props: FieldTemplateProps): JSX.Element {
  const {
    id,
    label,
    required,
    displayLabel,
    rawDescription,
    rawErrors,
    schema,
    children,
    hidden
  } = props;
  if (hidden) {
    return <div hidden>{children}</div>;
  }
  const container = schema.type === 'object' || schema.type === 'array';
  const errors = rawErrors?.filter(Boolean) ?? [];
  return (
    <div
      className={`jp-SparkKerberos-field${errors.length ? ' jp-mod-error' : ''}${container ? ' jp-mod-container' : ''}`}
    >
      {displayLabel && label && !container && (
        <label htmlFor={id} className="jp-SparkKerberos-fieldLabel">
          {label}
          {required ? ' *' : ''}
        </label>
      )}
      {children}
      {displayLabel && rawDescription && !container && (
        <div id={`${id}__description`} className="jp-SparkKerberos-fieldHelp">
          {rawDescription}
        </div>
      )}
      {errors.length > 0 && (
        // The alert wraps the list: role="alert" on the <ul> would unmake it a list.
        <div id={`${id}__error`} role="alert">
          <ul className="validationErrors">
            {errors.map(message => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Arrays (the KDC list): a fieldset with Remove and Add buttons that say what they do. */
export function arrayTemplate(trans: TranslationBundle) {
  return function ArrayFieldTemplate(
    props: ArrayFieldTemplateProps
  ): JSX.Element {
    const { title, items, canAdd, onAddClick, schema } = props;
    const name = title || String(schema.title ?? '');
    return (
      <fieldset className="jp-SparkKerberos-array">
        <legend>{name}</legend>
        {schema.description && (
          <p className="jp-SparkKerberos-fieldHelp">{schema.description}</p>
        )}
        {items.map(item => (
          <div key={item.key} className="jp-SparkKerberos-arrayItem">
            {item.children}
            {item.hasRemove && (
              <button
                type="button"
                className="jp-mod-styled"
                aria-label={trans.__('Remove %1 %2', name, item.index + 1)}
                onClick={item.onDropIndexClick(item.index)}
              >
                {trans.__('Remove')}
              </button>
            )}
          </div>
        ))}
        {canAdd && (
          <button
            type="button"
            className="jp-mod-styled"
            aria-label={trans.__('Add to %1', name)}
            onClick={onAddClick}
          >
            {trans.__('Add')}
          </button>
        )}
      </fieldset>
    );
  };
}

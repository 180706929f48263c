/**
 * For the export commands' tests, which mock @jupyterlab/apputils' dialogs
 * (jest.mock in each spec, with InputDialog.getText, showDialog and
 * showErrorMessage as jest.fn()s): the user's answers, and a body rendered.
 */
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import { mount } from './render';

/** The mocked module, whose members are jest.fn()s. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const apputils = require('@jupyterlab/apputils');

/** The next text dialog answers VALUE (OK) or is cancelled. */
export function answer(value: string | null, accept = true): void {
  apputils.InputDialog.getText.mockResolvedValueOnce({
    button: { accept },
    value
  });
}

export function rendered(element: JSX.Element): Promise<Widget> {
  return mount(ReactWidget.create(element));
}

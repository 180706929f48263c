/**
 * Drives ReactWidgets inside React's `act`, which commits every render
 * before it returns: a timer-based wait races the renderer on a loaded
 * machine.
 */
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { act } from 'react';

(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

/** Runs `change` (which may re-render) and waits for React to commit. */
export async function settle<T>(change: () => T | Promise<T>): Promise<T> {
  let result!: T;
  await act(async () => {
    result = await change();
  });
  return result;
}

/** Attaches the widget to the document and renders it. */
export function mount<T extends Widget>(widget: T): Promise<T> {
  return settle(() => {
    Widget.attach(widget, document.body);
    return widget;
  });
}

/** Sends each widget an update request and waits for React to commit. */
export function update(...widgets: Widget[]): Promise<void> {
  return settle(() => {
    for (const widget of widgets) {
      MessageLoop.sendMessage(widget, Widget.Msg.UpdateRequest);
    }
  });
}

/** Disposes the widget, unmounting its React tree. */
export function unmount(widget: Widget): Promise<void> {
  return settle(() => widget.dispose());
}

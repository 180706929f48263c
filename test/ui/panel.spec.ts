import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { IPanelContext } from '../../src/ui/panel-context';
import { showSections } from '../../src/ui/panel-sections';
import { KerberosPanel } from '../../src/ui/panel';

jest.mock('../../src/ui/panel-sections', () => ({ showSections: jest.fn() }));
const show = showSections as jest.MockedFunction<typeof showSections>;

const context = {} as IPanelContext;
const idle = () => new Promise(resolve => setTimeout(resolve, 20));

describe('the panel shell', () => {
  beforeEach(() => show.mockClear());

  it('loads the sections while hidden, then fills them in the same task as the first show', async () => {
    const panel = new KerberosPanel({ trans: nullTranslator.load('x') });
    panel.hide();
    Widget.attach(panel, document.body);
    panel.attach(context);
    await idle();
    expect(show).not.toHaveBeenCalled();

    panel.show();
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledWith(panel, context);
    panel.hide();
    panel.show();
    expect(show).toHaveBeenCalledTimes(2);
    Widget.detach(panel);
  });

  it('waits for the model before it fills anything, then fills a panel already shown', async () => {
    const panel = new KerberosPanel({ trans: nullTranslator.load('x') });
    Widget.attach(panel, document.body);
    await idle();
    expect(show).not.toHaveBeenCalled();

    panel.attach(context);
    await idle();
    expect(show).toHaveBeenCalledWith(panel, context);
    Widget.detach(panel);
  });
});

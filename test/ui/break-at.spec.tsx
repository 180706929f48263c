import { ReactWidget } from '@jupyterlab/ui-components';
import { mount, unmount } from './render';
import * as React from 'react';
import { BreakAt, PATH_SEPARATORS, segments } from '../../src/ui/break-at';
import { formatTime } from '../../src/ui/duration';

describe('BreakAt', () => {
  it('splits only after . / : and @, keeping hyphenated words whole', () => {
    expect(segments('https://livy-nlb.example.test:8998')).toEqual([
      'https://',
      'livy-nlb.',
      'example.',
      'test:',
      '8998'
    ]);
    expect(segments('HTTP/livy-nlb.example.test@EC2.INTERNAL')).toEqual([
      'HTTP/',
      'livy-nlb.',
      'example.',
      'test@',
      'EC2.',
      'INTERNAL'
    ]);
    expect(segments('password')).toEqual(['password']);
    expect(segments('/home/u/.config/krb5.conf', PATH_SEPARATORS)).toEqual([
      '/',
      'home/',
      'u/',
      '.config/',
      'krb5.conf'
    ]);
    expect(segments('a]b^c\\d', ']^\\')).toEqual(['a]', 'b^', 'c\\', 'd']);
    expect(segments('')).toEqual([]);
  });

  it('renders a <wbr> between segments and nowhere else', async () => {
    const widget = await mount(ReactWidget.create(<BreakAt text="a.b-c:1" />));
    expect(widget.node.innerHTML).toBe(
      '<span class="jp-SparkKerberos-segment">a.</span><wbr>' +
        '<span class="jp-SparkKerberos-segment">b-c:</span><wbr>' +
        '<span class="jp-SparkKerberos-segment">1</span>'
    );
    await unmount(widget);
  });
});

describe('formatTime', () => {
  it('names the time zone the time is shown in', () => {
    const when = Date.UTC(2026, 11, 7, 9, 30);
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(when)
      .find(part => part.type === 'timeZoneName')?.value;
    expect(zone).toBeTruthy();
    expect(formatTime(when).endsWith(` ${zone}`)).toBe(true);
    expect(formatTime(null)).toBe('—');
  });
});

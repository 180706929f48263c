/** The start-up benchmark's summary: medians, spreads and ratios. */
import { NAME } from './servers.mjs';

export const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmt = ms => `${Math.round(ms)}`.padStart(6);
const kb = bytes => `${(bytes / 1024).toFixed(1)} KB`;
const list = files =>
  `${files.length} files, ${kb(files.reduce((n, f) => n + f.size, 0))}` +
  (files.length ? `: ${files.map(f => f.name).join(', ')}` : '');

export function summary(results, disabled, runs) {
  const xs = (label, key) => results[label].map(r => r[key]);
  const row = (title, label, key) => {
    const v = xs(label, key);
    const spread = `(min ${Math.round(Math.min(...v))}, max ${Math.round(Math.max(...v))})`;
    return `  ${title.padEnd(28)} ${fmt(median(v))}  ${spread}`;
  };
  const ratio = (title, a, b) =>
    `  ${title.padEnd(28)} ${(median(a) / median(b)).toFixed(3).padStart(6)}`;
  const sample = results.with[0];
  const early = sample.files.filter(f => f.start <= sample.restored);
  const late = sample.files.filter(f => f.start > sample.restored);
  return [
    `Start-up, median of ${runs} cold loads each, ms from navigation start:`,
    row('app.restored, without', 'without', 'restored'),
    row('app.restored, with', 'with', 'restored'),
    ratio(
      'ratio with / without',
      xs('with', 'restored'),
      xs('without', 'restored')
    ),
    row('network quiet, without', 'without', 'settled'),
    row('network quiet, with', 'with', 'settled'),
    ratio(
      'ratio with / without',
      xs('with', 'settled'),
      xs('without', 'settled')
    ),
    'First open, pointerdown on the sidebar tab to its content visible, median, ms:',
    row('Table of Contents (without)', 'without', 'opened'),
    row('this panel (with)', 'with', 'opened'),
    ratio('ratio panel / ToC', xs('with', 'opened'), xs('without', 'opened')),
    'Files of the extension in a "with" load:',
    `  before app.restored: ${list(early)}`,
    `  after (lazy start, first open): ${list(late)}`,
    `With disabledExtensions naming ${NAME}, a load still fetches ${list(disabled.files)}`
  ].join('\n');
}

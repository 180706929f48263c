/**
 * Checks of how the panel and the editor look: nothing overflows and no
 * word breaks (bounding boxes), axe finds nothing serious, in either theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

/**
 * What breaks the layout inside `selector`: an element wider than its
 * content box allows (scrollWidth > clientWidth), one whose right edge
 * passes its parent's or the root's, a host-name segment split over two
 * lines, or a word split over two lines. Empty when the layout is clean.
 */
export async function layoutProblems(
  page: Page,
  selector: string
): Promise<string[]> {
  return page.evaluate(sel => {
    const root = document.querySelector(sel) as HTMLElement | null;
    if (!root) {
      return [`${sel} is not on the page`];
    }
    const name = (el: Element) =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      [...el.classList]
        .slice(0, 2)
        .map(c => `.${c}`)
        .join('') +
      ` "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const problems: string[] = [];
    const rootRight = root.getBoundingClientRect().right;
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el instanceof SVGElement || el.closest('svg')) {
        continue;
      }
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) {
        continue; // not rendered (hidden, collapsed)
      }
      const html = el as HTMLElement;
      const display = getComputedStyle(html).display;
      if (
        display !== 'inline' &&
        html.clientWidth > 0 &&
        html.scrollWidth > html.clientWidth + 1
      ) {
        problems.push(
          `${name(el)}: content ${html.scrollWidth}px in ${html.clientWidth}px`
        );
      }
      const parent = el.parentElement;
      if (el !== root && parent) {
        const limit = Math.min(parent.getBoundingClientRect().right, rootRight);
        if (box.right > limit + 1) {
          problems.push(
            `${name(el)}: right edge ${Math.round(box.right)} past ${Math.round(limit)}`
          );
        }
      }
      if (
        el.classList.contains('jp-SparkKerberos-segment') &&
        el.getClientRects().length > 1
      ) {
        problems.push(`${name(el)}: a host-name segment breaks`);
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const word of text.matchAll(/[^\s\-./:@,;()“”]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index!);
        range.setEnd(node, word.index! + word[0].length);
        const lines = new Set(
          [...range.getClientRects()]
            .filter(r => r.width > 0)
            .map(r => Math.round(r.top))
        );
        if (lines.size > 1) {
          problems.push(`the word "${word[0]}" breaks over two lines`);
        }
      }
    }
    return problems;
  }, selector);
}

/** Serious and critical axe violations inside `selectors`. */
export async function seriousViolations(
  page: Page,
  selectors: string[]
): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const s of selectors) {
    builder = builder.include(s);
  }
  const result = await builder.analyze();
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`
    );
}

/** Switches JupyterLab's theme and waits until it applies. */
export async function setTheme(
  page: Page,
  theme: 'JupyterLab Light' | 'JupyterLab Dark'
): Promise<void> {
  await page.evaluate(
    name =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: name
      }),
    theme
  );
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-name',
    theme,
    { timeout: 30000 }
  );
}

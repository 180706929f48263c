import {
  IKrb5Directive,
  IKrb5Document,
  IKrb5Item,
  IKrb5Section
} from './model';

type Node = IKrb5Item | IKrb5Section;

/**
 * The 1-based line where each node starts when the document is rendered.
 * Line order is parse order, so it also tells which of two nodes MIT reads first.
 */
export function lineNumbers(doc: IKrb5Document): Map<Node, number> {
  const lines = new Map<Node, number>();
  let next = 1;
  const visit = (node: Node): void => {
    lines.set(node, next);
    switch (node.kind) {
      case 'section':
        next++;
        node.items.forEach(visit);
        return;
      case 'group': {
        const before = node.openRaw ? (node.itemsBeforeBrace ?? 0) : 0;
        next++;
        node.items.slice(0, before).forEach(visit);
        next += node.openRaw ? node.openRaw.length - 1 : 0;
        node.items.slice(before).forEach(visit);
        next += node.closeRaw === null ? 0 : 1;
        return;
      }
      default:
        next++;
    }
  };
  doc.preamble.forEach(visit);
  doc.sections.forEach(visit);
  return lines;
}

/** The first `include` or `includedir`, where values from other files start. */
export function firstInclude(doc: IKrb5Document): IKrb5Directive | undefined {
  const find = (items: IKrb5Item[]): IKrb5Directive | undefined => {
    for (const item of items) {
      if (item.kind === 'directive' && item.directive !== 'module') {
        return item;
      }
      const inner = item.kind === 'group' ? find(item.items) : undefined;
      if (inner) {
        return inner;
      }
    }
    return undefined;
  };
  return (
    find(doc.preamble) ?? doc.sections.map(s => find(s.items)).find(d => d)
  );
}

/** The `module` directive, which makes MIT ignore the rest of the file. */
export function moduleDirective(
  doc: IKrb5Document
): IKrb5Directive | undefined {
  return doc.preamble.find(
    (item): item is IKrb5Directive =>
      item.kind === 'directive' && item.directive === 'module'
  );
}

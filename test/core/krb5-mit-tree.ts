/**
 * The tree MIT's profile library builds from a parsed document, dumped the way
 * profile_flush_to_buffer() prints it in krb5 1.20 (prof_parse.c dump_profile):
 * children sorted by name with equal names in parse order, relations before
 * subsections, repeated sections and groups merged, includes read in place.
 */
import {
  IKrb5Document,
  IKrb5Item,
  Krb5IncludeResolver
} from '../../src/core/krb5';
import { compareBytes, isBlank } from '../../src/core/krb5/syntax';

interface INode {
  name: string;
  value: string | null;
  final: boolean;
  children: INode[];
}

/** profile_add_node: insert after the last equal name; subsections merge. */
function addNode(parent: INode, name: string, value: string | null): INode {
  let at = 0;
  for (; at < parent.children.length; at++) {
    const p = parent.children[at];
    const cmp = compareBytes(p.name, name);
    if (cmp > 0) {
      break;
    }
    if (value === null && cmp === 0 && p.value === null) {
      return p;
    }
  }
  const node: INode = { name, value, final: false, children: [] };
  parent.children.splice(at, 0, node);
  return node;
}

function build(
  doc: IKrb5Document,
  root: INode,
  resolve: Krb5IncludeResolver
): void {
  const items = (list: IKrb5Item[], node: INode): void => {
    for (const item of list) {
      if (item.kind === 'relation') {
        addNode(node, item.tag, item.value);
      } else if (item.kind === 'group') {
        const group = addNode(node, item.tag, null);
        group.final = group.final || item.final;
        items(item.items, group);
      } else if (item.kind === 'directive' && item.directive !== 'module') {
        (resolve(item) ?? []).forEach(included =>
          build(included, root, resolve)
        );
      }
    }
  };
  items(doc.preamble, root);
  for (const section of doc.sections) {
    const node = addNode(root, section.name, null);
    node.final = node.final || section.final;
    items(section.items, node);
  }
}

function needsQuotes(value: string): boolean {
  return (
    value === '' ||
    isBlank(value[0]) ||
    isBlank(value[value.length - 1]) ||
    /[\n\t\b]/.test(value)
  );
}

function quote(value: string): string {
  const escaped = value.replace(/[\\\n\t\b]/g, ch =>
    ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : ch === '\b' ? '\\b' : '\\\\'
  );
  return `"${escaped}"`;
}

function dump(node: INode, level: number): string {
  const tabs = '\t'.repeat(level);
  let out = '';
  for (const r of node.children.filter(c => c.value !== null)) {
    const value = r.value as string;
    out += `${tabs}${r.name} = ${needsQuotes(value) ? quote(value) : value}\n`;
  }
  for (const s of node.children.filter(c => c.value === null)) {
    const final = s.final ? '*' : '';
    out +=
      level === 0
        ? `[${s.name}]${final}\n${dump(s, 1)}\n`
        : `${tabs}${s.name} = {\n${dump(s, level + 1)}${tabs}}${final}\n`;
  }
  return out;
}

/** What profile_flush_to_buffer() prints for this document. */
export function mitTreeDump(
  doc: IKrb5Document,
  resolve: Krb5IncludeResolver
): string {
  const root: INode = {
    name: '(root)',
    value: null,
    final: false,
    children: []
  };
  build(doc, root, resolve);
  return dump(root, 0);
}

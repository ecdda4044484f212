// The taxonomy as a tree: the flat list from /api/directory/terms ordered depth-first (children
// after their parent, siblings by name), each term with its depth, for tree views and indented options.
import type { Term } from './types';

export interface TermNode extends Term {
  depth: number;
  /** Whether some other term has this one as its parent. */
  hasChildren: boolean;
}

export function termTree(terms: readonly Term[], locale = 'ru'): TermNode[] {
  const ids = new Set(terms.map((t) => t.id));
  const children = new Map<string | null, Term[]>();
  for (const t of terms) {
    // A parent the reader cannot see (or a broken link) puts the term at the top.
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: TermNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
    for (const t of level) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ ...t, depth, hasChildren: (children.get(t.id)?.length ?? 0) > 0 });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  // Terms caught in a cycle of parents (imported data) never hang from the top: show them there.
  for (const t of terms) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    out.push({ ...t, depth: 0, hasChildren: (children.get(t.id)?.length ?? 0) > 0 });
    walk(t.id, 1);
  }
  return out;
}

/** Options for a select: sub-terms indented under their parent (with non-breaking spaces). */
export const termOptions = (nodes: readonly TermNode[]) =>
  nodes.map((n) => ({ value: n.id, label: `${'\u00a0\u00a0\u00a0'.repeat(n.depth)}${n.name}` }));

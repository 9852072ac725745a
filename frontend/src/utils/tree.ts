// Category tree helpers.

export interface TreeNode {
  id: number
  name: string
  parent_id: number | null
  sort_order: number
  children?: TreeNode[]
}

export function flattenTree<T extends { children?: T[] }>(nodes: T[]): T[] {
  const out: T[] = []
  const walk = (ns: T[]) => {
    for (const n of ns) {
      out.push(n)
      if (n.children?.length) walk(n.children)
    }
  }
  walk(nodes)
  return out
}

export function findNode<T extends { id: number; children?: T[] }>(nodes: T[], id: number): T | undefined {
  return flattenTree(nodes).find((n) => n.id === id)
}

/** Names from the root down to the node: ["饮料", "碳酸饮料"]. */
export function pathNames<T extends { id: number; name: string; children?: T[] }>(nodes: T[], id: number): string[] {
  const walk = (ns: T[], trail: string[]): string[] | null => {
    for (const n of ns) {
      const here = [...trail, n.name]
      if (n.id === id) return here
      const sub = walk(n.children ?? [], here)
      if (sub) return sub
    }
    return null
  }
  return walk(nodes, []) ?? []
}

export type DropType = 'before' | 'after' | 'inner'

/**
 * What to PATCH after el-tree moved `dragged` relative to `target`: the new parent and the
 * sort orders of the new siblings (0, 10, 20, … in their new order). `siblingsAfter` is the
 * sibling list of the new parent after the move, as el-tree shows it.
 */
export function dropPatches(
  draggedId: number,
  newParentId: number | null,
  siblingsAfter: { id: number; sort_order: number; parent_id: number | null }[],
): { id: number; parent_id?: number | null; sort_order: number }[] {
  const out: { id: number; parent_id?: number | null; sort_order: number }[] = []
  siblingsAfter.forEach((s, i) => {
    const order = i * 10
    if (s.id === draggedId) out.push({ id: s.id, parent_id: newParentId, sort_order: order })
    else if (s.sort_order !== order) out.push({ id: s.id, sort_order: order })
  })
  return out
}

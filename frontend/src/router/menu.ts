// Declarative menu: modules in a fixed order; items come from the routes' meta
// (titleKey, perm, icon, module). A module with no visible item is hidden.

export interface ModuleDef {
  key: string
  titleKey: string
  icon: string
}

export const MODULES: ModuleDef[] = [
  { key: 'home', titleKey: 'modules.home', icon: 'HomeFilled' },
  { key: 'purchase', titleKey: 'modules.purchase', icon: 'ShoppingCart' },
  { key: 'sales', titleKey: 'modules.sales', icon: 'Sell' },
  { key: 'retail', titleKey: 'modules.retail', icon: 'Shop' },
  { key: 'inventory', titleKey: 'modules.inventory', icon: 'Box' },
  { key: 'finance', titleKey: 'modules.finance', icon: 'Wallet' },
  { key: 'reports', titleKey: 'modules.reports', icon: 'DataAnalysis' },
  { key: 'basic', titleKey: 'modules.basic', icon: 'Files' },
  { key: 'system', titleKey: 'modules.system', icon: 'Setting' },
]

/** The parts of a route record the menu needs. */
export interface MenuRoute {
  path: string
  name?: string | symbol
  meta?: { titleKey?: string; perm?: string | string[]; icon?: string; module?: string }
  children?: MenuRoute[]
}

export interface MenuItem {
  name: string
  path: string
  titleKey: string
  icon?: string
}

export interface MenuGroup extends ModuleDef {
  items: MenuItem[]
}

function joinPath(parent: string, child: string): string {
  if (child.startsWith('/')) return child
  return `${parent.replace(/\/$/, '')}/${child}`
}

function flatten(routes: MenuRoute[], parent = ''): { path: string; route: MenuRoute }[] {
  const out: { path: string; route: MenuRoute }[] = []
  for (const r of routes) {
    const path = joinPath(parent || '/', r.path)
    out.push({ path, route: r })
    if (r.children) out.push(...flatten(r.children, path))
  }
  return out
}

export function buildMenu(routes: MenuRoute[], can: (perm?: string | string[]) => boolean): MenuGroup[] {
  // a page with a path parameter (a document opened from its list) is a tab, never a menu item
  const entries = flatten(routes).filter(({ path, route }) => route.meta?.module && route.meta.titleKey && !path.includes(':'))
  return MODULES.map((m) => ({
    ...m,
    items: entries
      .filter(({ route }) => route.meta!.module === m.key && can(route.meta!.perm))
      .map(({ path, route }) => ({
        name: String(route.name ?? path),
        path,
        titleKey: route.meta!.titleKey!,
        icon: route.meta!.icon,
      })),
  })).filter((g) => g.items.length > 0)
}

/** The first page the user may open, or null: the first of `preferred` (the routes in their declared
 * order — 库存查询 leads) that the menu holds, else the menu's first item. */
export function firstAllowedPath(menu: MenuGroup[], preferred: string[] = []): string | null {
  const allowed = new Set(menu.flatMap((g) => g.items.map((i) => i.path)))
  return preferred.find((p) => allowed.has(p)) ?? menu[0]?.items[0]?.path ?? null
}

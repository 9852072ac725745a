import { describe, expect, it } from 'vitest'
import { hasPerm } from '@/utils/perm'
import { buildMenu, firstAllowedPath, MODULES, type MenuRoute } from '@/router/menu'
import { appRoutes } from '@/router/routes'

const user = (permissions: string[], is_admin = false) => ({ is_admin, permissions })

describe('hasPerm', () => {
  it('checks a single code', () => {
    expect(hasPerm(user(['system.user.view']), 'system.user.view')).toBe(true)
    expect(hasPerm(user(['system.user.view']), 'system.user.create')).toBe(false)
  })
  it('gives admins everything', () => {
    expect(hasPerm(user([], true), 'system.role.delete')).toBe(true)
  })
  it('treats an array as any-of', () => {
    expect(hasPerm(user(['a']), ['b', 'a'])).toBe(true)
    expect(hasPerm(user(['a']), ['b', 'c'])).toBe(false)
  })
  it('denies everything when signed out, allows no-permission items when signed in', () => {
    expect(hasPerm(null, 'x')).toBe(false)
    expect(hasPerm(null, undefined)).toBe(false)
    expect(hasPerm(user([]), undefined)).toBe(true)
  })
})

const routes: MenuRoute[] = [
  { path: 'system/users', name: 'U', meta: { module: 'system', titleKey: 'menu.users', perm: 'system.user.view' } },
  { path: 'system/roles', name: 'R', meta: { module: 'system', titleKey: 'menu.roles', perm: 'system.role.view' } },
  { path: 'sales/orders', name: 'SO', meta: { module: 'sales', titleKey: 'x', perm: 'sales.order.view' } },
  { path: 'purchase/orders', name: 'PO', meta: { module: 'purchase', titleKey: 'y', perm: 'purchase.order.view' } },
  { path: 'no-menu', name: 'N' },
]

describe('buildMenu', () => {
  it('shows only items the user may open, modules in the fixed order', () => {
    const me = user(['system.user.view', 'sales.order.view', 'purchase.order.view'])
    const menu = buildMenu(routes, (p) => hasPerm(me, p))
    expect(menu.map((g) => g.key)).toEqual(['purchase', 'sales', 'system'])
    expect(menu[2].items.map((i) => i.name)).toEqual(['U'])
    expect(menu[0].items[0].path).toBe('/purchase/orders')
  })
  it('hides modules without visible items', () => {
    const me = user(['system.role.view'])
    const menu = buildMenu(routes, (p) => hasPerm(me, p))
    expect(menu).toHaveLength(1)
    expect(menu[0].items.map((i) => i.name)).toEqual(['R'])
  })
  it('is empty without permissions; no start page then', () => {
    const menu = buildMenu(routes, (p) => hasPerm(user([]), p))
    expect(menu).toEqual([])
    expect(firstAllowedPath(menu)).toBeNull()
  })
  it('picks the first allowed page as the start page', () => {
    const menu = buildMenu(routes, (p) => hasPerm(user(['system.role.view', 'system.user.view']), p))
    expect(firstAllowedPath(menu)).toBe('/system/users')
  })
  it('prefers the declared route order over the menu order for the start page', () => {
    const menu = buildMenu(routes, (p) => hasPerm(user(['system.role.view', 'system.user.view']), p))
    expect(firstAllowedPath(menu, ['/nowhere', '/system/roles', '/system/users'])).toBe('/system/roles')
  })
  it('with the real routes: a user with only system.user.view sees 系统设置 › 用户', () => {
    const menu = buildMenu(appRoutes as MenuRoute[], (p) => hasPerm(user(['system.user.view']), p))
    expect(menu.map((g) => g.key)).toEqual(['system'])
    expect(menu[0].items.map((i) => i.titleKey)).toEqual(['menu.users'])
  })
  it('every real route names a known module and has a permission', () => {
    const keys = new Set(MODULES.map((m) => m.key))
    for (const r of appRoutes) {
      expect(keys.has(r.meta!.module!)).toBe(true)
      expect(r.meta!.perm).toBeTruthy()
    }
  })
})

import type { RouteRecordRaw } from 'vue-router'

// Inventory documents (期初库存, 其他入库/出库, 调拨单): list and editor pages.
// Editors open as one tab per kind (`…/edit` new, `…/edit/:id` a document); a path with a parameter is
// never a menu item (see menu.ts). Route names equal the wrapper components' names (keep-alive).
const docs = [
  { path: 'inventory/opening', name: 'InventoryOpening', kind: 'opening', titleKey: 'invDoc.menu.opening', icon: 'Box',
    list: () => import('@/views/inventory/docs/OpeningList.vue'), edit: () => import('@/views/inventory/docs/OpeningEditor.vue') },
  { path: 'inventory/other-in', name: 'InventoryOtherIn', kind: 'other_in', titleKey: 'invDoc.menu.otherIn', icon: 'Document',
    list: () => import('@/views/inventory/docs/OtherInList.vue'), edit: () => import('@/views/inventory/docs/OtherInEditor.vue') },
  { path: 'inventory/other-out', name: 'InventoryOtherOut', kind: 'other_out', titleKey: 'invDoc.menu.otherOut', icon: 'Document',
    list: () => import('@/views/inventory/docs/OtherOutList.vue'), edit: () => import('@/views/inventory/docs/OtherOutEditor.vue') },
  { path: 'inventory/transfers', name: 'InventoryTransfers', kind: 'transfer', titleKey: 'invDoc.menu.transfers', icon: 'Van',
    list: () => import('@/views/inventory/docs/TransferList.vue'), edit: () => import('@/views/inventory/docs/TransferEditor.vue') },
] as const

const EDITOR_TITLES: Record<string, string> = {
  opening: 'invDoc.editorTitle.opening',
  other_in: 'invDoc.editorTitle.other_in',
  other_out: 'invDoc.editorTitle.other_out',
  transfer: 'invDoc.editorTitle.transfer',
}

export const inventoryDocRoutes: RouteRecordRaw[] = docs.flatMap((d) => [
  {
    path: d.path,
    name: d.name,
    component: d.list,
    meta: { module: 'inventory', titleKey: d.titleKey, perm: `inventory.${d.kind}.view`, icon: d.icon },
  },
  {
    path: `${d.path}/edit/:id(\\d+)?`,
    name: `${d.name}Edit`,
    component: d.edit,
    meta: { module: 'inventory', titleKey: EDITOR_TITLES[d.kind], perm: `inventory.${d.kind}.view` },
  },
])

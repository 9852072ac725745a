import type { RouteRecordRaw } from 'vue-router'

// Purchasing (采购) pages, issue 6: 采购订单, 采购入库, 采购退货 — a list and an editor each — plus 过期未到货,
// 供应商分析 and 补货建议. Editors open as one tab per kind (`…/edit` new, `…/edit/:id` a document); a path
// with a parameter is never a menu item (see menu.ts). Route names equal the views' component names
// (keep-alive uses them).
const docs = [
  { path: 'purchase/orders', name: 'PurchaseOrders', kind: 'order', titleKey: 'pur.menu.orders', tabKey: 'pur.tab.order', icon: 'Document',
    list: () => import('@/views/purchase/PurchaseOrderList.vue'), edit: () => import('@/views/purchase/PurchaseOrderEditor.vue') },
  { path: 'purchase/receipts', name: 'PurchaseReceipts', kind: 'receipt', titleKey: 'pur.menu.receipts', tabKey: 'pur.tab.receipt', icon: 'Box',
    list: () => import('@/views/purchase/PurchaseReceiptList.vue'), edit: () => import('@/views/purchase/PurchaseReceiptEditor.vue') },
  { path: 'purchase/returns', name: 'PurchaseReturns', kind: 'return', titleKey: 'pur.menu.returns', tabKey: 'pur.tab.return', icon: 'Tickets',
    list: () => import('@/views/purchase/PurchaseReturnList.vue'), edit: () => import('@/views/purchase/PurchaseReturnEditor.vue') },
] as const

export const purchaseRoutes: RouteRecordRaw[] = [
  ...docs.flatMap((d): RouteRecordRaw[] => [
    {
      path: d.path,
      name: d.name,
      component: d.list,
      meta: { module: 'purchase', titleKey: d.titleKey, perm: `purchase.${d.kind}.view`, icon: d.icon },
    },
    {
      path: `${d.path}/edit/:id(\\d+)?`,
      name: `${d.name}Edit`,
      component: d.edit,
      meta: { module: 'purchase', titleKey: d.tabKey, perm: `purchase.${d.kind}.view` },
    },
  ]),
  {
    path: 'purchase/overdue',
    name: 'PurchaseOverdue',
    component: () => import('@/views/purchase/OverdueOrdersView.vue'),
    meta: { module: 'purchase', titleKey: 'pur.menu.overdue', perm: ['purchase.supplier.view', 'purchase.order.view'], icon: 'Warning' },
  },
  {
    path: 'purchase/suppliers',
    name: 'PurchaseSupplierRecord',
    component: () => import('@/views/purchase/SupplierRecordView.vue'),
    meta: { module: 'purchase', titleKey: 'pur.menu.suppliers', perm: 'purchase.supplier.view', icon: 'DataAnalysis' },
  },
  {
    path: 'purchase/replenishment',
    name: 'PurchaseReplenishment',
    component: () => import('@/views/purchase/ReplenishmentView.vue'),
    meta: { module: 'purchase', titleKey: 'pur.menu.replenishment', perm: 'purchase.replenish.view', icon: 'ShoppingCart' },
  },
]

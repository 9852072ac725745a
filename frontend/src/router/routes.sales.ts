import type { RouteRecordRaw } from 'vue-router'

// Sales (销售) pages, issue 7: 销售订单, 销售出库, 销售退货 (list + editor each), 客户分析, 销售渠道. Editors open as
// one tab per kind (`…/edit` new, `…/edit/:id` a document); a path with a parameter is never a menu item (see
// menu.ts). Route names equal the views' component names (keep-alive uses them).
const docs = [
  { path: 'sales/orders', name: 'SalesOrders', kind: 'order', titleKey: 'sal.menu.orders', tabKey: 'sal.tab.order', icon: 'Document',
    list: () => import('@/views/sales/SalesOrderList.vue'), edit: () => import('@/views/sales/SalesOrderEditor.vue') },
  { path: 'sales/deliveries', name: 'SalesDeliveries', kind: 'delivery', titleKey: 'sal.menu.deliveries', tabKey: 'sal.tab.delivery', icon: 'Van',
    list: () => import('@/views/sales/SalesDeliveryList.vue'), edit: () => import('@/views/sales/SalesDeliveryEditor.vue') },
  { path: 'sales/returns', name: 'SalesReturns', kind: 'return', titleKey: 'sal.menu.returns', tabKey: 'sal.tab.return', icon: 'Tickets',
    list: () => import('@/views/sales/SalesReturnList.vue'), edit: () => import('@/views/sales/SalesReturnEditor.vue') },
] as const

export const salesRoutes: RouteRecordRaw[] = [
  ...docs.flatMap((d): RouteRecordRaw[] => [
    {
      path: d.path,
      name: d.name,
      component: d.list,
      meta: { module: 'sales', titleKey: d.titleKey, perm: `sales.${d.kind}.view`, icon: d.icon },
    },
    {
      path: `${d.path}/edit/:id(\\d+)?`,
      name: `${d.name}Edit`,
      component: d.edit,
      meta: { module: 'sales', titleKey: d.tabKey, perm: `sales.${d.kind}.view` },
    },
  ]),
  {
    path: 'sales/customers',
    name: 'SalesCustomerRecord',
    component: () => import('@/views/sales/CustomerRecordView.vue'),
    meta: { module: 'sales', titleKey: 'sal.menu.customers', perm: 'sales.customer.view', icon: 'DataAnalysis' },
  },
  {
    path: 'sales/channels',
    name: 'SalesChannels',
    component: () => import('@/views/sales/SalesChannelsView.vue'),
    meta: {
      module: 'sales',
      titleKey: 'sal.menu.channels',
      perm: ['sales.channel.edit', 'sales.order.view', 'sales.delivery.view', 'sales.return.view', 'retail.view'],
      icon: 'Setting',
    },
  },
]

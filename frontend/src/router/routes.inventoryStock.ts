import type { RouteRecordRaw } from 'vue-router'

// Stock views (库存查询, 出入库流水, 库存预警, 效期预警) and stocktakes (盘点单).
// Route names equal the views' component names (keep-alive uses them).
export const inventoryStockRoutes: RouteRecordRaw[] = [
  {
    path: 'inventory/stock',
    name: 'InventoryStock',
    component: () => import('@/views/inventory/stock/StockView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.stock', perm: 'inventory.stock.view', icon: 'Search' },
  },
  {
    path: 'inventory/ledger',
    name: 'InventoryLedger',
    component: () => import('@/views/inventory/stock/LedgerView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.ledger', perm: 'inventory.ledger.view', icon: 'Tickets' },
  },
  {
    path: 'inventory/alerts',
    name: 'InventoryAlerts',
    component: () => import('@/views/inventory/stock/AlertsView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.alerts', perm: 'inventory.alert.view', icon: 'Warning' },
  },
  {
    path: 'inventory/expiry',
    name: 'InventoryExpiry',
    component: () => import('@/views/inventory/stock/ExpiryView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.expiry', perm: 'inventory.stock.view', icon: 'AlarmClock' },
  },
  {
    path: 'inventory/stocktakes',
    name: 'InventoryStocktakes',
    component: () => import('@/views/inventory/stocktake/StocktakesView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.stocktakes', perm: 'inventory.stocktake.view', icon: 'Checked' },
  },
  {
    path: 'inventory/stocktakes/:id(\\d+)',
    name: 'InventoryStocktake',
    component: () => import('@/views/inventory/stocktake/StocktakeView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.stocktake', perm: 'inventory.stocktake.view' },
  },
  {
    path: 'inventory/stocktakes/:id(\\d+)/count',
    name: 'InventoryStocktakeCount',
    component: () => import('@/views/inventory/stocktake/StocktakeCountView.vue'),
    meta: { module: 'inventory', titleKey: 'invStock.menu.count', perm: 'inventory.stocktake.create' },
  },
]

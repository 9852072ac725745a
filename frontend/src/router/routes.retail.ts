import type { RouteRecordRaw } from 'vue-router'

// Retail (零售) and pricing pages, issue 7: 收银台, 零售单 list, 零售退货, 价目表, 促销 and 清仓.
// Route names equal the views' component names (keep-alive uses them). Editors open as one tab per kind
// (`…/edit` new, `…/edit/:id` a saved one); a path with a parameter is never a menu item (see menu.ts).
export const retailRoutes: RouteRecordRaw[] = [
  {
    path: 'retail/counter',
    name: 'RetailCounter',
    component: () => import('@/views/retail/RetailCounterView.vue'),
    meta: { module: 'retail', titleKey: 'ret.menu.counter', perm: 'retail.sell', icon: 'Shop' },
  },
  {
    path: 'retail/tickets',
    name: 'RetailTickets',
    component: () => import('@/views/retail/RetailTicketList.vue'),
    meta: { module: 'retail', titleKey: 'ret.menu.tickets', perm: 'retail.view', icon: 'Tickets' },
  },
  {
    path: 'retail/return',
    name: 'RetailReturn',
    component: () => import('@/views/retail/RetailReturnView.vue'),
    meta: { module: 'retail', titleKey: 'ret.menu.return', perm: 'retail.return', icon: 'Wallet' },
  },
  {
    path: 'retail/price-lists',
    name: 'RetailPriceLists',
    component: () => import('@/views/retail/PriceListList.vue'),
    meta: { module: 'retail', titleKey: 'ret.menu.priceLists', perm: 'pricing.view', icon: 'PriceTag' },
  },
  {
    path: 'retail/price-lists/edit/:id(\\d+)?',
    name: 'RetailPriceListsEdit',
    component: () => import('@/views/retail/PriceListEditor.vue'),
    meta: { module: 'retail', titleKey: 'ret.tab.priceList', perm: 'pricing.view' },
  },
  {
    path: 'retail/promotions',
    name: 'RetailPromotions',
    component: () => import('@/views/retail/PromotionList.vue'),
    meta: { module: 'retail', titleKey: 'ret.menu.promotions', perm: 'pricing.view', icon: 'Goods' },
  },
  {
    path: 'retail/promotions/edit/:id(\\d+)?',
    name: 'RetailPromotionsEdit',
    component: () => import('@/views/retail/PromotionEditor.vue'),
    meta: { module: 'retail', titleKey: 'ret.tab.promotion', perm: 'pricing.view' },
  },
  {
    path: 'retail/clearance',
    name: 'RetailClearance',
    component: () => import('@/views/retail/ClearanceView.vue'),
    meta: { module: 'retail', titleKey: 'ret.menu.clearance', perm: 'pricing.view', icon: 'Sell' },
  },
]

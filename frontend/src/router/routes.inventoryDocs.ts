import type { RouteRecordRaw } from 'vue-router'

// Inventory documents (期初库存, 其他入库/出库, 调拨单): list and editor pages.
export const inventoryDocRoutes: RouteRecordRaw[] = []

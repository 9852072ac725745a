import type { RouteRecordRaw } from 'vue-router'

// Stock views (库存查询, 出入库流水, 库存预警, 效期) and stocktakes (盘点单).
export const inventoryStockRoutes: RouteRecordRaw[] = []

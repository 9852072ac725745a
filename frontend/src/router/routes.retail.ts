import type { RouteRecordRaw } from 'vue-router'

// Retail (零售) and pricing pages, issue 7: 收银台, 零售单 list, 零售退货, 价目表, 促销.
// Route names equal the views' component names (keep-alive uses them).
export const retailRoutes: RouteRecordRaw[] = []

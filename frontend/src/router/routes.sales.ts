import type { RouteRecordRaw } from 'vue-router'

// Sales (销售) pages, issue 7: 销售订单, 销售出库, 销售退货 (list + editor each), 客户分析, 销售渠道.
// Route names equal the views' component names (keep-alive uses them).
export const salesRoutes: RouteRecordRaw[] = []

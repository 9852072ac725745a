import type { RouteRecordRaw } from 'vue-router'

// Money (资金往来) pages, issue 5. Route names equal the views' component names (keep-alive uses them).
export const financeReportsRoutes: RouteRecordRaw[] = []

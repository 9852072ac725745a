import type { RouteRecordRaw } from 'vue-router'

// Pages inside the app shell. Later issues add their routes here (module + perm + icon);
// the menu, tabs and the start-page redirect follow automatically.
// Each route name must equal the view's component name (keep-alive uses it).
export const appRoutes: RouteRecordRaw[] = [
  {
    path: 'system/users',
    name: 'SystemUsers',
    component: () => import('@/views/system/UsersView.vue'),
    meta: { module: 'system', titleKey: 'menu.users', perm: 'system.user.view', icon: 'User' },
  },
  {
    path: 'system/roles',
    name: 'SystemRoles',
    component: () => import('@/views/system/RolesView.vue'),
    meta: { module: 'system', titleKey: 'menu.roles', perm: 'system.role.view', icon: 'Lock' },
  },
  {
    path: 'system/companies',
    name: 'SystemCompanies',
    component: () => import('@/views/system/CompaniesView.vue'),
    meta: { module: 'system', titleKey: 'menu.companies', perm: 'system.company.view', icon: 'OfficeBuilding' },
  },
  {
    path: 'system/audit-logs',
    name: 'SystemAuditLogs',
    component: () => import('@/views/system/AuditLogsView.vue'),
    meta: { module: 'system', titleKey: 'menu.auditLogs', perm: 'system.audit.view', icon: 'Document' },
  },
]

import type { RouteRecordRaw } from 'vue-router'
import { inventoryDocRoutes } from './routes.inventoryDocs'
import { inventoryStockRoutes } from './routes.inventoryStock'
import { financeDocsRoutes } from './routes.financeDocs'
import { financeReportsRoutes } from './routes.financeReports'
import { purchaseRoutes } from './routes.purchase'
import { salesRoutes } from './routes.sales'
import { retailRoutes } from './routes.retail'

// Pages inside the app shell. Later issues add their routes here (module + perm + icon);
// the menu, tabs and the start-page redirect follow automatically.
// Each route name must equal the view's component name (keep-alive uses it).
export const appRoutes: RouteRecordRaw[] = [
  // 库存查询 first: it is the start page of anyone who may see stock.
  ...inventoryStockRoutes,
  ...inventoryDocRoutes,
  ...financeDocsRoutes,
  ...financeReportsRoutes,
  ...purchaseRoutes,
  ...salesRoutes,
  ...retailRoutes,
  {
    path: 'basic/products',
    name: 'BasicProducts',
    component: () => import('@/views/basic/ProductsView.vue'),
    meta: { module: 'basic', titleKey: 'menu.products', perm: 'catalog.product.view', icon: 'Goods' },
  },
  {
    path: 'basic/categories',
    name: 'BasicCategories',
    component: () => import('@/views/basic/CategoriesView.vue'),
    meta: { module: 'basic', titleKey: 'menu.categories', perm: 'catalog.category.manage', icon: 'Menu' },
  },
  {
    path: 'basic/units',
    name: 'BasicUnits',
    component: () => import('@/views/basic/UnitsView.vue'),
    meta: {
      module: 'basic',
      titleKey: 'menu.unitsPriceLevels',
      perm: ['catalog.unit.manage', 'catalog.price_level.manage'],
      icon: 'PriceTag',
    },
  },
  {
    path: 'basic/customers',
    name: 'BasicCustomers',
    component: () => import('@/views/basic/CustomersView.vue'),
    meta: { module: 'basic', titleKey: 'menu.customers', perm: 'partner.view', icon: 'UserFilled' },
  },
  {
    path: 'basic/suppliers',
    name: 'BasicSuppliers',
    component: () => import('@/views/basic/SuppliersView.vue'),
    meta: { module: 'basic', titleKey: 'menu.suppliers', perm: 'partner.view', icon: 'Van' },
  },
  {
    path: 'basic/warehouses',
    name: 'BasicWarehouses',
    component: () => import('@/views/basic/WarehousesView.vue'),
    meta: { module: 'basic', titleKey: 'menu.warehouses', perm: 'warehouse.view', icon: 'House' },
  },
  {
    path: 'basic/accounts',
    name: 'BasicAccounts',
    component: () => import('@/views/basic/AccountsView.vue'),
    meta: { module: 'basic', titleKey: 'menu.accounts', perm: 'finance.account.view', icon: 'CreditCard' },
  },
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

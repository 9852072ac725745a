import type { RouteRecordRaw } from 'vue-router'

// Money (资金往来) pages, issue 5. Route names equal the views' component names (keep-alive uses them).
// Reports (应收应付余额, 对账单, 账龄分析, 账户余额, 资金流水) and their master data (汇率, 收支类别).
// The public statement page (/s/:token) lives in ./index.ts, outside the app shell.
export const financeReportsRoutes: RouteRecordRaw[] = [
  {
    path: 'finance/partner-balances',
    name: 'FinancePartnerBalances',
    component: () => import('@/views/finance/reports/PartnerBalancesView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.partnerBalances', perm: 'finance.balance.view', icon: 'Wallet' },
  },
  {
    path: 'finance/statement',
    name: 'FinanceStatement',
    component: () => import('@/views/finance/reports/StatementView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.statement', perm: 'finance.statement.view', icon: 'Document' },
  },
  {
    path: 'finance/ageing',
    name: 'FinanceAgeing',
    component: () => import('@/views/finance/reports/AgeingView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.ageing', perm: 'finance.ageing.view', icon: 'AlarmClock' },
  },
  {
    path: 'finance/account-balances',
    name: 'FinanceAccountBalances',
    component: () => import('@/views/finance/reports/AccountBalancesView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.accountBalances', perm: 'finance.balance.view', icon: 'CreditCard' },
  },
  {
    path: 'finance/account-entries',
    name: 'FinanceAccountEntries',
    component: () => import('@/views/finance/reports/AccountEntriesView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.accountEntries', perm: 'finance.balance.view', icon: 'Tickets' },
  },
  {
    path: 'finance/exchange-rates',
    name: 'FinanceExchangeRates',
    component: () => import('@/views/finance/reports/ExchangeRatesView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.exchangeRates', perm: 'finance.rate.view', icon: 'PriceTag' },
  },
  {
    path: 'finance/money-categories',
    name: 'FinanceMoneyCategories',
    component: () => import('@/views/finance/reports/MoneyCategoriesView.vue'),
    meta: { module: 'finance', titleKey: 'finRep.menu.moneyCategories', perm: 'finance.category.view', icon: 'Menu' },
  },
]

import type { RouteRecordRaw } from 'vue-router'

// Money (资金往来) pages, issue 5: 收款单, 付款单, 核销单, 转账单, 其他收入单, 其他支出单, 期初余额 — a list
// and an editor each. Editors open as one tab per kind (`…/edit` new, `…/edit/:id` a document); a path
// with a parameter is never a menu item (see menu.ts). Route names equal the views' component names
// (keep-alive uses them).
const docs = [
  { path: 'finance/receipts', name: 'FinanceReceipts', kind: 'receipt', titleKey: 'finDoc.menu.receipts', icon: 'Wallet',
    list: () => import('@/views/finance/docs/ReceiptList.vue'), edit: () => import('@/views/finance/docs/ReceiptEditor.vue') },
  { path: 'finance/payments', name: 'FinancePayments', kind: 'payment', titleKey: 'finDoc.menu.payments', icon: 'CreditCard',
    list: () => import('@/views/finance/docs/PaymentList.vue'), edit: () => import('@/views/finance/docs/PaymentEditor.vue') },
  { path: 'finance/allocations', name: 'FinanceAllocations', kind: 'allocation', titleKey: 'finDoc.menu.allocations', icon: 'Checked',
    list: () => import('@/views/finance/docs/AllocationList.vue'), edit: () => import('@/views/finance/docs/AllocationEditor.vue') },
  { path: 'finance/account-transfers', name: 'FinanceTransfers', kind: 'transfer', titleKey: 'finDoc.menu.transfers', icon: 'Van',
    list: () => import('@/views/finance/docs/TransferList.vue'), edit: () => import('@/views/finance/docs/TransferEditor.vue') },
  { path: 'finance/other-incomes', name: 'FinanceOtherIncomes', kind: 'income', titleKey: 'finDoc.menu.otherIncomes', icon: 'Tickets',
    list: () => import('@/views/finance/docs/OtherIncomeList.vue'), edit: () => import('@/views/finance/docs/OtherIncomeEditor.vue') },
  { path: 'finance/other-expenses', name: 'FinanceOtherExpenses', kind: 'expense', titleKey: 'finDoc.menu.otherExpenses', icon: 'Document',
    list: () => import('@/views/finance/docs/OtherExpenseList.vue'), edit: () => import('@/views/finance/docs/OtherExpenseEditor.vue') },
  { path: 'finance/opening-balances', name: 'FinanceOpeningBalances', kind: 'opening', titleKey: 'finDoc.menu.openingBalances', icon: 'Files',
    list: () => import('@/views/finance/docs/OpeningBalanceList.vue'), edit: () => import('@/views/finance/docs/OpeningBalanceEditor.vue') },
] as const

const EDITOR_TITLES: Record<string, string> = {
  receipt: 'finDoc.tab.receipt',
  payment: 'finDoc.tab.payment',
  allocation: 'finDoc.tab.allocation',
  transfer: 'finDoc.tab.transfer',
  income: 'finDoc.tab.income',
  expense: 'finDoc.tab.expense',
  opening: 'finDoc.tab.opening',
}

export const financeDocsRoutes: RouteRecordRaw[] = docs.flatMap((d) => [
  {
    path: d.path,
    name: d.name,
    component: d.list,
    meta: { module: 'finance', titleKey: d.titleKey, perm: `finance.${d.kind}.view`, icon: d.icon },
  },
  {
    path: `${d.path}/edit/:id(\\d+)?`,
    name: `${d.name}Edit`,
    component: d.edit,
    meta: { module: 'finance', titleKey: EDITOR_TITLES[d.kind], perm: `finance.${d.kind}.view` },
  },
])

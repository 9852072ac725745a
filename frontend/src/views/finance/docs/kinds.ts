// The seven money document kinds: API path, permissions, routes and what their editors show.
import { moneyDocApi, type MoneyDocApi } from './api'
import type { MoneyDocKind, Side } from './types'

/** How the editor's body looks. */
export type MoneyLayout =
  /** 收款单/付款单: partner, account, amount + 优惠, allocation lines picked from open items */
  | 'settle'
  /** 核销单: debit × credit pairs */
  | 'pairs'
  /** 转账单: from/to account and an amount */
  | 'transfer'
  /** 其他收入/支出单: account, optional partner, category lines */
  | 'categories'
  /** 期初余额: partner lines and account lines */
  | 'opening'

export interface MoneyKindDef {
  kind: MoneyDocKind
  api: MoneyDocApi
  /** permission prefix: finance.<kind>.view|create|approve|reverse|export */
  perm: string
  listRoute: string
  editRoute: string
  menuKey: string
  titleKey: string
  layout: MoneyLayout
  /** fixed side, 'choose' (核销单), or null (no partner side) */
  side: Side | 'choose' | null
  /** the header has a partner: required, optional or none */
  partner: 'required' | 'optional' | 'none'
  /** the partner picker's kind when the side does not decide it */
  partnerKind: 'customer' | 'supplier' | null
  /** header account (转账: the from account) */
  account: boolean
  /** category kind of the lines (其他收入/支出) */
  categoryKind: 'income' | 'expense' | null
  importLines: boolean
  /** list filter starts with this month (UX: 日期范围 default 本月) */
  defaultThisMonth: boolean
}

const def = (d: Omit<MoneyKindDef, 'api'> & { path: string }): MoneyKindDef => {
  const { path, ...rest } = d
  return { ...rest, api: moneyDocApi(path) }
}

export const MONEY_DOC_KINDS: Record<MoneyDocKind, MoneyKindDef> = {
  receipt: def({
    kind: 'receipt',
    path: '/receipts',
    perm: 'finance.receipt',
    listRoute: 'FinanceReceipts',
    editRoute: 'FinanceReceiptsEdit',
    menuKey: 'finDoc.menu.receipts',
    titleKey: 'finDoc.editorTitle.receipt',
    layout: 'settle',
    side: 'ar',
    partner: 'required',
    partnerKind: 'customer',
    account: true,
    categoryKind: null,
    importLines: false,
    defaultThisMonth: true,
  }),
  payment: def({
    kind: 'payment',
    path: '/payments',
    perm: 'finance.payment',
    listRoute: 'FinancePayments',
    editRoute: 'FinancePaymentsEdit',
    menuKey: 'finDoc.menu.payments',
    titleKey: 'finDoc.editorTitle.payment',
    layout: 'settle',
    side: 'ap',
    partner: 'required',
    partnerKind: 'supplier',
    account: true,
    categoryKind: null,
    importLines: false,
    defaultThisMonth: true,
  }),
  allocation: def({
    kind: 'allocation',
    path: '/allocations',
    perm: 'finance.allocation',
    listRoute: 'FinanceAllocations',
    editRoute: 'FinanceAllocationsEdit',
    menuKey: 'finDoc.menu.allocations',
    titleKey: 'finDoc.editorTitle.allocation',
    layout: 'pairs',
    side: 'choose',
    partner: 'required',
    partnerKind: null,
    account: false,
    categoryKind: null,
    importLines: false,
    defaultThisMonth: true,
  }),
  transfer: def({
    kind: 'transfer',
    path: '/account-transfers',
    perm: 'finance.transfer',
    listRoute: 'FinanceTransfers',
    editRoute: 'FinanceTransfersEdit',
    menuKey: 'finDoc.menu.transfers',
    titleKey: 'finDoc.editorTitle.transfer',
    layout: 'transfer',
    side: null,
    partner: 'none',
    partnerKind: null,
    account: true,
    categoryKind: null,
    importLines: false,
    defaultThisMonth: true,
  }),
  income: def({
    kind: 'income',
    path: '/other-incomes',
    perm: 'finance.income',
    listRoute: 'FinanceOtherIncomes',
    editRoute: 'FinanceOtherIncomesEdit',
    menuKey: 'finDoc.menu.otherIncomes',
    titleKey: 'finDoc.editorTitle.income',
    layout: 'categories',
    side: null,
    partner: 'optional',
    partnerKind: 'customer',
    account: true,
    categoryKind: 'income',
    importLines: false,
    defaultThisMonth: true,
  }),
  expense: def({
    kind: 'expense',
    path: '/other-expenses',
    perm: 'finance.expense',
    listRoute: 'FinanceOtherExpenses',
    editRoute: 'FinanceOtherExpensesEdit',
    menuKey: 'finDoc.menu.otherExpenses',
    titleKey: 'finDoc.editorTitle.expense',
    layout: 'categories',
    side: null,
    partner: 'optional',
    partnerKind: 'supplier',
    account: true,
    categoryKind: 'expense',
    importLines: false,
    defaultThisMonth: true,
  }),
  opening: def({
    kind: 'opening',
    path: '/opening-balances',
    perm: 'finance.opening',
    listRoute: 'FinanceOpeningBalances',
    editRoute: 'FinanceOpeningBalancesEdit',
    menuKey: 'finDoc.menu.openingBalances',
    titleKey: 'finDoc.editorTitle.opening',
    layout: 'opening',
    side: null,
    partner: 'none',
    partnerKind: null,
    account: false,
    categoryKind: null,
    importLines: true,
    defaultThisMonth: false,
  }),
}

/** The partner picker's kind for a side: 应收 → customers, 应付 → suppliers. */
export function partnerKindOf(side: string): 'customer' | 'supplier' {
  return side === 'ap' ? 'supplier' : 'customer'
}

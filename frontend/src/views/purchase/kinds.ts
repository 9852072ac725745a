// The three purchasing documents: API path, permissions, routes and what their editors show.
import { purchaseDocApi, type PurchaseDocApi } from './api'
import type { PurchaseKind } from './types'

export interface PurchaseKindDef {
  kind: PurchaseKind
  api: PurchaseDocApi
  /** permission prefix: purchase.<kind>.view|create|approve|unapprove|reverse|export (orders: close) */
  perm: string
  listRoute: string
  editRoute: string
  titleKey: string
  /** stock goes in (lots typed) or out (lots from the receipt / chosen) */
  direction: 'in' | 'out'
  /** 本次付款 (receipts) / 本次退款 (returns) with an account */
  payment: boolean
  /** 选单 from: open order lines (receipts) or returnable receipt lines (returns) */
  pick: 'orders' | 'receipts' | null
  hasReverse: boolean
}

export const PURCHASE_KINDS: Record<PurchaseKind, PurchaseKindDef> = {
  order: {
    kind: 'order',
    api: purchaseDocApi('/purchase-orders'),
    perm: 'purchase.order',
    listRoute: 'PurchaseOrders',
    editRoute: 'PurchaseOrdersEdit',
    titleKey: 'pur.title.order',
    direction: 'in',
    payment: false,
    pick: null,
    hasReverse: false,
  },
  receipt: {
    kind: 'receipt',
    api: purchaseDocApi('/purchase-receipts'),
    perm: 'purchase.receipt',
    listRoute: 'PurchaseReceipts',
    editRoute: 'PurchaseReceiptsEdit',
    titleKey: 'pur.title.receipt',
    direction: 'in',
    payment: true,
    pick: 'orders',
    hasReverse: true,
  },
  return: {
    kind: 'return',
    api: purchaseDocApi('/purchase-returns'),
    perm: 'purchase.return',
    listRoute: 'PurchaseReturns',
    editRoute: 'PurchaseReturnsEdit',
    titleKey: 'pur.title.return',
    direction: 'out',
    payment: true,
    pick: 'receipts',
    hasReverse: true,
  },
}

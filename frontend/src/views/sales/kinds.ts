// The three sales documents: API path, permissions, routes and what their editors show.
import { salesDocApi, type SalesDocApi } from './api'
import type { SalesKind } from './types'

export interface SalesKindDef {
  kind: SalesKind
  api: SalesDocApi
  /** permission prefix: sales.<kind>.view|create|approve|unapprove|reverse|export (orders: close) */
  perm: string
  listRoute: string
  editRoute: string
  titleKey: string
  /** stock leaves (orders reserve it): show 可用库存 and flag short lines */
  outbound: boolean
  /** 选单 from: open order lines (deliveries) or returnable delivery lines (returns) */
  pick: 'orders' | 'deliveries' | null
  hasReverse: boolean
}

export const SALES_KINDS: Record<SalesKind, SalesKindDef> = {
  order: {
    kind: 'order',
    api: salesDocApi('/sales-orders'),
    perm: 'sales.order',
    listRoute: 'SalesOrders',
    editRoute: 'SalesOrdersEdit',
    titleKey: 'sal.title.order',
    outbound: true,
    pick: null,
    hasReverse: false,
  },
  delivery: {
    kind: 'delivery',
    api: salesDocApi('/sales-deliveries'),
    perm: 'sales.delivery',
    listRoute: 'SalesDeliveries',
    editRoute: 'SalesDeliveriesEdit',
    titleKey: 'sal.title.delivery',
    outbound: true,
    pick: 'orders',
    hasReverse: true,
  },
  return: {
    kind: 'return',
    api: salesDocApi('/sales-returns'),
    perm: 'sales.return',
    listRoute: 'SalesReturns',
    editRoute: 'SalesReturnsEdit',
    titleKey: 'sal.title.return',
    outbound: false,
    pick: 'deliveries',
    hasReverse: true,
  },
}

/** The editor route of a linked document's kind (sources/followers/customer record rows). */
export function editRouteOf(kind: string): string | null {
  return kind in SALES_KINDS ? SALES_KINDS[kind as SalesKind].editRoute : null
}

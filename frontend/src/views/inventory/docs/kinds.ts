// The four stock document kinds: API path, permissions, routes and what their editors show.
import type { LineColumnKey } from '@/components/document/types'
import { stockDocApi, type StockDocApi, type StockDocKind } from './api'

export interface StockDocKindDef {
  kind: StockDocKind
  api: StockDocApi
  /** permission prefix: inventory.<kind>.view|create|approve|unapprove|reverse|export */
  perm: string
  listRoute: string
  editRoute: string
  menuKey: string
  titleKey: string
  /** stock goes in (lots typed) or out (lots chosen) */
  direction: 'in' | 'out'
  /** unit cost typed on the lines (required on opening stock) */
  costEditable: boolean
  costRequired: boolean
  reasons: string[]
  transfer: boolean
  importLines: boolean
  /** list filter starts with this month (UX: 日期范围 default 本月) */
  defaultThisMonth: boolean
  columns: LineColumnKey[]
}

const base: LineColumnKey[] = ['code', 'product', 'spec', 'unit', 'available', 'qty', 'lot']

export const STOCK_DOC_KINDS: Record<StockDocKind, StockDocKindDef> = {
  opening: {
    kind: 'opening',
    api: stockDocApi('/opening-stocks'),
    perm: 'inventory.opening',
    listRoute: 'InventoryOpening',
    editRoute: 'InventoryOpeningEdit',
    menuKey: 'invDoc.menu.opening',
    titleKey: 'invDoc.editorTitle.opening',
    direction: 'in',
    costEditable: true,
    costRequired: true,
    reasons: [],
    transfer: false,
    importLines: true,
    defaultThisMonth: false,
    columns: ['code', 'product', 'spec', 'unit', 'qty', 'lot', 'production_date', 'expiry_date', 'unit_cost', 'amount', 'remark'],
  },
  other_in: {
    kind: 'other_in',
    api: stockDocApi('/other-receipts'),
    perm: 'inventory.other_in',
    listRoute: 'InventoryOtherIn',
    editRoute: 'InventoryOtherInEdit',
    menuKey: 'invDoc.menu.otherIn',
    titleKey: 'invDoc.editorTitle.other_in',
    direction: 'in',
    costEditable: true,
    costRequired: false,
    reasons: ['found', 'gift', 'sample', 'return', 'production', 'other'],
    transfer: false,
    importLines: false,
    defaultThisMonth: true,
    columns: [...base, 'production_date', 'expiry_date', 'unit_cost', 'amount', 'remark'],
  },
  other_out: {
    kind: 'other_out',
    api: stockDocApi('/other-issues'),
    perm: 'inventory.other_out',
    listRoute: 'InventoryOtherOut',
    editRoute: 'InventoryOtherOutEdit',
    menuKey: 'invDoc.menu.otherOut',
    titleKey: 'invDoc.editorTitle.other_out',
    direction: 'out',
    costEditable: false,
    costRequired: false,
    reasons: ['loss', 'use', 'gift', 'sample', 'other'],
    transfer: false,
    importLines: false,
    defaultThisMonth: true,
    columns: [...base, 'unit_cost', 'amount', 'remark'],
  },
  transfer: {
    kind: 'transfer',
    api: stockDocApi('/stock-transfers'),
    perm: 'inventory.transfer',
    listRoute: 'InventoryTransfers',
    editRoute: 'InventoryTransfersEdit',
    menuKey: 'invDoc.menu.transfers',
    titleKey: 'invDoc.editorTitle.transfer',
    direction: 'out',
    costEditable: false,
    costRequired: false,
    reasons: [],
    transfer: true,
    importLines: false,
    defaultThisMonth: true,
    columns: [...base, 'unit_cost', 'amount', 'remark'],
  },
}

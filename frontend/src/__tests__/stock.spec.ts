import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import {
  alertSuggestion,
  expiryState,
  isMobileWidth,
  MOVE_KINDS,
  moveKind,
  myCount,
  myShareForTotal,
  othersCount,
  plainQty,
  ScanQueue,
  signedQty,
  stepCount,
  STOCKTAKE_STATUS_TAG,
  validCount,
  varianceClass,
} from '@/views/inventory/stock/logic'
import { buildMenu, type MenuRoute } from '@/router/menu'
import { inventoryStockRoutes } from '@/router/routes.inventoryStock'

const me = { display_name: '张三', username: 'zhangsan' }

function lookup(msgs: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], msgs)
}

describe('stocktake variance', () => {
  it('colours a loss red and a gain green, nothing when equal or not counted', () => {
    expect(varianceClass('-1.0000')).toBe('loss')
    expect(varianceClass('2')).toBe('gain')
    expect(varianceClass('0.0000')).toBe('')
    expect(varianceClass(null)).toBe('')
    expect(varianceClass('')).toBe('')
  })
  it('shows the variance signed and without trailing zeros', () => {
    expect(signedQty('3.0000')).toBe('+3')
    expect(signedQty('-1.5000')).toBe('-1.5')
    expect(signedQty('0.0000')).toBe('0')
    expect(signedQty(null)).toBe('')
    expect(plainQty('9.0000')).toBe('9')
    expect(plainQty('-0')).toBe('0')
  })
  it('has a tag colour for every status', () => {
    expect(Object.keys(STOCKTAKE_STATUS_TAG).sort()).toEqual(['approved', 'draft', 'reversed', 'void'])
  })
})

describe('counting shares', () => {
  const counts = [
    { user_name: '张三', qty: '4.0000' },
    { user_name: '李四', qty: '5' },
  ]
  it("finds the current user's count by display name or user name", () => {
    expect(myCount(counts, me)).toBe('4')
    expect(myCount([{ user_name: 'zhangsan', qty: '2' }], me)).toBe('2')
    expect(myCount(undefined, me)).toBe('0')
    expect(myCount(counts, null)).toBe('0')
    expect(othersCount(counts, me)).toBe('5')
  })
  it('turns a typed total into my share (counted = Σ counters)', () => {
    expect(myShareForTotal('12', counts, me)).toBe('7')
    expect(myShareForTotal('5', counts, me)).toBe('0')
    expect(myShareForTotal('4', counts, me)).toBeNull() // below what 李四 counted
    expect(myShareForTotal('9', [], me)).toBe('9')
    expect(myShareForTotal('abc', [], me)).toBeNull()
    expect(myShareForTotal('-1', [], me)).toBeNull()
  })
  it('steps a count up and down, never below zero', () => {
    expect(stepCount('4', 1)).toBe('5')
    expect(stepCount('0', -1)).toBe('0')
    expect(stepCount('1.5', -1)).toBe('0.5')
  })
  it('accepts typed quantities of 0 or more with up to 4 decimals', () => {
    expect(validCount('9')).toBe(true)
    expect(validCount(' 0 ')).toBe(true)
    expect(validCount('2.5')).toBe(true)
    expect(validCount('-1')).toBe(false)
    expect(validCount('1.23456')).toBe(false)
    expect(validCount('')).toBe(false)
  })
})

describe('scan queue', () => {
  it('sends scans one at a time in the order they were typed and counts what is pending', async () => {
    const sent: string[] = []
    const seen: number[] = []
    let release: (() => void) | null = null
    const q = new ScanQueue<string>(
      (code) =>
        new Promise<string>((resolve, reject) => {
          sent.push(code)
          if (code === 'bad') reject(new Error('barcode_unknown'))
          else if (code === 'slow') release = () => resolve(code)
          else resolve(code)
        }),
      (n) => seen.push(n),
    )
    const a = q.push('slow')
    const b = q.push('bad')
    const c = q.push('6901234567892')
    await Promise.resolve()
    expect(sent).toEqual(['slow']) // the next one waits for the first answer
    expect(q.pending).toBe(3)
    release!()
    await expect(a).resolves.toBe('slow')
    await expect(b).rejects.toThrow('barcode_unknown')
    await expect(c).resolves.toBe('6901234567892') // an error does not stop the queue
    await new Promise((r) => setTimeout(r, 0))
    expect(sent).toEqual(['slow', 'bad', '6901234567892'])
    expect(q.pending).toBe(0)
    expect(seen).toEqual([1, 2, 3, 2, 1, 0])
  })
})

describe('alerts and expiry', () => {
  it('suggests bringing in for low stock and moving out for high stock', () => {
    expect(alertSuggestion('low', '20.0000')).toEqual({ key: 'invStock.alerts.suggestIn', qty: '20' })
    expect(alertSuggestion('high', '5')).toEqual({ key: 'invStock.alerts.suggestOut', qty: '5' })
    expect(alertSuggestion('low', '0')).toBeNull()
    expect(alertSuggestion('low', null)).toBeNull()
  })
  it('tells expired, today and near lots apart', () => {
    expect(expiryState(-3)).toBe('expired')
    expect(expiryState(0)).toBe('today')
    expect(expiryState(12)).toBe('near')
  })
})

describe('phone layout switch', () => {
  it('uses the card / counting layout up to 767px', () => {
    expect(isMobileWidth(375)).toBe(true)
    expect(isMobileWidth(767)).toBe(true)
    expect(isMobileWidth(768)).toBe(false)
    expect(isMobileWidth(1440)).toBe(false)
    expect(isMobileWidth(0)).toBe(false)
  })
})

describe('stock routes and texts', () => {
  it('lists the stock pages in 库存 and keeps stocktake detail pages out of the menu', () => {
    const menu = buildMenu(inventoryStockRoutes as MenuRoute[], () => true)
    expect(menu.map((g) => g.key)).toEqual(['inventory'])
    expect(menu[0].items.map((i) => i.name)).toEqual([
      'InventoryStock',
      'InventoryLedger',
      'InventoryAlerts',
      'InventoryExpiry',
      'InventoryStocktakes',
    ])
    for (const r of inventoryStockRoutes) expect(r.meta?.perm).toBeTruthy()
  })
  it('follows the permission of each page', () => {
    const menu = buildMenu(inventoryStockRoutes as MenuRoute[], (p) => p === 'inventory.stocktake.view')
    expect(menu[0].items.map((i) => i.name)).toEqual(['InventoryStocktakes'])
  })
  it('has a label for every move kind and status in both languages', () => {
    for (const msgs of [zhCN, en] as Record<string, unknown>[]) {
      for (const k of MOVE_KINDS) expect(typeof lookup(msgs, moveKind(k)!.key)).toBe('string')
      for (const s of ['undo', 'reversal']) expect(typeof lookup(msgs, `invStock.kinds.suffix.${s}`)).toBe('string')
      for (const s of Object.keys(STOCKTAKE_STATUS_TAG)) expect(typeof lookup(msgs, `invStock.status.${s}`)).toBe('string')
    }
    expect(moveKind('something_new')).toBeNull()
  })
  it('reads the reversal / un-approve suffix of a move kind', () => {
    expect(moveKind('stocktake_loss')).toEqual({ key: 'invStock.kinds.stocktake_loss', suffix: null })
    expect(moveKind('stocktake_loss_reversal')).toEqual({ key: 'invStock.kinds.stocktake_loss', suffix: 'reversal' })
    expect(moveKind('transfer_in_undo')).toEqual({ key: 'invStock.kinds.transfer_in', suffix: 'undo' })
    expect(moveKind('opening')).toEqual({ key: 'invStock.kinds.opening', suffix: null })
  })
})

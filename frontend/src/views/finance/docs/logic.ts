// Pure logic of the money document editors (no DOM, unit-tested in __tests__/financeDocs.spec.ts):
// exact decimal sums with big.js, 自动核销 (oldest open items first up to amount + 优惠), 自动配对 for
// 核销单, the write payload of each kind and the mapping of problem+json `lines.N` errors to lines.
import Big from 'big.js'
import type { FieldError } from '@/api/types'
import type { MoneyKindDef } from './kinds'
import type { MoneyDocLineRead, MoneyDocLineWrite, MoneyDocRead, MoneyDocWrite, OpenItem, Side, SideOrNone } from './types'

export const BASE_CURRENCY = 'CNY'

let seq = 0
export function nextKey(): number {
  seq += 1
  return seq
}

// ---------- decimals ----------

/** A signed decimal string (`12`, `-3.5`, `0.05`); null for anything else (also ''). */
export function dec(s: string | number | null | undefined): Big | null {
  if (s === null || s === undefined) return null
  const v = String(s).trim().replace(/,/g, '')
  if (!/^-?\d+(\.\d+)?$/.test(v) && !/^-?\.\d+$/.test(v)) return null
  return new Big(v)
}

/** Σ of decimal strings (blank or invalid ones count as 0), as a 2-decimal string. */
export function sum(values: (string | null | undefined)[]): string {
  return values.reduce<Big>((a, v) => a.plus(dec(v) ?? 0), new Big(0)).toFixed(2)
}

export function money2(b: Big | string | null | undefined): string {
  const v = b instanceof Big ? b : dec(b)
  return (v ?? new Big(0)).round(2, Big.roundHalfUp).toFixed(2)
}

/** `12.50` → `12.5`, `300.00` → `300` (what an amount input shows). */
export function trimMoney(s: string | null | undefined): string {
  const v = dec(s)
  return v ? v.toString() : (s ?? '')
}

/** Has more than two decimals (fen is the smallest unit). */
export function tooPrecise(s: string): boolean {
  return /\.\d{3,}$/.test(s.trim())
}

function minBig(a: Big, b: Big): Big {
  return a.lt(b) ? a : b
}

// ---------- open items ----------

/** Oldest first: business date, then document number, then id (the server's order). */
export function sortOldest<T extends Pick<OpenItem, 'business_date' | 'doc_number' | 'id'>>(items: T[]): T[] {
  return [...items].sort(
    (a, b) => a.business_date.localeCompare(b.business_date) || a.doc_number.localeCompare(b.doc_number) || a.id - b.id,
  )
}

/** |open amount| of an entry (a credit entry's open amount is negative). */
export function openAbs(item: Pick<OpenItem, 'open_amount'>): Big {
  return (dec(item.open_amount) ?? new Big(0)).abs()
}

// ---------- receipts / payments: allocation lines ----------

export interface AllocLine {
  key: number
  entry: OpenItem
  /** 本次核销 (document currency) */
  amount: string
  remark: string
}

export function newAllocLine(entry: OpenItem, amount = '', remark = ''): AllocLine {
  return { key: nextKey(), entry, amount, remark }
}

/** What a receipt can settle: amount + discount (优惠/抹零). */
export function capacityOf(amount: string, discount: string): Big {
  return (dec(amount) ?? new Big(0)).plus(dec(discount) ?? 0)
}

/**
 * 自动核销: fills the open debit items oldest first, each up to its open amount, until `capacity`
 * (amount + discount) is used. Items of another currency are skipped. Returns entry id → amount.
 */
export function autoAllocate(items: OpenItem[], capacity: Big | string, currency?: string): Map<number, string> {
  let left = capacity instanceof Big ? capacity : (dec(capacity) ?? new Big(0))
  const out = new Map<number, string>()
  for (const it of sortOldest(items)) {
    if (left.lte(0)) break
    if (currency && it.currency !== currency) continue
    const open = dec(it.open_amount) ?? new Big(0)
    if (open.lte(0)) continue
    const take = minBig(open, left)
    out.set(it.id, take.toFixed(2))
    left = left.minus(take)
  }
  return out
}

/** Allocation lines from the auto fill, in the items' order. */
export function autoAllocLines(items: OpenItem[], capacity: Big | string, currency?: string): AllocLine[] {
  const fill = autoAllocate(items, capacity, currency)
  return sortOldest(items)
    .filter((it) => fill.has(it.id))
    .map((it) => newAllocLine(it, trimMoney(fill.get(it.id))))
}

export interface AllocSummary {
  /** amount + discount */
  capacity: string
  /** Σ 本次核销 */
  allocated: string
  /** what stays as 预收/预付 (capacity − allocated; negative when over-allocated) */
  prepayment: string
  /** Σ allocated > capacity (the server's allocation_exceeds_payment) */
  over: boolean
}

export function allocSummary(amount: string, discount: string, lines: Pick<AllocLine, 'amount'>[]): AllocSummary {
  const cap = capacityOf(amount, discount)
  const allocated = lines.reduce<Big>((a, l) => a.plus(dec(l.amount) ?? 0), new Big(0))
  const rest = cap.minus(allocated)
  return { capacity: cap.toFixed(2), allocated: allocated.toFixed(2), prepayment: rest.toFixed(2), over: rest.lt(0) }
}

export type AllocProblem = 'amount' | 'exceedsOpen' | 'precision'

/** What is wrong with one allocation line, or null. */
export function allocLineProblem(l: AllocLine): AllocProblem | null {
  const a = dec(l.amount)
  if (!a || a.lte(0)) return 'amount'
  if (tooPrecise(l.amount)) return 'precision'
  if (a.gt(dec(l.entry.open_amount) ?? 0)) return 'exceedsOpen'
  return null
}

// ---------- 核销单: pairs of a debit and a credit entry ----------

export interface PairLine {
  key: number
  entry: OpenItem
  credit: OpenItem
  amount: string
  remark: string
}

export function newPairLine(entry: OpenItem, credit: OpenItem, amount: string, remark = ''): PairLine {
  return { key: nextKey(), entry, credit, amount, remark }
}

/** The open amount (as a positive number) still free on each entry after the pairs. */
export function pairRemaining(debits: OpenItem[], credits: OpenItem[], pairs: Pick<PairLine, 'entry' | 'credit' | 'amount'>[]): Map<number, Big> {
  const left = new Map<number, Big>()
  for (const it of [...debits, ...credits]) left.set(it.id, openAbs(it))
  for (const p of pairs) {
    const a = dec(p.amount) ?? new Big(0)
    for (const id of [p.entry.id, p.credit.id]) {
      if (!left.has(id)) continue
      left.set(id, left.get(id)!.minus(a))
    }
  }
  return left
}

/**
 * 自动配对: the oldest credits (预收/预付, returns) against the oldest debits, same currency only, after
 * the pairs already there. Returns the new pairs.
 */
export function autoPair(debits: OpenItem[], credits: OpenItem[], existing: Pick<PairLine, 'entry' | 'credit' | 'amount'>[] = []): PairLine[] {
  const left = pairRemaining(debits, credits, existing)
  const ds = sortOldest(debits)
  const out: PairLine[] = []
  for (const c of sortOldest(credits)) {
    for (const d of ds) {
      const cl = left.get(c.id) ?? new Big(0)
      if (cl.lte(0)) break
      if (d.currency !== c.currency) continue
      const dl = left.get(d.id) ?? new Big(0)
      if (dl.lte(0)) continue
      const take = minBig(cl, dl)
      out.push(newPairLine(d, c, trimMoney(take.toFixed(2))))
      left.set(c.id, cl.minus(take))
      left.set(d.id, dl.minus(take))
    }
  }
  return out
}

/** One manual pair: as much as both entries still have free. Null when either has nothing left. */
export function pairOf(debit: OpenItem, credit: OpenItem, left: Map<number, Big>): PairLine | null {
  const take = minBig(left.get(debit.id) ?? openAbs(debit), left.get(credit.id) ?? openAbs(credit))
  if (take.lte(0)) return null
  return newPairLine(debit, credit, trimMoney(take.toFixed(2)))
}

export type PairProblem = 'amount' | 'currency' | 'exceedsOpen' | 'precision'

export function pairProblems(debits: OpenItem[], credits: OpenItem[], pairs: PairLine[]): Map<number, PairProblem> {
  const out = new Map<number, PairProblem>()
  const left = pairRemaining(debits, credits, pairs)
  for (const p of pairs) {
    const a = dec(p.amount)
    if (!a || a.lte(0)) out.set(p.key, 'amount')
    else if (tooPrecise(p.amount)) out.set(p.key, 'precision')
    else if (p.entry.currency !== p.credit.currency) out.set(p.key, 'currency')
    else if ((left.get(p.entry.id)?.lt(0) ?? false) || (left.get(p.credit.id)?.lt(0) ?? false)) out.set(p.key, 'exceedsOpen')
  }
  return out
}

// ---------- 其他收入/支出: category lines ----------

export interface CategoryLine {
  key: number
  category_id: number | null
  amount: string
  remark: string
}

export function newCategoryLine(over: Partial<CategoryLine> = {}): CategoryLine {
  return { key: nextKey(), category_id: null, amount: '', remark: '', ...over }
}

export function categoryBlank(l: CategoryLine): boolean {
  return !l.category_id && !l.amount.trim() && !l.remark.trim()
}

export type CategoryProblem = 'category' | 'amount' | 'precision'

export function categoryProblem(l: CategoryLine): CategoryProblem | null {
  if (!l.category_id) return 'category'
  const a = dec(l.amount)
  if (!a || a.lte(0)) return 'amount'
  if (tooPrecise(l.amount)) return 'precision'
  return null
}

// ---------- 期初余额: partner lines and account lines ----------

export interface PartnerOpeningLine {
  key: number
  partner_id: number | null
  partner_name: string
  side: Side
  currency: string
  rate: string
  amount: string
  due_date: string
  remark: string
}

export interface AccountOpeningLine {
  key: number
  account_id: number | null
  account_name: string
  amount: string
  remark: string
}

export function newPartnerOpeningLine(over: Partial<PartnerOpeningLine> = {}): PartnerOpeningLine {
  return { key: nextKey(), partner_id: null, partner_name: '', side: 'ar', currency: BASE_CURRENCY, rate: '1', amount: '', due_date: '', remark: '', ...over }
}

export function newAccountOpeningLine(over: Partial<AccountOpeningLine> = {}): AccountOpeningLine {
  return { key: nextKey(), account_id: null, account_name: '', amount: '', remark: '', ...over }
}

export function partnerOpeningBlank(l: PartnerOpeningLine): boolean {
  return !l.partner_id && !l.amount.trim() && !l.remark.trim()
}

export function accountOpeningBlank(l: AccountOpeningLine): boolean {
  return !l.account_id && !l.amount.trim() && !l.remark.trim()
}

export type OpeningProblem = 'partner' | 'account' | 'amount' | 'rate' | 'precision'

export function partnerOpeningProblem(l: PartnerOpeningLine): OpeningProblem | null {
  if (!l.partner_id) return 'partner'
  const a = dec(l.amount)
  if (!a || a.eq(0)) return 'amount'
  if (tooPrecise(l.amount)) return 'precision'
  if (l.currency && l.currency !== BASE_CURRENCY && l.rate.trim()) {
    const r = dec(l.rate)
    if (!r || r.lte(0)) return 'rate'
  }
  return null
}

export function accountOpeningProblem(l: AccountOpeningLine): OpeningProblem | null {
  if (!l.account_id) return 'account'
  const a = dec(l.amount)
  if (!a || a.eq(0)) return 'amount'
  if (tooPrecise(l.amount)) return 'precision'
  return null
}

export interface OpeningTotals {
  /** Σ 应收 lines in base currency (amount × rate, rounded per line) */
  ar: string
  ap: string
  accounts: string
}

/** Base value of one line: amount × rate rounded half up to the fen (the server rounds once per entry). */
export function baseOf(amount: string, rate: string, currency: string): Big {
  const a = dec(amount) ?? new Big(0)
  const r = currency === BASE_CURRENCY ? new Big(1) : (dec(rate) ?? new Big(0))
  return a.times(r).round(2, Big.roundHalfUp)
}

export function openingTotals(partners: PartnerOpeningLine[], accounts: AccountOpeningLine[]): OpeningTotals {
  let ar = new Big(0)
  let ap = new Big(0)
  for (const l of partners) {
    if (partnerOpeningBlank(l)) continue
    const b = baseOf(l.amount, l.rate, l.currency)
    if (l.side === 'ap') ap = ap.plus(b)
    else ar = ar.plus(b)
  }
  const acc = accounts.reduce<Big>((a, l) => a.plus(dec(l.amount) ?? 0), new Big(0))
  return { ar: ar.toFixed(2), ap: ap.toFixed(2), accounts: acc.toFixed(2) }
}

// ---------- the editor's state and its payload ----------

export interface MoneyHeader {
  business_date: string
  remark: string
  partner_id: number | null
  side: SideOrNone
  account_id: number | null
  to_account_id: number | null
  currency: string
  rate: string
  amount: string
  discount: string
  auto_allocate: boolean
}

export function emptyHeader(def: Pick<MoneyKindDef, 'side'>, today: string): MoneyHeader {
  return {
    business_date: today,
    remark: '',
    partner_id: null,
    side: def.side === 'choose' ? 'ar' : (def.side ?? ''),
    account_id: null,
    to_account_id: null,
    currency: BASE_CURRENCY,
    rate: '1',
    amount: '',
    discount: '',
    auto_allocate: true,
  }
}

export interface MoneyLinesState {
  alloc: AllocLine[]
  pairs: PairLine[]
  categories: CategoryLine[]
  partnerLines: PartnerOpeningLine[]
  accountLines: AccountOpeningLine[]
}

export function emptyLines(): MoneyLinesState {
  return { alloc: [], pairs: [], categories: [newCategoryLine()], partnerLines: [newPartnerOpeningLine()], accountLines: [newAccountOpeningLine()] }
}

const text = (s: string) => s.trim()
const amountText = (s: string) => trimMoney(s.trim())

/** The lines sent for a kind, in order (the server's `lines.N` refers to this order). */
export function linesPayload(def: Pick<MoneyKindDef, 'layout'>, lines: MoneyLinesState): MoneyDocLineWrite[] {
  switch (def.layout) {
    case 'settle':
      return lines.alloc.map((l) => ({ entry_id: l.entry.id, amount: amountText(l.amount), remark: text(l.remark) }))
    case 'pairs':
      return lines.pairs.map((l) => ({ entry_id: l.entry.id, credit_entry_id: l.credit.id, amount: amountText(l.amount), remark: text(l.remark) }))
    case 'categories':
      return lines.categories
        .filter((l) => !categoryBlank(l))
        .map((l) => ({ category_id: l.category_id, amount: amountText(l.amount), remark: text(l.remark) }))
    case 'opening':
      return [
        ...lines.partnerLines
          .filter((l) => !partnerOpeningBlank(l))
          .map((l) => {
            const foreign = l.currency !== BASE_CURRENCY
            const out: MoneyDocLineWrite = {
              partner_id: l.partner_id,
              side: l.side,
              amount: amountText(l.amount),
              currency: l.currency || BASE_CURRENCY,
              due_date: l.due_date || null,
              remark: text(l.remark),
            }
            if (foreign && l.rate.trim()) out.rate = l.rate.trim()
            else if (!foreign) out.rate = '1'
            return out
          }),
        ...lines.accountLines
          .filter((l) => !accountOpeningBlank(l))
          .map((l) => ({ account_id: l.account_id, amount: amountText(l.amount), remark: text(l.remark) })),
      ]
    default:
      return []
  }
}

/** POST/PUT body of a document (PUT adds `version`). */
export function buildPayload(def: Pick<MoneyKindDef, 'layout' | 'side'>, h: MoneyHeader, lines: MoneyLinesState): MoneyDocWrite {
  const body: MoneyDocWrite = { business_date: h.business_date, remark: h.remark.trim(), lines: linesPayload(def, lines) }
  switch (def.layout) {
    case 'settle': {
      body.partner_id = h.partner_id
      body.side = h.side
      body.account_id = h.account_id
      body.currency = h.currency || BASE_CURRENCY
      if (body.currency === BASE_CURRENCY) body.rate = '1'
      else if (h.rate.trim()) body.rate = h.rate.trim()
      body.amount = amountText(h.amount) || '0'
      body.discount = amountText(h.discount) || '0'
      body.auto_allocate = h.auto_allocate
      break
    }
    case 'pairs':
      body.partner_id = h.partner_id
      body.side = h.side
      body.auto_allocate = h.auto_allocate
      break
    case 'transfer':
      body.account_id = h.account_id
      body.to_account_id = h.to_account_id
      body.amount = amountText(h.amount)
      break
    case 'categories':
      body.account_id = h.account_id
      body.partner_id = h.partner_id
      break
    case 'opening':
      break
  }
  return body
}

/** The document's total shown in the footer with its 大写 (null: no single total). */
export function docTotal(def: Pick<MoneyKindDef, 'layout'>, h: MoneyHeader, lines: MoneyLinesState): string | null {
  switch (def.layout) {
    case 'settle':
    case 'transfer':
      return money2(dec(h.amount) ?? new Big(0))
    case 'pairs':
      return sum(lines.pairs.map((l) => l.amount))
    case 'categories':
      return sum(lines.categories.filter((l) => !categoryBlank(l)).map((l) => l.amount))
    default:
      return null
  }
}

// ---------- loading a document into the editor ----------

/** An OpenItem for a line whose entry the server did not embed (keeps the id; shows the number only). */
function itemOr(item: OpenItem | null, id: number | null, doc: MoneyDocRead): OpenItem {
  if (item) return item
  return {
    id: id ?? 0,
    partner_id: doc.partner_id ?? 0,
    side: (doc.side || 'ar') as Side,
    doc_kind: '',
    doc_number: id ? `#${id}` : '',
    business_date: '',
    due_date: null,
    currency: doc.currency,
    amount: '0',
    open_amount: '0',
    base_amount: '0',
  }
}

export function headerFromDoc(d: MoneyDocRead): MoneyHeader {
  return {
    business_date: d.business_date,
    remark: d.remark ?? '',
    partner_id: d.partner_id,
    side: d.side ?? '',
    account_id: d.account_id,
    to_account_id: d.to_account_id,
    currency: d.currency || BASE_CURRENCY,
    rate: trimMoney(d.rate) || '1',
    // as the server writes them (1,234.50 reads better than 1234.5 in a read-only header)
    amount: d.amount,
    discount: dec(d.discount)?.eq(0) ? '' : d.discount,
    auto_allocate: d.auto_allocate,
  }
}

export function linesFromDoc(def: Pick<MoneyKindDef, 'layout'>, d: MoneyDocRead, editable: boolean): MoneyLinesState {
  const s = emptyLines()
  s.categories = []
  s.partnerLines = []
  s.accountLines = []
  const ls = [...d.lines].sort((a, b) => a.line_no - b.line_no)
  const money = (l: MoneyDocLineRead) => trimMoney(l.amount)
  switch (def.layout) {
    case 'settle':
      s.alloc = ls.filter((l) => l.entry_id || l.entry).map((l) => newAllocLine(itemOr(l.entry, l.entry_id, d), money(l), l.remark ?? ''))
      break
    case 'pairs':
      s.pairs = ls.map((l) => newPairLine(itemOr(l.entry, l.entry_id, d), itemOr(l.credit_entry, l.credit_entry_id, d), money(l), l.remark ?? ''))
      break
    case 'categories':
      s.categories = ls.map((l) => newCategoryLine({ category_id: l.category_id, amount: money(l), remark: l.remark ?? '' }))
      break
    case 'opening':
      for (const l of ls) {
        if (l.partner_id) {
          s.partnerLines.push(
            newPartnerOpeningLine({
              partner_id: l.partner_id,
              partner_name: l.partner_name ?? '',
              side: (l.side || 'ar') as Side,
              currency: l.currency || BASE_CURRENCY,
              rate: trimMoney(l.rate) || '1',
              amount: money(l),
              due_date: l.due_date ?? '',
              remark: l.remark ?? '',
            }),
          )
        } else {
          s.accountLines.push(newAccountOpeningLine({ account_id: l.account_id, account_name: l.account_name ?? '', amount: money(l), remark: l.remark ?? '' }))
        }
      }
      break
  }
  if (editable) {
    if (def.layout === 'categories' && !s.categories.some(categoryBlank)) s.categories.push(newCategoryLine())
    if (def.layout === 'opening') {
      if (!s.partnerLines.some(partnerOpeningBlank)) s.partnerLines.push(newPartnerOpeningLine())
      if (!s.accountLines.some(accountOpeningBlank)) s.accountLines.push(newAccountOpeningLine())
    }
  }
  return s
}

// ---------- server errors ----------

export function lineIndexOf(field: string): number | null {
  const m = /^(?:body\.)?lines\.(\d+)(?:\.|$)/.exec(field)
  return m ? Number(m[1]) : null
}

/**
 * problem+json field errors: `lines.N` → messages for the N-th line sent, the rest by header field
 * (`body.` dropped).
 */
export function splitErrors(errors: FieldError[] | undefined): { byIndex: Map<number, string[]>; header: Record<string, string> } {
  const byIndex = new Map<number, string[]>()
  const header: Record<string, string> = {}
  for (const e of errors ?? []) {
    const i = lineIndexOf(e.field)
    if (i !== null) {
      const list = byIndex.get(i) ?? []
      list.push(e.message)
      byIndex.set(i, list)
    } else {
      const f = e.field.replace(/^(body|query|path)\./, '')
      header[f] = header[f] ? `${header[f]}; ${e.message}` : e.message
    }
  }
  return { byIndex, header }
}

/** The keys of the lines sent, in the payload's order (to put `lines.N` errors on their grid line). */
export function sentKeys(def: Pick<MoneyKindDef, 'layout'>, lines: MoneyLinesState): number[] {
  switch (def.layout) {
    case 'settle':
      return lines.alloc.map((l) => l.key)
    case 'pairs':
      return lines.pairs.map((l) => l.key)
    case 'categories':
      return lines.categories.filter((l) => !categoryBlank(l)).map((l) => l.key)
    case 'opening':
      return [...lines.partnerLines.filter((l) => !partnerOpeningBlank(l)).map((l) => l.key), ...lines.accountLines.filter((l) => !accountOpeningBlank(l)).map((l) => l.key)]
    default:
      return []
  }
}

/** `docs` of a reverse_blocked problem (the documents to reverse first). */
export function blockingDocs(problem: unknown): string[] {
  const docs = (problem as { docs?: unknown } | null)?.docs
  return Array.isArray(docs) ? docs.map((d) => (typeof d === 'string' ? d : String((d as { number?: string })?.number ?? d))) : []
}

import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useQueryClient } from '@tanstack/vue-query'
import { exportLinesXlsx, type ExportColumn } from '@/components/document/exportLines'
import { formatDecimal } from '@/utils/money'
import { moneyLookupApi } from '../api'
import type { MoneyKindDef } from '../kinds'
import { BASE_CURRENCY, accountOpeningBlank, categoryBlank, dec, partnerOpeningBlank, type MoneyHeader, type MoneyLinesState } from '../logic'
import type { MoneyDocRead, Side } from '../types'

export type MoneyPrintRow = Record<string, string>
export interface MoneyPrintColumn {
  label: string
  key: string
  align?: 'left' | 'right' | 'center'
}

export interface MoneyDocPrintOptions {
  def: MoneyKindDef
  header: MoneyHeader
  lines: MoneyLinesState
  doc: Ref<MoneyDocRead | null>
  side: Ref<Side>
  foreign: Ref<boolean>
  /** display names of the header's ids, as the editor shows them */
  names: Record<'partner' | 'account' | 'toAccount', Ref<string>>
  /** the workbook's name when the document has no number yet */
  fallbackName: () => string
}

/** What a money document prints (header fields, columns, rows) and exports to Excel, per layout. */
export function useMoneyDocPrint(o: MoneyDocPrintOptions) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const { def, header, lines, names } = o
  const sideText = (s: string) => (s ? t(`finDoc.side.${s}`) : '')
  const money = (s: string | null | undefined) => (s ? formatDecimal(s, 2) : '')

  const printFields = computed(() => {
    const f: { label: string; value: string }[] = [{ label: t('invDoc.field.businessDate'), value: header.business_date }]
    if (def.partner !== 'none' && (header.partner_id || def.partner === 'required')) f.push({ label: t('finDoc.field.partner'), value: names.partner.value })
    if (def.side === 'choose') f.push({ label: t('finDoc.field.side'), value: sideText(header.side) })
    if (def.account) f.push({ label: t(def.layout === 'transfer' ? 'finDoc.field.fromAccount' : 'finDoc.field.account'), value: names.account.value })
    if (def.layout === 'transfer') f.push({ label: t('finDoc.field.toAccount'), value: names.toAccount.value })
    if (def.layout === 'settle') {
      if (o.foreign.value) f.push({ label: t('finDoc.field.currency'), value: `${header.currency} × ${header.rate}` })
      f.push({ label: t(`finDoc.field.amount_${def.kind}`), value: money(header.amount) })
      if (dec(header.discount)?.gt(0)) f.push({ label: t('finDoc.field.discount'), value: money(header.discount) })
    }
    if (header.remark) f.push({ label: t('invDoc.field.remark'), value: header.remark })
    return f
  })

  const layoutColumns = computed<MoneyPrintColumn[]>(() => {
    const r = 'right' as const
    switch (def.layout) {
      case 'settle':
        return [
          { label: t('finDoc.line.docNumber'), key: 'number' },
          { label: t('finDoc.line.docDate'), key: 'date' },
          { label: t('finDoc.line.docAmount'), key: 'docAmount', align: r },
          { label: t('finDoc.line.allocate'), key: 'amount', align: r },
          { label: t('invDoc.line.remark'), key: 'remark' },
        ]
      case 'pairs':
        return [
          { label: t(o.side.value === 'ap' ? 'finDoc.pairs.debitsAp' : 'finDoc.pairs.debitsAr'), key: 'debit' },
          { label: t(o.side.value === 'ap' ? 'finDoc.pairs.creditsAp' : 'finDoc.pairs.creditsAr'), key: 'credit' },
          { label: t('finDoc.field.currency'), key: 'currency' },
          { label: t('finDoc.line.allocate'), key: 'amount', align: r },
          { label: t('invDoc.line.remark'), key: 'remark' },
        ]
      case 'transfer':
        return [
          { label: t('finDoc.field.fromAccount'), key: 'from' },
          { label: t('finDoc.field.toAccount'), key: 'to' },
          { label: t('invDoc.line.amount'), key: 'amount', align: r },
          { label: t('invDoc.line.remark'), key: 'remark' },
        ]
      case 'categories':
        return [
          { label: t('finDoc.line.category'), key: 'category' },
          { label: t('invDoc.line.amount'), key: 'amount', align: r },
          { label: t('invDoc.line.remark'), key: 'remark' },
        ]
      case 'opening':
        return [
          { label: t('finDoc.opening.type'), key: 'type' },
          { label: t('finDoc.opening.target'), key: 'name' },
          { label: t('finDoc.field.side'), key: 'side' },
          { label: t('finDoc.field.currency'), key: 'currency' },
          { label: t('finDoc.field.rate'), key: 'rate', align: r },
          { label: t('invDoc.line.amount'), key: 'amount', align: r },
          { label: t('finDoc.line.dueDate'), key: 'due' },
          { label: t('invDoc.line.remark'), key: 'remark' },
        ]
    }
    return []
  })

  const categoryNames = ref(new Map<number, string>())
  watch(
    () => def.categoryKind,
    async (k) => {
      if (!k) return
      try {
        const list = await queryClient.fetchQuery({ queryKey: ['money-categories', k], queryFn: () => moneyLookupApi.categories(k), staleTime: 60_000 })
        categoryNames.value = new Map(list.map((c) => [c.id, c.name]))
      } catch {
        /* names stay empty in the printout */
      }
    },
    { immediate: true },
  )

  const layoutRows = computed<MoneyPrintRow[]>(() => {
    switch (def.layout) {
      case 'settle':
        return lines.alloc.map((l) => ({
          number: l.entry.doc_number,
          date: l.entry.business_date,
          docAmount: money(l.entry.amount),
          amount: money(l.amount),
          remark: l.remark,
        }))
      case 'pairs':
        return lines.pairs.map((l) => ({ debit: l.entry.doc_number, credit: l.credit.doc_number, currency: l.entry.currency, amount: money(l.amount), remark: l.remark }))
      case 'transfer':
        return [{ from: names.account.value, to: names.toAccount.value, amount: money(header.amount), remark: header.remark }]
      case 'categories':
        return lines.categories
          .filter((l) => !categoryBlank(l))
          .map((l) => ({ category: categoryNames.value.get(l.category_id ?? 0) ?? '', amount: money(l.amount), remark: l.remark }))
      case 'opening': {
        const doneAccountNames = new Map((o.doc.value?.lines ?? []).filter((l) => l.account_id).map((l) => [l.account_id, l.account_name ?? '']))
        return [
          ...lines.partnerLines
            .filter((l) => !partnerOpeningBlank(l))
            .map((l) => ({
              type: t('finDoc.opening.typePartner'),
              name: l.partner_name,
              side: sideText(l.side),
              currency: l.currency,
              rate: l.currency === BASE_CURRENCY ? '1' : l.rate,
              amount: money(l.amount),
              due: l.due_date,
              remark: l.remark,
            })),
          ...lines.accountLines
            .filter((l) => !accountOpeningBlank(l))
            .map((l) => ({
              type: t('finDoc.opening.typeAccount'),
              name: l.account_name || doneAccountNames.get(l.account_id) || '',
              side: '',
              currency: BASE_CURRENCY,
              rate: '1',
              amount: money(l.amount),
              due: '',
              remark: l.remark,
            })),
        ]
      }
    }
    return []
  })

  function doExport() {
    const numeric = new Set(['amount', 'docAmount', 'rate'])
    const cols: ExportColumn<MoneyPrintRow>[] = layoutColumns.value.map((c) => ({
      label: c.label,
      width: c.key === 'remark' ? 24 : 16,
      value: (r: MoneyPrintRow) => {
        const v = r[c.key] ?? ''
        const b = numeric.has(c.key) ? dec(v) : null
        return b ? { number: b.toString() } : v
      },
    }))
    exportLinesXlsx(o.doc.value?.number || o.fallbackName(), t('invDoc.export.sheet'), cols, layoutRows.value)
  }

  return { printFields, layoutColumns, layoutRows, doExport }
}

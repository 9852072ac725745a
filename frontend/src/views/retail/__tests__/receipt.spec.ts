import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import ReceiptPaper from '../parts/ReceiptPaper.vue'
import { pageRule, printReceipt, receiptModel } from '../receipt'
import { ticket } from './fixtures'

// The receipt: the server's receipt block (with each line's promotion text) on a 58 or 80 mm roll, and the
// browser print that sets the roll's page size for that print only.
afterEach(() => {
  document.body.innerHTML = ''
  document.head.querySelectorAll('style[data-ret-print]').forEach((s) => s.remove())
  vi.restoreAllMocks()
})

describe('receipt', () => {
  it('builds the receipt from the server block: promotions saved apart from the ticket discount', () => {
    const m = receiptModel(ticket())
    expect(m.company).toBe('Demo Mart')
    expect(m.lines.map((l) => [l.name, l.qty, l.promotion])).toEqual([
      ['Cola', '2btl', 'Spring 20% off'],
      ['Chips', '1bag', ''],
    ])
    expect(m).toMatchObject({ qty: '3', listAmount: '13.80', saved: '1.40', discount: '0.40', total: '12.00', tendered: '100.00', change: '88.00' })
    expect(m.payments).toEqual([{ name: 'Cash box', amount: '12.00' }])
  })

  it('prints the promotion text per line on the chosen roll width', () => {
    i18n.global.locale.value = 'en'
    const w = mount(ReceiptPaper, { props: { ticket: ticket(), width: '58' }, global: { plugins: [i18n] } })
    const r = w.find('[data-testid="ret-receipt"]')
    expect(r.classes()).toContain('w58')
    expect(w.find('[data-testid="ret-receipt-promo-0"]').text()).toContain('Spring 20% off')
    expect(w.find('[data-testid="ret-receipt-promo-1"]').exists()).toBe(false)
    expect(w.find('[data-testid="ret-receipt-change"]').text()).toBe('88.00')
    expect(w.find('[data-testid="ret-receipt-total"]').text()).toBe('12.00')
    expect(r.text()).toContain('Sales receipt')
    w.unmount()
    i18n.global.locale.value = 'zh-CN'
  })

  it('a print copy is teleported to the body only while printing is possible', async () => {
    const w = mount(ReceiptPaper, { props: { ticket: ticket(), width: '80', print: true }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(document.body.querySelectorAll('.ret-receipt-print.w80')).toHaveLength(1)
    await w.setProps({ print: false })
    expect(document.body.querySelectorAll('.ret-receipt-print')).toHaveLength(0)
    w.unmount()
  })

  it('sets the page size for the print, then removes it', async () => {
    const print = vi.fn()
    vi.stubGlobal('print', print)
    window.print = print
    expect(pageRule('58')).toBe('@page { size: 58mm auto; margin: 0; }')
    await printReceipt('58')
    expect(print).toHaveBeenCalledTimes(1)
    expect(document.body.classList.contains('ret-printing')).toBe(true)
    expect(document.head.querySelector('style[data-ret-print]')?.textContent).toContain('58mm')
    window.dispatchEvent(new Event('afterprint'))
    expect(document.body.classList.contains('ret-printing')).toBe(false)
    expect(document.head.querySelector('style[data-ret-print]')).toBeNull()
    vi.unstubAllGlobals()
  })
})

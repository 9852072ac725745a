import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'

// Every source file's text (Vite raw import); tests and generated .d.ts excluded.
const sources = Object.entries(
  import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.d.ts', '!../__tests__/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
)

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('i18n', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = keys(zhCN).sort()
    const e = keys(en).sort()
    expect(zh.filter((k) => !e.includes(k)), 'keys missing in en.ts').toEqual([])
    expect(e.filter((k) => !zh.includes(k)), 'keys missing in zh-CN.ts').toEqual([])
  })

  it('no message is empty', () => {
    for (const [name, msgs] of [
      ['zh-CN', zhCN],
      ['en', en],
    ] as const) {
      for (const k of keys(msgs)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], msgs)
        expect(typeof v === 'string' && v.length > 0, `${name}: ${k}`).toBe(true)
      }
    }
  })

  it('every t("…") / titleKey / labelKey used in the source exists', () => {
    expect(sources.length).toBeGreaterThan(10)
    const known = new Set(keys(zhCN))
    const missing: string[] = []
    for (const [f, src] of sources) {
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!known.has(m[1])) missing.push(`${f}: ${m[1]}`)
      for (const m of src.matchAll(/(?:titleKey|labelKey):\s*'([a-zA-Z0-9_.]+)'/g))
        if (!known.has(m[1])) missing.push(`${f}: ${m[1]}`)
    }
    expect(missing).toEqual([])
  })

  it('components contain no hard-coded Chinese', () => {
    const offenders: string[] = []
    for (const [p, src] of sources) {
      if (p.startsWith('../i18n/')) continue
      // comments may explain Chinese terms; strip them before checking
      const code = src
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1')
        .replace(/<!--[\s\S]*?-->/g, '')
      if (/[\u4e00-\u9fff]/.test(code)) offenders.push(p)
    }
    expect(offenders).toEqual([])
  })
})

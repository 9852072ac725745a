import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RouteLocationNormalized } from 'vue-router'

export interface Tab {
  /** route name — also the keep-alive component name */
  name: string
  fullPath: string
  titleKey: string
}

export const useTabsStore = defineStore('tabs', () => {
  const tabs = ref<Tab[]>([])
  /** Component names kept alive — exactly the open tabs. */
  const cached = computed(() => tabs.value.map((t) => t.name))

  function open(route: RouteLocationNormalized) {
    const name = typeof route.name === 'string' ? route.name : ''
    if (!name || !route.meta.titleKey || route.meta.tab === false) return
    const existing = tabs.value.find((t) => t.name === name)
    if (existing) existing.fullPath = route.fullPath
    else tabs.value.push({ name, fullPath: route.fullPath, titleKey: route.meta.titleKey })
  }

  /** Removes a tab; returns the tab to show next when the removed one was active. */
  function close(name: string): Tab | undefined {
    const i = tabs.value.findIndex((t) => t.name === name)
    if (i < 0) return undefined
    tabs.value.splice(i, 1)
    return tabs.value[i] ?? tabs.value[i - 1]
  }

  function closeOthers(name: string) {
    tabs.value = tabs.value.filter((t) => t.name === name)
  }

  function closeAll() {
    tabs.value = []
  }

  return { tabs, cached, open, close, closeOthers, closeAll }
})

import { computed, ref, type Ref } from 'vue'
import { useQuery } from '@tanstack/vue-query'
import { usersApi } from '@/api'
import { salesApi } from '../api'
import type { SalesDocRead } from '../types'

export interface SalesHeaderOptionsInput {
  header: { channel_id: number | null }
  doc: Ref<SalesDocRead | null>
}

/**
 * The choices of a sales editor's 销售渠道 and 业务员. An inactive channel or a user no longer listed stays
 * offered while the document names it, so a saved document still shows (and prints) its own.
 */
export function useSalesHeaderOptions(o: SalesHeaderOptionsInput) {
  const { header, doc } = o
  const channelsQuery = useQuery({ queryKey: ['sales-channels'], queryFn: salesApi.channels, staleTime: 60_000 })
  const channelOptions = computed(() => {
    const list = (channelsQuery.data.value ?? []).filter((c) => c.is_active || c.id === header.channel_id)
    if (doc.value?.channel_id && !list.some((c) => c.id === doc.value!.channel_id)) list.unshift({ id: doc.value.channel_id, name: doc.value.channel_name ?? '', sort_order: 0, is_active: false })
    return list
  })
  const users = ref<{ id: number; name: string }[]>([])
  async function loadUsers() {
    try {
      const page = await usersApi.list({ page: 1, page_size: 200 }, true)
      users.value = page.items.map((u) => ({ id: u.id, name: u.display_name || u.username }))
    } catch {
      users.value = []
    }
  }
  void loadUsers()
  const salespersonOptions = computed(() => {
    const list = [...users.value]
    if (doc.value?.salesperson_id && !list.some((b) => b.id === doc.value!.salesperson_id)) list.unshift({ id: doc.value.salesperson_id, name: doc.value.salesperson_name ?? '' })
    return list
  })
  return { channelOptions, salespersonOptions }
}

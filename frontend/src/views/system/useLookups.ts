// Shared look-ups for system pages (roles and warehouses for pickers and filters).
// They are fetched quietly: without the permission the picker is simply empty.
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { useQuery } from '@tanstack/vue-query'
import { rolesApi, usersApi, warehousesApi } from '@/api'
import { useAuthStore } from '@/stores/auth'

export function useRoleOptions(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['roles', 'options'],
    queryFn: () => rolesApi.list({ page: 1, page_size: 200, sort: 'name' }, true).then((p) => p.items),
    enabled: computed(() => toValue(enabled) && auth.can('system.role.view')),
  })
}

export function useWarehouseOptions(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['warehouses', 'options'],
    queryFn: () => warehousesApi.list({ page: 1, page_size: 200 }, true).then((p) => p.items),
    enabled: computed(() => toValue(enabled) && auth.can('warehouse.view')),
  })
}

export function useUserOptions(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: () => usersApi.list({ page: 1, page_size: 200, sort: 'username' }, true).then((p) => p.items),
    enabled: computed(() => toValue(enabled) && auth.can('system.user.view')),
  })
}

// Cached look-ups of master data for editors, filters and pickers (vue-query; invalidate by key).
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { useQuery } from '@tanstack/vue-query'
import { categoriesApi, priceLevelsApi, unitsApi, warehousesApi } from '@/api'
import { useAuthStore } from '@/stores/auth'

const CATALOG_VIEW = ['catalog.product.view', 'catalog.unit.manage', 'catalog.price_level.manage', 'catalog.category.manage']

export function useUnits(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['units'],
    queryFn: () => unitsApi.list(true),
    enabled: computed(() => toValue(enabled) && auth.can(CATALOG_VIEW)),
  })
}

export function usePriceLevels(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['price-levels'],
    queryFn: () => priceLevelsApi.list(true),
    enabled: computed(() => toValue(enabled) && auth.can([...CATALOG_VIEW, 'partner.view'])),
  })
}

export function useCategoryTree(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => categoriesApi.tree(true),
    enabled: computed(() => toValue(enabled) && auth.can(CATALOG_VIEW)),
  })
}

/** Active and inactive warehouses the user may see (its scope applies on the server). */
export function useWarehouseList(enabled: MaybeRefOrGetter<boolean> = true) {
  const auth = useAuthStore()
  return useQuery({
    queryKey: ['warehouses', 'options', 'full'],
    queryFn: () => warehousesApi.list({ page: 1, page_size: 200, sort: 'code' }, true).then((p) => p.items),
    enabled: computed(() => toValue(enabled) && auth.can('warehouse.view')),
  })
}

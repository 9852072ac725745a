import type { Directive } from 'vue'
import { useAuthStore } from '@/stores/auth'

/**
 * `v-perm="'system.user.create'"` (or an array: any of) removes the element when the
 * signed-in user lacks the permission.
 */
export const vPerm: Directive<HTMLElement, string | string[]> = {
  mounted(el, binding) {
    const auth = useAuthStore()
    if (!auth.can(binding.value)) el.parentNode?.removeChild(el)
  },
}

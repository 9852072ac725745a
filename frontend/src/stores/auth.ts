import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi } from '@/api'
import { ApiError } from '@/api/http'
import type { Me } from '@/api/types'
import { hasPerm } from '@/utils/perm'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const csrfToken = ref('')
  /** True once we know whether a session exists (after the first /auth/me). */
  const checked = ref(false)

  const loggedIn = computed(() => me.value !== null)

  function setMe(m: Me, token?: string) {
    me.value = m
    csrfToken.value = token ?? m.csrf_token ?? csrfToken.value
  }

  function clear() {
    me.value = null
    csrfToken.value = ''
  }

  /** Loads the session after a page reload; a 401 just means "signed out". */
  async function fetchMe(): Promise<Me | null> {
    try {
      setMe(await authApi.me({ skipAuthRedirect: true }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) clear()
      else throw e
    } finally {
      checked.value = true
    }
    return me.value
  }

  async function login(username: string, password: string) {
    const res = await authApi.login(username, password)
    setMe(res.user, res.csrf_token)
    checked.value = true
  }

  async function logout() {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  async function switchCompany(companyId: number) {
    setMe(await authApi.switchCompany(companyId))
  }

  function can(code?: string | readonly string[] | null): boolean {
    return hasPerm(me.value, code)
  }

  return { me, csrfToken, checked, loggedIn, setMe, clear, fetchMe, login, logout, switchCompany, can }
})

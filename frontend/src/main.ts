import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { VueQueryPlugin } from '@tanstack/vue-query'
import App from './App.vue'
import { router } from './router'
import { i18n, currentLocale, t } from './i18n'
import { configureHttp } from './api/http'
import { useAuthStore } from './stores/auth'
import { useTabsStore } from './stores/tabs'
import { queryClient } from './queryClient'
import { vPerm } from './directives/perm'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(VueQueryPlugin, { queryClient })
app.directive('perm', vPerm)

const auth = useAuthStore(pinia)
configureHttp({
  locale: () => currentLocale(),
  csrfToken: () => auth.csrfToken,
  networkErrorText: () => t('errors.network'),
  onUnauthorized: () => {
    auth.clear()
    useTabsStore(pinia).closeAll()
    queryClient.clear()
    const current = router.currentRoute.value
    if (current.name !== 'Login') {
      router.replace({ path: '/login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    }
  },
  onForbidden: (problem) => {
    ElMessage.error(problem.detail || problem.title || 'Forbidden')
  },
})

app.use(router)
document.documentElement.lang = currentLocale()
router.isReady().then(() => app.mount('#app'))

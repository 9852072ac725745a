import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { appRoutes } from './routes'
import { buildMenu, firstAllowedPath, type MenuRoute } from './menu'

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'Login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true },
  },
  {
    // 对账单 shared through a link: no login, outside the app shell (issue 5)
    path: '/s/:token',
    name: 'PublicStatement',
    component: () => import('@/views/public/PublicStatementView.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'Start', redirect: () => startPath() },
      {
        path: 'no-access',
        name: 'NoAccess',
        component: () => import('@/views/NoAccessView.vue'),
        meta: { tab: false },
      },
      ...appRoutes,
      {
        path: ':pathMatch(.*)*',
        name: 'NotFound',
        component: () => import('@/views/NotFoundView.vue'),
        meta: { tab: false },
      },
    ],
  },
]

export function menuFor(can: (perm?: string | string[]) => boolean) {
  return buildMenu(appRoutes as MenuRoute[], can).map((g) => ({
    ...g,
    items: g.items.map((i) => ({ ...i, path: `/${i.path.replace(/^\//, '')}` })),
  }))
}

function startPath(): string {
  const auth = useAuthStore()
  const declared = (appRoutes as MenuRoute[]).map((r) => `/${r.path.replace(/^\//, '')}`)
  return firstAllowedPath(menuFor(auth.can), declared) ?? '/no-access'
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) {
    try {
      await auth.fetchMe()
    } catch {
      /* network or server error: treat as signed out, the login page will show the error */
    }
  }
  if (to.meta.public) {
    if (to.name === 'Login' && auth.loggedIn) return { path: (to.query.redirect as string) || '/' }
    return true
  }
  if (!auth.loggedIn) {
    // "/" has already been redirected to a start page computed while signed out: don't keep that one.
    const keep = to.fullPath !== '/' && to.name !== 'NoAccess'
    return { path: '/login', query: keep ? { redirect: to.fullPath } : {} }
  }
  if (to.name === 'NoAccess') {
    const start = startPath()
    if (start !== '/no-access') return { path: start }
  }
  if (to.meta.perm && !auth.can(to.meta.perm)) return { path: '/' }
  return true
})

import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (menu item and tab) */
    titleKey?: string
    /** permission code needed to see and open the page (an array: any of them) */
    perm?: string | string[]
    /** icon name from src/layout/icons.ts */
    icon?: string
    /** menu module key (see MODULES in src/router/menu.ts) */
    module?: string
    /** route needs no sign-in */
    public?: boolean
    /** open as a tab (default true for pages with a module) */
    tab?: boolean
  }
}

import { onBeforeUnmount, ref } from 'vue'
import { isMobileWidth, MOBILE_MAX_WIDTH } from './logic'

/** True on a phone-sized screen (follows the window when it is resized or rotated). */
export function useIsMobile() {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(`(max-width: ${MOBILE_MAX_WIDTH}px)`) : null
  const mobile = ref(query ? query.matches : typeof window !== 'undefined' && isMobileWidth(window.innerWidth))
  const onChange = (e: MediaQueryListEvent) => (mobile.value = e.matches)
  query?.addEventListener?.('change', onChange)
  onBeforeUnmount(() => query?.removeEventListener?.('change', onChange))
  return mobile
}

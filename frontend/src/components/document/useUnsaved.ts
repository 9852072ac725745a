import { computed, ref, type Ref } from 'vue'

/**
 * Dirty tracking by snapshot: `mark()` after loading or saving records the current payload; `dirty`
 * is true while the payload differs.
 */
export function useUnsavedSnapshot(payload: () => unknown): { dirty: Ref<boolean>; mark: () => void } {
  const snap = ref('')
  const current = computed(() => JSON.stringify(payload()))
  const dirty = computed(() => snap.value !== '' && current.value !== snap.value)
  function mark() {
    snap.value = JSON.stringify(payload())
  }
  return { dirty: dirty as unknown as Ref<boolean>, mark }
}

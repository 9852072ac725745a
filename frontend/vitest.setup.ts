import { afterEach } from 'vitest'

// A receipt print cleans up on 'afterprint', with a timer as the fallback. happy-dom never fires the event,
// and a timer that fires after a file's DOM is torn down fails the whole run ("document is not defined").
afterEach(() => {
  window.dispatchEvent(new Event('afterprint'))
})

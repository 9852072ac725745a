export { default as ImportDialog } from './ImportDialog.vue'

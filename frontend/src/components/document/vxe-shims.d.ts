// Types for the deep ESM imports of vxe-table (see vxe.ts); the package only types its root entry.
declare module 'vxe-table/es/table/index.js' {
  export const VxeTable: typeof import('vxe-table').VxeTable
}
declare module 'vxe-table/es/column/index.js' {
  export const VxeColumn: typeof import('vxe-table').VxeColumn
}

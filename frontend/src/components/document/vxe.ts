// vxe-table, imported on demand: only the table and column components (no grid/toolbar, no vxe-pc-ui
// widgets), their CSS and the theme variables. Only the line grid uses it, so it lands in the editor chunk.
import { VxeTable as Table } from 'vxe-table/es/table/index.js'
import { VxeColumn as Column } from 'vxe-table/es/column/index.js'
import 'vxe-table/es/table/style.css'
import './vxe-vars.css'

export const VxeTable = Table
export const VxeColumn = Column

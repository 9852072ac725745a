// Icons that route meta and MODULES may name. Keep the set explicit so bundles stay small.
import {
  Box,
  DataAnalysis,
  Document,
  Files,
  HomeFilled,
  Lock,
  OfficeBuilding,
  Sell,
  Setting,
  Shop,
  ShoppingCart,
  User,
  Wallet,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'

export const icons: Record<string, Component> = {
  Box,
  DataAnalysis,
  Document,
  Files,
  HomeFilled,
  Lock,
  OfficeBuilding,
  Sell,
  Setting,
  Shop,
  ShoppingCart,
  User,
  Wallet,
}

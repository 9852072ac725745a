import { mergeConfig, defineConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.spec.ts'],
      // Element Plus ships CSS side-effect imports; let Vite process them.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)

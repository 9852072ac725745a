import { mergeConfig, defineConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.spec.ts'],
      setupFiles: ['./vitest.setup.ts'],
      // Mounting an editor with Element Plus takes over 5 s (the default) when both cores are busy.
      testTimeout: 20_000,
      // Element Plus ships CSS side-effect imports; let Vite process them.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)

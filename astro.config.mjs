// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';

const port = Number(process.env.PORT ?? 4321);

export default defineConfig({
  site: 'https://layerlab.dev',
  trailingSlash: 'always',
  integrations: [mdx(), preact()],
  server: { host: '127.0.0.1', port },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
    },
  },
  vite: {
    worker: { format: 'es' },
  },
});

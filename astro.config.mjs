// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { fileURLToPath } from 'node:url';
import { rehypeRunnableCode } from './src/markdown/runnable-code.ts';

const port = Number(process.env.PORT ?? 4321);

/** The shell interpreter's browser build imports node:zlib for gzip and tar; in the worker it gets a small fflate-based stand-in. */
const nodeZlibInWorker = {
  name: 'layerlab:node-zlib',
  enforce: /** @type {const} */ ('pre'),
  resolveId: (/** @type {string} */ id) => (id === 'node:zlib' ? fileURLToPath(new URL('./src/terminal/node-zlib.ts', import.meta.url)) : null),
};

export default defineConfig({
  site: 'https://layerlab.dev',
  trailingSlash: 'always',
  integrations: [mdx(), preact()],
  server: { host: '127.0.0.1', port },
  markdown: {
    // Runs after Shiki: shell blocks get Run and Copy (MDX takes this config too).
    rehypePlugins: [rehypeRunnableCode],
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
    },
  },
  vite: {
    worker: { format: 'es', plugins: () => [nodeZlibInWorker] },
  },
});

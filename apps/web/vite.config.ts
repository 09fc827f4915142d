import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the Parley server: assets under /static/ (as Mattermost's web app), index.html for every
// client-side route. `npm run dev` proxies the API and websocket to a server on :8065.
export default defineConfig({
  base: '/static/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: { '/api': { target: 'http://localhost:8065', ws: true, changeOrigin: false } },
  },
});

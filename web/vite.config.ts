import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The same settings the gateway itself reads (see the API contract).
const gateway = `http://${process.env.GATEWAY_HOST ?? "127.0.0.1"}:${process.env.GATEWAY_PORT ?? "8000"}`;

export default defineConfig({
  base: "/",
  plugins: [react()],
  server: {
    proxy: {
      "/api": {
        target: gateway,
        changeOrigin: true,
        // The gateway refuses cookie-authenticated writes from another origin;
        // the dev server is a stand-in for the gateway's own origin.
        configure: (proxy) => {
          proxy.on("proxyReq", (proxyReq) => {
            if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", gateway);
          });
        },
      },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});

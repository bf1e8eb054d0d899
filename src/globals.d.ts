// Build-time constants injected by Vite (vite.config.ts `define`).
declare const __LOUPE_VERSION__: string;

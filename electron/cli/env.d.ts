/** The app's version from package.json, put in by vite.cli.config.ts at build time. */
declare const __APP_VERSION__: string

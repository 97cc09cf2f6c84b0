/** The app's version, put in from package.json by vite.cli.config.ts (`0.0.0-dev` when run unbundled). */
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev'

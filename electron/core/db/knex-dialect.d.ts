// knex ships no types for its dialect modules; we only subclass this one to swap its driver.
declare module 'knex/lib/dialects/better-sqlite3/index.js' {
  import type { Knex } from 'knex'
  const Client_BetterSQLite3: typeof Knex.Client
  export default Client_BetterSQLite3
}

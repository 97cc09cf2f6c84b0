// Migration 0024: the incident details the policies name (electron/core/incidents/migrations/).
import { describe, expect } from 'vitest'
import { KCSIE_2025_CATEGORIES } from '../../../shared/domain/incidents'
import { MigrationBench, migrationTest, numberOf } from './migration-bench'
import { AT, publicKey, writeIncident, writeSchool, writeStaffAccounts } from './rows-of-the-time'

describe('migration 0024', () => {
  migrationTest(
    '0024-incident-details',
    'adds the categories’ questions and how a concern came to light, leaves every incident record as it was, and adds the KCSIE 2025 categories switched off',
    async (bench) => {
      const { db } = bench
      const { manager } = await writeStaffAccounts(db)
      const [keyId] = (await db('signing_keys').insert({ user_id: manager, public_key: publicKey(), created_at: AT })) as number[]
      const first = await writeIncident(db, { reference: 'INC-2026-0001', recorder: manager, keyId: keyId!, people: [] })
      const firstHash = (await db('incident_records').where({ id: first.record }).first('hash'))!.hash
      await writeIncident(db, { reference: 'INC-2026-0002', recorder: manager, keyId: keyId!, people: [], prevHash: firstHash })
      // A school that had made its own category for AI keeps it, under its own settings.
      await db('incident_categories').insert({ name: 'GENERATIVE AI MISUSE', steps: JSON.stringify(['dsl-informed']), created_at: AT })
      const records = await db('incident_records').orderBy('id')

      const { schema, addedRows } = await bench.migrateNext()
      expect(schema).toEqual({
        added: [],
        removed: [],
        changed: ['table incident_categories', 'table incidents'],
        addedColumns: {
          incident_categories: ["asks TEXT NOT NULL DEFAULT '[]'", 'origin TEXT'],
          incidents: ['came_to_light TEXT'],
        },
        removedColumns: {},
      })
      // The signed records, byte for byte (tests/integration/incident-details.test.ts upgrades a register
      // with real signatures and chains and checks they verify); the incidents say nothing about how they came to light.
      expect(await db('incident_records').orderBy('id')).toEqual(records)
      expect(await db('incidents').pluck('came_to_light')).toEqual([null, null])
      await expect(db('incidents').where({ id: first.incident }).update({ came_to_light: 'rumour' as never })).rejects.toThrow(/CHECK constraint failed/)

      const categories = (await db('incident_categories').orderBy('id').select('name', 'asks', 'origin', 'retired_at')) as { name: string; asks: string; origin: string | null; retired_at: string | null }[]
      const asks = Object.fromEntries(categories.map((c) => [c.name, JSON.parse(c.asks) as string[]]))
      expect(asks['Filtering breach']).toEqual(['url'])
      expect(asks['Youth-produced sexual imagery (nudes and semi-nudes)']).toEqual(['image-viewing'])
      expect(asks['Indecent images of children']).toEqual(['image-viewing'])
      expect(asks['Cyberbullying']).toEqual([])
      expect(asks['GENERATIVE AI MISUSE']).toEqual([])
      // An older register's procedures are left as they were (a new step would be a "to do" on every open entry).
      expect(await db('incident_categories').where('steps', 'like', '%cse-team%').count({ n: '*' })).toEqual([{ n: 0 }])
      // Two added (the school's own AI category stands for the third), both switched off.
      expect(addedRows['incident_categories']!.map((r) => [r['name'], r['origin'], typeof r['retired_at']])).toEqual([
        ['Scams, gambling and commerce', 'kcsie-2025', 'string'],
        ['Mis- and disinformation and conspiracy theories', 'kcsie-2025', 'string'],
      ])
      expect(Object.keys(addedRows)).toEqual(['incident_categories'])

      // A register being set up (no school yet) starts with them on.
      const fresh = MigrationBench.create()
      try {
        await fresh.migrateTo(numberOf('0024-incident-details') - 1)
        const seeded = await fresh.db('incident_categories').orderBy('id').select('id', 'name', 'steps')
        // Not migrateNext (which holds every row to what it was): with no school yet, the register
        // holds only what the migrations seeded, and one seeded row changes on purpose.
        await fresh.migrateTo(numberOf('0024-incident-details'))
        const reseeded = await fresh.db('incident_categories').whereIn('id', seeded.map((c) => c.id)).orderBy('id').select('id', 'name', 'steps')
        expect(reseeded.filter((c, i) => c.steps !== seeded[i]!.steps).map((c) => c.name)).toEqual(['Online child sexual abuse or exploitation (incl. criminal exploitation)'])
        const added = await fresh.db('incident_categories').whereNotNull('origin').orderBy('id').select('name', 'retired_at', 'asks')
        expect(added).toEqual(KCSIE_2025_CATEGORIES.map((c) => ({ name: c.name, retired_at: null, asks: JSON.stringify(c.asks) })))
        const exploitation = await fresh.db('incident_categories').where('name', 'like', 'Online child sexual abuse%').first('steps')
        expect(JSON.parse(exploitation!.steps)).toEqual(['dsl-informed', 'device-secured', 'social-work', 'police', 'ceop', 'cse-team', 'risk-assessment', 'parents-informed', 'support-offered', 'handling-reviewed'])
        await writeSchool(fresh.db)
      } finally {
        await fresh.close()
      }
    },
  )
})

import type { Knex } from 'knex'
import { CAME_TO_LIGHT, KCSIE_2025_CATEGORIES } from '../../../../shared/domain/incidents'
import type { Migration } from '../../db/migrations/index'

/**
 * The incident details the policies name: which questions a category's form asks (the web
 * address for a filtering breach; who viewed an image for sexual imagery), how a concern came to
 * light (a plain column beside category and status, so the annual pack can count it), and the
 * categories KCSIE 2025 added.
 *
 * No signed record is touched: entries recorded before keep their bodies byte for byte, and their
 * rows' new column stays empty, which is what their records say.
 */
const CSE_CATEGORY = 'Online child sexual abuse or exploitation (incl. criminal exploitation)'

export const incidentDetails: Migration = {
  name: '0024-incident-details',
  async up(knex: Knex) {
    // ADD COLUMN leaves the tables in place (no rebuild, so no cascade from incidents to its children).
    await knex.raw("ALTER TABLE incident_categories ADD COLUMN asks TEXT NOT NULL DEFAULT '[]'")
    await knex.raw('ALTER TABLE incident_categories ADD COLUMN origin TEXT')
    await knex.raw(`ALTER TABLE incidents ADD COLUMN came_to_light TEXT CHECK (came_to_light IN (${CAME_TO_LIGHT.map((c) => `'${c}'`).join(', ')}))`)

    // The register's own filtering breach asks for the address; every category that refuses
    // copies of images asks who viewed one. A category the school renamed or added is left to
    // the business manager to set.
    await knex('incident_categories').whereRaw("name = 'Filtering breach' COLLATE NOCASE").update({ asks: JSON.stringify(['url']) })
    await knex('incident_categories').where({ no_files: 1 }).update({ asks: JSON.stringify(['image-viewing']) })

    // A register being set up now has no school yet: it starts with the new categories on. One
    // made before gets them switched off, so its log and its category list's choices stay as the
    // school left them until the business manager switches them on.
    const settingUp = !(await knex('school').first('id'))
    const at = new Date().toISOString()
    // A new register's exploitation procedure names the Child Sexual Exploitation Team after CEOP.
    // An older register's procedures stay as the school left them: a new step would add a "to do"
    // to every open entry; the business manager adds it under Incident categories.
    if (settingUp) {
      const exploitation = await knex('incident_categories').where({ name: CSE_CATEGORY }).first('id', 'steps')
      if (exploitation) {
        const steps = JSON.parse(exploitation.steps) as string[]
        if (!steps.includes('cse-team')) steps.splice(steps.includes('ceop') ? steps.indexOf('ceop') + 1 : steps.length, 0, 'cse-team')
        await knex('incident_categories').where({ id: exploitation.id }).update({ steps: JSON.stringify(steps) })
      }
    }
    for (const c of KCSIE_2025_CATEGORIES) {
      // A school that already made a category of that name keeps its own.
      if (await knex('incident_categories').whereRaw('name = ? COLLATE NOCASE', [c.name]).first('id')) continue
      await knex('incident_categories').insert({
        name: c.name,
        steps: JSON.stringify(c.steps),
        no_files: c.noFiles ? 1 : 0,
        ict: c.ict ? 1 : 0,
        asks: JSON.stringify(c.asks),
        origin: 'kcsie-2025',
        retired_at: settingUp ? null : at,
        created_at: at,
      })
    }
  },
}

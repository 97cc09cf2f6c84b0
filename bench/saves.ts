// Saving each kind of record on the large school: the change, its audit entry (and for an
// incident its signed record) in one transaction, through core.call as the window saves it.
import type { Core } from '../electron/core/core'
import { demoSignaturePng } from '../electron/core/people/demo-signature'
import { call, median, ms, percentile, round, rows, say } from './table'

const SECTION = 'Saves, large school (the record, its audit entry, and for incidents its signature)'
const SAVES = 30
const TARGET_MS = 50
const SIGNATURE = `data:image/png;base64,${demoSignaturePng(7).toString('base64')}`

type Save = (i: number) => Promise<void>

interface Kind {
  name: string
  /** Prepares what the saves need (not timed); returns one save per call. */
  prepare: () => Promise<Save>
  /** For a kind made of two calls: the first one's times, for the note. */
  parts?: Record<string, number[]>
}

const today = () => new Date().toISOString().slice(0, 10)

export async function benchSaves(core: Core): Promise<{ onSite: number }> {
  const { db } = core.store.requireOpen()
  const newPupils: number[] = []
  const visitParts: Record<string, number[]> = { 'visitors.register': [], 'visits.signIn': [] }
  let onSite = 0

  const kinds: Kind[] = [
    {
      name: 'people.create (a pupil)',
      prepare: async () => async (i) => {
        const p = await call<{ id: number }>(core, 'people.create', { kind: 'pupil', forename: `Siôn ${i}`, surname: 'O’Neill-Bench', dateOfBirth: '2013-05-04', yearGroup: '7', regClass: '7B' })
        newPupils.push(p.id)
      },
    },
    {
      name: 'visitors.register + visits.signIn',
      parts: visitParts,
      prepare: async () => async (i) => {
        let t = process.hrtime.bigint()
        const v = await call<{ id: number }>(core, 'visitors.register', { kind: 'visitor', forename: `Zoë ${i}`, surname: 'Łukasiewicz', organisation: 'County Council', dbs: { status: 'not-needed' } })
        visitParts['visitors.register']!.push(ms(t))
        t = process.hrtime.bigint()
        await call(core, 'visits.signIn', { personId: v.id, purpose: 'Meeting about the new timetable', hostName: 'Mrs Davies', usesIct: false })
        visitParts['visits.signIn']!.push(ms(t))
        onSite += 1
      },
    },
    {
      name: 'agreements.record (on screen, with a drawn signature)',
      prepare: async () => {
        const versions = await call<{ id: number; currentFor: string[] }[]>(core, 'aup.versions', { audience: 'pupils-ks3-5' })
        const current = versions.find((v) => v.currentFor.includes('pupils-ks3-5'))
        if (!current) throw new Error('the large school has no current agreement for pupils in KS3-5')
        return async (i) => {
          await call(core, 'agreements.record', { personId: newPupils[i % newPupils.length]!, versionId: current.id, agreedOn: today(), method: 'on-screen', signaturePng: SIGNATURE, parentName: 'Mrs O’Neill', parentAgreedOn: today() })
        }
      },
    },
    {
      name: 'incidents.record (signed record, log row, audit entry)',
      prepare: async () => {
        const category = (await db('incident_categories').first('id')) as { id: number }
        return async (i) => {
          await call(core, 'incidents.record', {
            entry: {
              occurredOn: today(),
              occurredTime: '10:15',
              place: 'Library',
              onSite: true,
              device: 'school',
              categoryId: category.id,
              description: `Unkind messages in a class group chat, reported by a pupil (bench ${i}).`,
              actionTaken: 'Screenshots kept; parents told.',
              childsWords: null,
              people: [{ personId: newPupils[i % newPupils.length]!, part: 'affected' }],
              status: 'open',
              outcome: null,
            },
          })
        }
      },
    },
    {
      name: 'incidents.setStep (a checklist step with its note: signed record, encrypted)',
      prepare: async () => {
        const ids = (await db('incidents').orderBy('id', 'desc').limit(SAVES).pluck('id')) as number[]
        return async (i) => {
          await call(core, 'incidents.setStep', { incidentId: ids[i % ids.length]!, step: 'handling-reviewed', state: i % 2 ? 'done' : 'not-needed', note: `Reviewed at the pastoral meeting (bench ${i}).` })
        }
      },
    },
    {
      name: 'incidents.attach (a 200 KB evidence file: signed record, the file encrypted)',
      prepare: async () => {
        const categories = (await db('incident_categories').where({ no_files: 0 }).pluck('id')) as number[]
        const ids = (await db('incidents').whereIn('category_id', categories).orderBy('id', 'desc').limit(SAVES).pluck('id')) as number[]
        const file = Buffer.alloc(200 * 1024, 'A screenshot of the messages, described in words. ').toString('base64')
        return async (i) => {
          await call(core, 'incidents.attach', { incidentId: ids[i % ids.length]!, fileName: `messages-${i}.txt`, fileBase64: file, description: 'The messages the pupil showed their tutor.' })
        }
      },
    },
    {
      name: 'checks.record (the weekly filtering check)',
      prepare: async () => {
        const templates = await call<{ id: number; rhythm: string }[]>(core, 'checks.templates', {})
        const weekly = templates.find((t) => t.rhythm === 'weekly') ?? templates[0]!
        return async (i) => {
          await call(core, 'checks.record', { templateId: weekly.id, doneOn: today(), doneBy: 'Łukasz Kowalski', devices: 'Library PCs', areas: 'Main site', userGroups: 'Year 7', result: i % 5 ? 'pass' : 'issues', action: i % 5 ? '' : 'Reported to the filtering provider.' })
        }
      },
    },
    {
      name: 'permissions.grant (system access)',
      prepare: async () => async (i) => {
        await call(core, 'permissions.grant', { kind: 'system-access', personId: newPupils[i % newPupils.length]!, systemName: `Bench system ${i}`, authorisedBy: 'Dafydd ap Rhys', startsOn: today() })
      },
    },
    {
      name: 'filtering.record',
      prepare: async () => async (i) => {
        await call(core, 'filtering.record', { changedOn: today(), change: i % 2 ? 'block' : 'allow', targetKind: 'site', target: `bench-${i}.example.org`, reason: 'Needed for a Year 9 history lesson.', requestedBy: 'Mr Evans', approvedBy: 'Siân Griffiths' })
      },
    },
    {
      name: 'policies.review',
      prepare: async () => {
        const policies = await call<{ id: number }[]>(core, 'policies.list', {})
        return async (i) => {
          await call(core, 'policies.review', { policyId: policies[i % policies.length]!.id, reviewedOn: today(), reviewedBy: 'Aoife O’Connor', changes: 'No changes.' })
        }
      },
    },
    {
      name: 'annualReview.saveCommentary',
      prepare: async () => async (i) => {
        await call(core, 'annualReview.saveCommentary', {
          startYear: 2025,
          commentary: `The year saw fewer incidents than the last; most were about group chats. (draft ${i})\n`.repeat(20),
          priorities: 'Parent workshops on group chats.\nA new filtering provider review.',
          headName: 'Dafydd ap Rhys',
          chairName: 'Ярослава Коваль',
        })
      },
    },
  ]

  say(`Timing ${kinds.length} kinds of save, ${SAVES} each...`)
  for (const kind of kinds) {
    const save = await kind.prepare()
    const times: number[] = []
    for (let i = 0; i < SAVES; i++) {
      const t = process.hrtime.bigint()
      await save(i)
      times.push(ms(t))
    }
    const p95 = percentile(times, 95)
    const parts = kind.parts ? Object.entries(kind.parts).map(([m, v]) => `${m} p95 ${round(percentile(v, 95))} ms`) : []
    rows.push({
      section: SECTION,
      name: `${kind.name} (p95 of ${SAVES})`,
      value: round(p95),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      met: p95 < TARGET_MS,
      note: [`p50 ${round(median(times))} ms`, ...parts].join('; '),
      detail: { p50: round(median(times)), max: round(Math.max(...times)) },
    })
  }
  return { onSite }
}

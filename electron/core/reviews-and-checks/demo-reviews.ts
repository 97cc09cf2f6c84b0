import { createHash } from 'node:crypto'
import { DEFAULT_CHECK_TEMPLATES, SUGGESTED_POLICIES, type CheckResult, type FilterChange, type FilterTarget } from '../../../shared/domain/reviews-and-checks'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import { insertChunks, type NewRow } from '../db/bulk-insert'
import type { RegisterStore } from '../store/register-store'
import { loadTemplates } from './checks'
import { expectedPeriods } from './periods'
import { schoolYearOf } from '../../../shared/dates/school-year'
import { random } from '../demo/random'
import { PHASE_OF, type SchoolPhase } from '../demo/phase'
import { addDays, addMonths, daysBetween, ukDay } from '../../../shared/dates/uk-time'

const REVIEWERS = ['Dafydd ap Rhys (Headteacher)', 'Siân Griffiths (DSL)', 'Aoife O’Connor (Business manager)', 'Online safety group']
const OWNERS = ['Headteacher', 'DSL', 'Business manager', 'SENCO', 'Data protection lead']
const NO_CHANGES = 'No changes needed.'
const CHANGES = [
  NO_CHANGES,
  'Updated for the latest Keeping Children Safe in Education.',
  'Contact details of the DSL and deputies updated.',
  'New section on generative AI tools in lessons.',
  'Filtering and monitoring responsibilities clarified after the annual review.',
  'Rules for pupils who bring a phone to school brought in line with the behaviour policy.',
]
const SITES = ['youtube.com (restricted mode)', 'tiktok.com', 'chat.openai.com', 'discord.com', 'scratch.mit.edu', 'bbc.co.uk/bitesize', 'canva.com', 'kahoot.it', 'padlet.com', 'coolmathgames.com', 'roblox.com', 'wikipedia.org']
const CATEGORIES = ['Gambling', 'Games', 'Social networking', 'Proxy and VPN', 'Streaming media', 'Web-based chat', 'Dating', 'Online shopping']
const REASONS = [
  'Pupils reached it during lessons; it is not suitable.',
  'Teacher request for a history project; risk assessed by the DSL.',
  'Blocked by mistake in the last filter update (over-blocking).',
  'Seen in monitoring alerts; blocked pending review.',
  'New category added by the filter provider.',
]
/** Who does the checks and asks for filtering changes, and what they check, at each demo school. */
const PEOPLE_AND_DEVICES: Record<SchoolPhase, { ict: string[]; safeguarding: string[]; requesters: string[]; reasons: string[]; devices: string[]; groups: string[] }> = {
  primary: {
    ict: ['Łukasz Kowalski'],
    safeguarding: ['Siân Griffiths', 'Dafydd ap Rhys'],
    requesters: ['Łukasz Kowalski', 'Siân Griffiths', 'Dafydd ap Rhys', 'Mr Okafor (Computing Lead)', 'Mrs Evans (Class Teacher, 4B)'],
    reasons: ['Needed for a Year 5 coding unit.'],
    devices: ['Pupil laptops (ICT suite)', 'Staff laptops', 'Class iPads', 'Library PCs'],
    groups: ['Key Stage 1 pupils', 'Key Stage 2 pupils', 'Staff', 'Guest wifi'],
  },
  secondary: {
    ict: ['Łukasz Kowalski', 'Jamie McAllister'],
    safeguarding: ['Siân Griffiths', 'Priya Chaudhary', 'Mairéad Ní Bhriain'],
    requesters: ['Łukasz Kowalski', 'Jamie McAllister', 'Siân Griffiths', 'Priya Chaudhary', 'Mr Okafor (Computing)', 'Mrs Evans (History)'],
    reasons: ['Needed for a Year 9 computing unit.', 'Sixth form research project; risk assessed by the DSL.'],
    devices: ['Pupil laptops (ICT suite 1)', 'Staff laptops', 'Laptop trolley (science)', 'Library PCs'],
    groups: ['Key Stage 3 pupils', 'Key Stage 4 pupils', 'Sixth form', 'Staff', 'Guest wifi'],
  },
}

/** A one-page PDF saying it is a demonstration (valid enough for any viewer; no policy wording). */
export function demoPdf(title: string): Buffer {
  const text = `Demonstration document for the ${title}: not a policy.`.replace(/[()\\]/g, '')
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/**
 * Demonstration policies with their reviews and documents, recurring checks done over one
 * school year (small) or ten (large) with some missed, and filtering changes. Written straight
 * into the open register in one audited transaction; skipped if any policy is already there.
 */
export async function seedReviewsDemo(store: RegisterStore, scale: DemoScale, options: { now?: number } = {}): Promise<string[]> {
  const { db, session } = store.requireOpen()
  if (await db('policies').first()) return ['Policies are already there: demo policies, checks and filtering changes left out.']
  const rnd = random(scale === 'small' ? 11 : 2036)
  const now = options.now ?? Date.now()
  const today = ukDay(now)
  const at = new Date(now).toISOString()
  // The small school's last full year too, so the annual pack governors see in the autumn has a whole year.
  const years = scale === 'small' ? 2 : 10
  const start = `${schoolYearOf(today) - years + 1}-09-01`
  const local = PEOPLE_AND_DEVICES[PHASE_OF[scale]]
  const recorded = { recorded_by: session.userId, recorded_by_name: session.displayName }
  const counts = { policies: 0, reviews: 0, checks: 0, missed: 0, filtering: 0 }

  await store.change({ action: 'reviews.demo', detail: `${scale} demo policies, checks and filtering changes` }, async (trx) => {
    // Policies: reviewed every year since the start; a couple left overdue, one review awaiting ratification.
    const titles = scale === 'small' ? SUGGESTED_POLICIES.slice(0, 8) : SUGGESTED_POLICIES
    for (const [i, title] of titles.entries()) {
      const interval = title === 'Online safety policy' ? 12 : rnd.pick([12, 12, 24])
      const written = addDays(start, rnd.int(20, 60) - 365)
      const reviews: { on: string; next: string; version: string; changed: boolean; ratified: string | null }[] = []
      let on = addMonths(written, interval)
      let version = 1
      while (on <= today) {
        const changed = rnd.chance(0.6)
        if (changed) version++
        reviews.push({ on, next: addMonths(on, interval), version: `v${version}`, changed, ratified: addDays(on, rnd.int(7, 30)) })
        on = addDays(addMonths(on, interval), rnd.int(-10, 10))
      }
      const overdue = i === 2 || i === 5
      if (overdue && reviews.length > 0) reviews.pop()
      const last = reviews.at(-1)
      if (last && i === 0) last.ratified = null // the newest review of the online safety policy waits for the head
      for (const r of reviews) if (r.ratified && r.ratified > today) r.ratified = null
      const nextReview = last?.next ?? addMonths(written, interval)
      const [policyId] = (await trx('policies').insert({
        title,
        owner: rnd.pick(OWNERS),
        version_label: last?.version ?? 'v1',
        written_on: written,
        // The first version's ratification: each later version's is its review's (policy-versions.ts).
        ratified_on: addDays(written, 21),
        ratified_by: 'Governing body',
        review_interval_months: interval,
        next_review_on: overdue ? addDays(today, -rnd.int(10, 60)) : nextReview,
        created_at: at,
        created_by: session.userId,
        updated_at: at,
      })) as number[]
      counts.policies++
      for (const r of reviews) {
        await trx('policy_reviews').insert({
          policy_id: Number(policyId),
          reviewed_on: r.on,
          reviewed_by: rnd.pick(REVIEWERS),
          changes: r.changed ? rnd.pick(CHANGES.slice(1)) : NO_CHANGES,
          new_version: r.changed ? r.version : null,
          next_review_on: r.next,
          incident_id: null,
          recorded_at: `${r.on}T15:00:00.000Z`,
          ...recorded,
          ratified_on: r.ratified,
          ratified_at: r.ratified ? `${r.ratified}T16:00:00.000Z` : null,
          ratified_by: r.ratified ? session.userId : null,
          ratified_by_name: r.ratified ? 'Dafydd ap Rhys' : null,
        })
        counts.reviews++
      }
      if (i < 3) {
        const pdf = demoPdf(title)
        await trx('policy_documents').insert({
          policy_id: Number(policyId),
          version_label: last?.version ?? 'v1',
          file_name: `${title} (demonstration).pdf`,
          kind: 'pdf',
          bytes: pdf.length,
          sha256: createHash('sha256').update(pdf).digest('hex'),
          content: pdf,
          uploaded_at: at,
          uploaded_by: session.userId,
          uploaded_by_name: session.displayName,
        })
      }
    }

    // The default checks, counted from the start; most periods done, a few missed (some with a note).
    const defaults = new Set(DEFAULT_CHECK_TEMPLATES.map((d) => d.name))
    const templates = (await loadTemplates(trx)).filter((t) => defaults.has(t.row.name) && t.spans.length === 1)
    const occurrences: NewRow<'check_occurrences'>[] = []
    const notes: NewRow<'check_missed_notes'>[] = []
    for (const t of templates) {
      await trx('check_rhythms').where({ template_id: t.row.id }).update({ from_on: start })
      const periods = expectedPeriods([{ ...t.spans[0]!, from: start }], null, start, today)
      for (const p of periods) {
        const end = p.end < today ? p.end : today
        if (p.end >= today && rnd.chance(0.5)) continue // this period's check may not be done yet
        if (rnd.chance(0.07) && p.end < today) {
          counts.missed++
          if (rnd.chance(0.5)) notes.push({ template_id: t.row.id, period_start: p.start, note: rnd.pick(['Technician off sick that week.', 'School closed for snow.', 'Filter provider outage; checked the week after.', 'Training postponed by the provider.']), recorded_at: at, ...recorded })
          continue
        }
        const doneOn = addDays(p.start, rnd.int(0, Math.max(0, Math.min(4, daysBetween(p.start, end)))))
        const result: CheckResult = rnd.chance(0.15) ? 'issues' : 'pass'
        occurrences.push({
          template_id: t.row.id,
          done_on: doneOn > today ? today : doneOn,
          done_by: t.row.responsible_role === 'ict' ? rnd.pick(local.ict) : rnd.pick(local.safeguarding),
          devices: t.row.responsible_role === 'ict' ? rnd.pick(local.devices) : '',
          areas: t.row.responsible_role === 'ict' ? rnd.pick(['Extremism and radicalisation', 'Adult content', 'Gambling', 'Self-harm', 'Proxy bypass']) : '',
          user_groups: t.row.responsible_role === 'ict' ? rnd.pick(local.groups) : 'All staff',
          result,
          action: result === 'issues' ? rnd.pick(['Reported to the filter provider; fixed within a day.', 'Category blocked and DSL told.', 'Firewall rule tightened.']) : '',
          recorded_at: `${doneOn > today ? today : doneOn}T16:00:00.000Z`,
          ...recorded,
        })
      }
    }
    await insertChunks(trx, 'check_occurrences', occurrences, 200)
    await insertChunks(trx, 'check_missed_notes', notes, 200)
    counts.checks = occurrences.length

    // Filtering changes: a few a term.
    const changes: NewRow<'filtering_changes'>[] = []
    const perYear = scale === 'small' ? 15 : 40
    const totalDays = Math.max(1, daysBetween(start, today))
    const total = Math.round((perYear * totalDays) / 365)
    const days = Array.from({ length: total }, () => addDays(start, rnd.int(0, totalDays))).sort()
    for (const day of days) {
      const kind: FilterTarget = rnd.chance(0.3) ? 'category' : 'site'
      const change: FilterChange = rnd.chance(0.55) ? 'allow' : 'block'
      changes.push({
        changed_on: day,
        change,
        target_kind: kind,
        target: kind === 'site' ? rnd.pick(SITES) : rnd.pick(CATEGORIES),
        reason: rnd.pick([...REASONS, ...local.reasons]),
        requested_by: rnd.pick(local.requesters),
        approved_by: rnd.pick(['Siân Griffiths (DSL)', 'Dafydd ap Rhys (Headteacher)']),
        corrects_id: null,
        recorded_at: `${day}T14:00:00.000Z`,
        ...recorded,
      })
    }
    await insertChunks(trx, 'filtering_changes', changes, 200)
    counts.filtering = changes.length
  })
  return [
    `${counts.policies} policies with ${counts.reviews} reviews (two overdue, one review awaiting the headteacher’s ratification; three with a demonstration PDF)`,
    `${counts.checks} recurring checks recorded since ${start}, ${counts.missed} missed`,
    `${counts.filtering} filtering changes`,
  ]
}

export const demoReviews: DemoSeeder = { name: 'Policies, checks and filtering changes', seed: (ctx) => seedReviewsDemo(ctx.store, ctx.scale, { now: ctx.store.now() }) }

import type { DemoSeeder } from '../demo/demo'
import { PHASE_OF, isSchoolDay, type SchoolPhase } from '../demo/phase'
import { random } from '../demo/random'
import { addDays, addMonths, ukDay } from '../../../shared/dates/uk-time'
import { schoolYearOf } from '../../../shared/dates/school-year'

/** What each demo school filters and monitors, in the words its review would use. */
const SCHOOL: Record<SchoolPhase, { provider: string; system: string; risk: string; filtering: string; guest: string; devices: string; monitoring: string; sources: string[] }> = {
  primary: {
    provider: 'Dyffryn Schools IT Ltd',
    system: 'Smoothwall Monitor',
    risk: 'Pupils aged 4 to 11. Key Stage 1 use class iPads with adult supervision; Key Stage 2 use laptops for research and coding. A few pupils with SEND need closer supervision online. Few pupils bring phones; those who do hand them in at the office.',
    filtering: 'A cloud web filter on every school device and the pupil wifi, set to the primary profile: adult content, gambling, social networking, chat, proxies and VPNs blocked; YouTube in restricted mode. Dyffryn Schools IT manage the settings; changes are asked for through the ICT manager and logged.',
    guest: 'The guest wifi uses the same filter with the staff profile; its password is changed each term and given to visitors at reception only.',
    devices: 'Staff personal phones do not join the school wifi. Pupils’ own devices are not allowed on the network.',
    monitoring: 'Physical monitoring in class for Key Stage 1; software monitoring (Smoothwall Monitor) on Key Stage 2 laptops, sending alerts to the DSL by email with a daily summary.',
    sources: ['Smoothwall Monitor', 'Web filter block report', 'Class teacher'],
  },
  secondary: {
    provider: 'Harbourside Education Technology',
    system: 'Senso monitoring',
    risk: 'Students aged 11 to 18, including a sixth form with more freedom on the network. Phones are allowed in bags but not used in lessons. Known risks this year: vaping and gambling content, AI chatbots, proxy sites to get round the filter.',
    filtering: 'An on-site filter appliance on every school device and the student wifi, with a Key Stage 3, Key Stage 4 and sixth form profile: adult content, gambling, proxies and VPNs, hate and weapons blocked; social media blocked for Key Stages 3 and 4. The network manager makes changes; every change is logged.',
    guest: 'The guest wifi is filtered with the staff profile and separated from the school network; visitors get a voucher at reception.',
    devices: 'Sixth form students may bring a laptop onto the BYOD wifi, which is filtered with the sixth form profile. Staff phones use the staff BYOD wifi, filtered.',
    monitoring: 'Senso monitors every school device and sends alerts to the DSL team by severity; the DSL team reads the alert dashboard each morning. Physical monitoring in the ICT suites.',
    sources: ['Senso monitoring', 'Filter appliance report', 'Network manager', 'Form tutor'],
  },
}

const ALERT_WORDS = [
  { what: 'Searched for a violent video game title during a lesson.', reason: 'Looked at: a game the pupil plays at home; spoken to by their teacher, no concern.' },
  { what: 'Typed an offensive word into a document.', reason: 'Looked at: part of a spelling list misread by the monitoring; a false match.' },
  { what: 'Search for how to get round the school filter.', reason: 'Spoken to by the ICT manager; the proxy site was already blocked. No safeguarding concern.' },
  { what: 'Keyword match on “kill” in a creative writing piece.', reason: 'A story for English; the teacher confirmed the task. A false match.' },
  { what: 'Visited a gambling site (blocked by the filter).', reason: 'Advert on a game site; the pupil did not go on. Parents told at their request.' },
  { what: 'Searched for diet pills.', reason: 'PSHE research on advertising, confirmed by the teacher.' },
]

/** The responsibilities, two yearly reviews with their actions, and a term of monitoring alerts (some linked to incidents). */
export const demoFm: DemoSeeder = {
  name: 'Filtering and monitoring',
  async seed(ctx) {
    const existing = await ctx.call('fm.overview', {})
    if (existing.reviews.length > 0) return ['Filtering and monitoring records are already there: none added.']
    const phase = PHASE_OF[ctx.scale]
    const school = SCHOOL[phase]
    const rnd = random(ctx.scale === 'small' ? 2201 : 2202)
    const today = ukDay(ctx.store.now())

    const leaders = (await ctx.call('people.list', { kind: 'staff', staffGroup: 'leadership', limit: 20 })).rows
    const deputy = leaders.find((p) => p.jobTitle === 'Deputy Headteacher') ?? leaders[0]
    const governors = (await ctx.call('people.list', { kind: 'governor', limit: 20 })).rows
    const governor = governors.find((p) => p.jobTitle !== 'Chair of Governors') ?? governors[0]
    if (deputy) await ctx.call('fm.setRole', { role: 'slt', personId: deputy.id, responsibilities: 'Leads on filtering and monitoring for the senior team: makes sure the standards are met, takes decisions on what is blocked, and holds the yearly review.' })
    if (governor) await ctx.call('fm.setRole', { role: 'governor', personId: governor.id, responsibilities: 'The governor who checks that filtering and monitoring meet the DfE standards, and reports on them to the full governing board.' })
    await ctx.call('fm.setRole', { role: 'dsl', name: 'Siân Griffiths', responsibilities: 'Takes the lead on online safety, including the monitoring reports and alerts: triages each alert and acts on any concern.' })
    await ctx.call('fm.setRole', { role: 'it-provider', name: school.provider, responsibilities: 'Runs the filtering and monitoring systems, makes the changes the school asks for, and carries out the technical checks.' })

    // Each October, once the new pupils are settled: last school year's review and this year's if October is past.
    let latest = `${schoolYearOf(today)}-10-14`
    if (latest > addDays(today, -7)) latest = addMonths(latest, -12)
    while (!isSchoolDay(latest)) latest = addDays(latest, 1)
    let earlier = addMonths(latest, -12)
    while (!isSchoolDay(earlier)) earlier = addDays(earlier, 1)
    const reviewedBy = `${deputy ? `${deputy.displayName} (SLT lead)` : 'SLT lead'}, Siân Griffiths (DSL), Łukasz Kowalski (ICT manager), ${school.provider}`
    const base = {
      reviewedBy,
      riskProfile: school.risk,
      filtering: school.filtering,
      iwfList: true,
      counterTerrorismList: true,
      listsNote: `Confirmed with ${school.provider}: the filter is a member of the IWF and blocks the Home Office counter-terrorism list.`,
      guestNetwork: school.guest,
      personalDevices: school.devices,
      monitoringStrategy: school.monitoring,
      alertHandling: `${school.system} alerts go to the DSL, who triages each within one school day: a concern becomes an incident in the log; anything else is closed with the reason.`,
    }
    const first = await ctx.call('fm.recordReview', {
      ...base,
      reviewedOn: earlier,
      overBlocking: 'Teachers said educational videos were blocked in science; the YouTube settings were changed to restricted mode rather than blocked.',
      actions: [
        { action: 'Set YouTube to restricted mode instead of blocking it', owner: school.provider, dueOn: addDays(earlier, 21) },
        { action: 'Add the filtering and monitoring roles to the staff induction', owner: 'Siân Griffiths', dueOn: addDays(earlier, 60) },
      ],
    })
    for (const a of first.actions) await ctx.call('fm.completeAction', { id: a.id, doneOn: addDays(a.dueOn, -rnd.int(1, 10)), note: 'Done as agreed at the review.' })
    const second = await ctx.call('fm.recordReview', {
      ...base,
      reviewedOn: latest,
      overBlocking: 'No over-blocking reported this year. Staff know how to ask for a site to be unblocked.',
      actions: [
        { action: 'Check the filter on the new laptop trolley before it goes into classrooms', owner: 'Łukasz Kowalski', dueOn: addDays(latest, 14) },
        { action: 'Train the new deputy DSL on reading monitoring alerts', owner: 'Siân Griffiths', dueOn: addDays(latest, 45) },
        { action: 'Report on filtering and monitoring to the full governing board', owner: governor?.displayName ?? 'Governor responsible', dueOn: addDays(latest, 90) },
        { action: 'Test the filter with the SWGfL test site on every network', owner: 'Łukasz Kowalski', dueOn: addDays(latest, 150) },
      ],
    })
    for (const a of second.actions) if (a.dueOn < addDays(today, -20)) await ctx.call('fm.completeAction', { id: a.id, doneOn: addDays(a.dueOn, -rnd.int(0, 5)), note: 'Done; reported at the next online safety meeting.' })

    // A term of alerts: most closed with the reason; the ones that became filtering breaches linked to their incident.
    const alerts = phase === 'primary' ? 8 : 24
    const from = addDays(today, -100)
    const lines: string[] = []
    const incidents = (await ctx.call('incidents.list', { from, to: today, limit: 200 })).rows.filter((i) => /filtering|cyberbullying/i.test(i.categoryName)).slice(0, phase === 'primary' ? 2 : 4)
    for (const i of incidents) {
      const alert = await ctx.call('fm.recordAlert', { alertedOn: i.occurredOn, source: school.sources[0]!, what: /filtering/i.test(i.categoryName) ? 'Repeated attempts to reach a blocked site.' : 'Unkind messages about another pupil typed in a shared document.', deviceOrUser: 'Named in the incident' })
      await ctx.call('fm.triageAlert', { id: alert.id, outcome: 'incident', triagedOn: i.occurredOn, incidentReference: i.reference })
    }
    let open = 0
    for (let n = 0; n < alerts; n++) {
      let on = addDays(from, rnd.int(0, 99))
      while (!isSchoolDay(on) && on < today) on = addDays(on, 1)
      while (!isSchoolDay(on)) on = addDays(on, -1)
      const words = rnd.pick(ALERT_WORDS)
      const device = phase === 'primary' ? `Laptop ${rnd.int(1, 30)} (Key Stage 2 trolley)` : `ICT${rnd.int(1, 3)}-PC${String(rnd.int(1, 32)).padStart(2, '0')}`
      const alert = await ctx.call('fm.recordAlert', { alertedOn: on, source: rnd.pick(school.sources), what: words.what, deviceOrUser: device })
      // The last few days' alerts may still be waiting for the DSL.
      if (on >= addDays(today, -3) && rnd.chance(0.6)) {
        open++
        continue
      }
      await ctx.call('fm.triageAlert', { id: alert.id, outcome: 'closed', triagedOn: on, reason: words.reason })
    }
    lines.push(`Responsibilities named; reviews of ${earlier} and ${latest}`, `${alerts + incidents.length} monitoring alerts (${incidents.length} linked to incidents, ${open} waiting to be triaged)`)
    return lines
  },
}

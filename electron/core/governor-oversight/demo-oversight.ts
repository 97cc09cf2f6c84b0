import type { DemoSeeder } from '../demo/demo'
import { isSchoolDay } from '../demo/phase'
import { addDays, ukDay } from '../../../shared/dates/uk-time'
import { schoolYearOf } from '../../../shared/dates/school-year'

/** Termly meetings of the DSL and the online safety governor since last September, and an annual review priority. */
export const demoOversight: DemoSeeder = {
  name: 'Governor oversight',
  async seed(ctx) {
    if ((await ctx.call('oversight.overview', {})).meetings.length > 0) return ['Governor oversight records are already there: none added.']
    const today = ukDay(ctx.store.now())
    const governors = (await ctx.call('people.list', { kind: 'governor', limit: 20 })).rows
    const governor = (governors.find((p) => p.jobTitle !== 'Chair of Governors') ?? governors[0])?.displayName ?? 'The online safety governor'
    const year = schoolYearOf(today)
    const plan = [
      { on: `${year - 1}-11-12`, notes: 'Went through the incident log summary for the first half term (numbers only) and the filtering and monitoring review. The governor asked how staff report a site that is wrongly blocked.', actions: [{ action: 'Remind staff how to ask for a site to be unblocked', owner: 'DSL', days: 14 }] },
      { on: `${year}-03-11`, notes: 'Looked at the spring term’s monitoring alerts by outcome and the training figures. Agreed to bring parents’ online safety information up to date.', actions: [{ action: 'Update the online safety page for parents on the website', owner: 'Business manager', days: 40 }] },
      { on: `${year}-06-17`, notes: 'Reviewed the year so far ahead of the annual review pack. The governor visited a Computing lesson on staying safe online.', actions: [{ action: 'Share the annual review pack with the full governing board', owner: 'Headteacher', days: 90 }] },
      { on: `${year}-11-11`, notes: 'First meeting of the year: the new filtering and monitoring review, the autumn term’s incidents (numbers only) and the priorities from the annual review.', actions: [{ action: 'Governor to visit the ICT suite and see the filter tested', owner: governor, days: 35 }, { action: 'Check every new member of staff has had online safety induction', owner: 'DSL', days: 10 }] },
    ].filter((m) => m.on <= addDays(today, -3))
    let done = 0
    for (const m of plan) {
      let on = m.on
      while (!isSchoolDay(on)) on = addDays(on, 1)
      await ctx.call('oversight.recordMeeting', { metOn: on, governor, dsl: 'Siân Griffiths', notes: m.notes, actions: m.actions.map((a) => ({ action: a.action, owner: a.owner, dueOn: addDays(on, a.days) })) })
    }
    for (const a of (await ctx.call('oversight.overview', {})).actions) {
      if (a.dueOn < addDays(today, -7)) {
        await ctx.call('oversight.completeAction', { id: a.id, doneOn: addDays(a.dueOn, -3), note: 'Done, and reported at the next meeting.' })
        done++
      }
    }
    await ctx.call('oversight.addAction', { source: 'annual-pack', packYear: year - 1, action: 'Bring in the new categories of online harm to the incident log', owner: 'DSL', dueOn: addDays(today, 60) })
    return [`${plan.length} meetings with ${governor}`, `${done} actions done, the rest open, and one annual review priority`]
  },
}

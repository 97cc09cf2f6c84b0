import type { AnnualRegisterFigures, AnnualSpan, FigureCell } from '../../../shared/domain/annual-review'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { REQUIREMENTS, RULES, TRAINED_KINDS, statusOn, type Requirement } from '../../../shared/features/training/requirements'
import type { AnnualPackPart } from '../feature-kit/feature'
import type { TrainedRow } from './training-people'
import { completionsOf } from './training-people'

/**
 * Training completion for the annual pack, per requirement: the people who needed it (on the list
 * on the last day counted; for induction, those who started in the year), how many of them were
 * trained in the year, and how many were up to date on the last day.
 */
export const trainingAnnualPack: AnnualPackPart = {
  async figures(ctx, span: AnnualSpan): Promise<AnnualRegisterFigures> {
    const { db } = ctx.store.requireOpen()
    // On the list on the last day: not gone (left or archived) by then, and not started after it where a
    // start date is recorded. Not the day a person was added: a school imports its long-serving staff
    // on the day it sets the register up, and they were there all year.
    const people = (await db('people')
      .leftJoin('training_people as tp', 'tp.person_id', 'people.id')
      .whereIn('people.kind', [...TRAINED_KINDS])
      .whereRaw('(tp.started_on IS NULL OR tp.started_on <= ?)', [span.to])
      .whereRaw('(people.archived_at IS NULL OR coalesce(people.left_on, substr(people.archived_at, 1, 10)) > ?)', [span.to])
      .select('people.id', 'people.kind', 'people.forename', 'people.surname', 'people.preferred_forename', 'people.preferred_surname', 'people.job_title', 'tp.started_on', 'tp.designation')) as TrainedRow[]
    const completions = await completionsOf(db)
    const rows: FigureCell[][] = []
    const shares = {} as Record<Requirement, { needed: number; trained: number; upToDate: number }>
    for (const k of REQUIREMENTS) {
      const rule = RULES[k]
      let needed = 0
      let trained = 0
      let upToDate = 0
      for (const p of people) {
        const subject = { kind: p.kind, designation: p.designation, startedOn: p.started_on }
        if (k === 'induction' && !(p.started_on && p.started_on >= span.from && p.started_on <= span.to)) continue
        const mine = (completions.get(p.id) ?? []).filter((c) => c.on <= span.to)
        const status = statusOn(k, subject, mine, span.to)
        if (!status) continue
        needed++
        if (mine.some((c) => c.on >= span.from && c.countsFor.some((r) => rule.satisfiedBy.includes(r)))) trained++
        if (status.state !== 'overdue') upToDate++
      }
      shares[k] = { needed, trained, upToDate }
      rows.push([rule.label, { count: needed }, { part: trained, whole: needed }, { part: upToDate, whole: needed }])
    }
    const last = isoDateToUk(span.to)
    return {
      kind: 'training',
      title: 'Online safety training',
      intro:
        'The training the online safety policy asks for, requirement by requirement: who needed it, who was trained during the year, and who was up to date on the last day counted. ' +
        'Induction counts the new starters of the year; the refresher counts all staff; DSL training and the yearly update count the DSL and deputies; governor training counts the governors. ' +
        'A DSL course counts towards the yearly refresher too, and a new starter’s induction is their first refresher.',
      tables: [{ headers: ['Requirement', 'Needed it', 'Trained in the year', `Up to date on ${last}`], widths: ['*', 60, 110, 110], rows, empty: 'Nobody needed training in the year.' }],
      headlines: [
        { label: 'Staff up to date with the online safety refresher', cell: { part: shares.refresher.upToDate, whole: shares.refresher.needed } },
        { label: 'New starters given induction', cell: { part: shares.induction.trained, whole: shares.induction.needed } },
      ],
      source: 'the training register: each person’s training, with the requirements of the online safety policy worked out for the last day counted.',
    }
  },
}

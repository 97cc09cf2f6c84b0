import type { GettingStartedKey, GettingStartedStep } from '../../../shared/domain/annual-review'
import type { Knex } from 'knex'
import type { Db } from '../db/database'

/**
 * A new school's first steps, each worked out from the register itself (never a box someone ticks):
 * the directory brought in, agreements published, policies entered, a check recorded, the logo, the
 * report certificate given out, and a backup kept away from this PC.
 */
export async function gettingStarted(db: Db): Promise<GettingStartedStep[]> {
  const any = async <T extends object>(q: Knex.QueryBuilder<T>) => Boolean(await q.first(db.raw('1 AS one')))
  const audited = (action: string) => db('audit_log').where({ action, result: 'ok' })
  const people = Number(((await db('people').whereNot('kind', 'visitor').count({ n: '*' })) as { n: number }[])[0]?.n ?? 0)
  const done: Record<GettingStartedKey, boolean> = {
    people: people > 0,
    agreements: await any(db('aup_versions')),
    policies: await any(db('policies')),
    checks: await any(db('check_occurrences')),
    logo: await any(db('settings').where({ key: 'logo' })),
    certificate: (await any(audited('certificate.export'))) || (await any(audited('certificate.import'))),
    backup: await any(audited('backup.now').where('detail', 'to a chosen folder')),
  }
  const step = (key: GettingStartedKey, title: string, todo: string, doneText: string, to: string): GettingStartedStep => ({
    key,
    title,
    detail: done[key] ? doneText : todo,
    done: done[key],
    to,
  })
  return [
    step('people', 'Bring in your pupils and staff', 'Import them from the MIS export, or add them one by one.', `${people.toLocaleString('en-GB')} ${people === 1 ? 'person is' : 'people are'} in the register.`, '/people'),
    step('agreements', 'Publish your acceptable use agreements', 'Publish the version each group agrees to, so agreements can be recorded.', 'Agreements are published.', '/agreements'),
    step('policies', 'Enter your policies and their review dates', 'The register then reminds you when each review is due.', 'Policies are entered.', '/policies'),
    step('checks', 'Record your first recurring check', 'The weekly web filter check is set up for you: record the first one when it is done.', 'A check is recorded.', '/checks'),
    step('logo', 'Add the school’s logo', 'It is printed at the top of every report.', 'The logo is set.', '/settings'),
    step('certificate', 'Give governors the report certificate', 'Save the certificate from Reports, so governors and others can check the school’s signed reports.', 'The certificate has been saved or imported.', '/reports'),
    step('backup', 'Keep a backup away from this computer', 'Back up to a USB stick or the school’s network, and keep it somewhere safe.', 'A backup has been made to another place.', '/backups'),
  ]
}

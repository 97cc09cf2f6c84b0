import type { Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

type Api = Record<string, (input: object) => Promise<{ ok: boolean; value?: { id: number }; error?: { message: string } }>>

/** Staff with an agreement to agree to, and three visitors signed in, through the window's own API. */
async function seed(app: Page): Promise<void> {
  const failed = await app.evaluate(async () => {
    const api = (window as unknown as { api: Api }).api
    const problems: string[] = []
    const check = <T extends { ok: boolean; error?: { message: string } }>(r: T) => (r.ok || problems.push(r.error!.message), r)
    check(await api['aup.publish']!({ title: 'Staff agreement', versionLabel: '2026–27', audiences: ['staff'], effectiveFrom: '2020-09-01', body: 'The staff agreement text, long enough to be accepted here.' }))
    for (const [forename, surname] of [
      ['Aled', 'Morgan'],
      ['Beca', 'Zeller'],
      ['Carys', 'Abbott'],
    ]) {
      check(await api['people.create']!({ kind: 'staff', forename, surname, staffGroup: 'teaching' }))
    }
    for (const [forename, surname, organisation] of [
      ['Dai', 'Young', 'Acme Heating'],
      ['Eira', 'Adams', 'NHS Kent'],
      ['Fflur', 'Price', 'Zenith Books'],
    ]) {
      const visitor = check(await api['visitors.register']!({ forename, surname, organisation, dbs: { status: 'not-needed' } }))
      if (visitor.value) check(await api['visits.signIn']!({ personId: visitor.value.id, purpose: 'A meeting', hostName: 'The office', usesIct: false }))
    }
    return problems
  })
  expect(failed).toEqual([])
}

/** Counts the window's calls of one method from now on. */
function countCalls(app: Page, method: string): () => number {
  let n = 0
  app.on('request', (req) => {
    if (req.url().endsWith('/__bridge/call') && (req.postData() ?? '').includes(`"method":"${method}"`)) n += 1
  })
  return () => n
}

const firstCell = (app: Page, table: string) => app.getByTestId(table).locator('tbody tr').first().locator('td').first()

test.describe('lists sorted by the core', () => {
  test('the agreements list and the visitor log sort by a column heading, and each reads its list once per visit', async ({ app }) => {
    await app.setViewportSize({ width: 1366, height: 768 })
    await setUpSchool(app)
    await seed(app)

    const statusReads = countCalls(app, 'aup.status')
    await openFromMenu(app, 'Agreements')
    const status = app.getByTestId('status-table')
    await expect(status.locator('tbody tr')).toHaveCount(3)
    expect(statusReads()).toBe(1)
    // By group then name at first; by name, A to Z, then Z to A.
    await status.getByRole('columnheader', { name: 'Name', exact: true }).click()
    await expect(firstCell(app, 'status-table')).toHaveText('Carys Abbott')
    await status.getByRole('columnheader', { name: 'Name', exact: true }).click()
    await expect(firstCell(app, 'status-table')).toHaveText('Beca Zeller')
    await expectAccessible(app)
    await screenshot(app, 'agreements-sorted')

    const visitReads = countCalls(app, 'visits.list')
    await openFromMenu(app, 'Visitor log')
    const visits = app.getByTestId('visits-table')
    await expect(visits.locator('tbody tr')).toHaveCount(3)
    expect(visitReads()).toBe(1)
    await visits.getByRole('columnheader', { name: 'Visitor' }).click()
    await expect(visits.locator('tbody tr').first()).toContainText('Eira Adams')
    await visits.getByRole('columnheader', { name: 'Visitor' }).click()
    await expect(visits.locator('tbody tr').first()).toContainText('Dai Young')
    await visits.getByRole('columnheader', { name: 'Organisation' }).click()
    await expect(visits.locator('tbody tr').first()).toContainText('Acme Heating')
    // The purpose is free text: its heading offers no sort.
    await expect(visits.getByRole('columnheader', { name: 'Purpose' })).not.toHaveClass(/sortable/)
    await expectAccessible(app)
    await screenshot(app, 'visitor-log-sorted')
  })
})

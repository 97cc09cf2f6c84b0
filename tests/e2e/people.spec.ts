import { writeFileSync } from 'node:fs'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'
import { windows1252 } from '../integration/text-bytes'

const PUPILS = [
  'Adno,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,DOB,Year,Reg',
  '001234,,Fairbairn,Zoe,,Zoë,14/03/2013,Year 7,7F',
  '001235,,Prydderch,Siôn,,,02/11/2012,Year 7,7F',
  '001236,,O’Brien,Seán,,,31/02/2013,Year 7,7K',
  '001237,,Okafor,Chidi,,,20/06/2012,Year 8,8O',
  '001238,,Nowak,Ania,,,05/09/2014,Nursery,7K',
].join('\r\n')

test.describe('people', () => {
  test('imports pupils from a SIMS export, names the bad rows by line, imports the rest on confirmation, and shows them', async ({ app }, testInfo) => {
    await setUpSchool(app)
    await openFromMenu(app, 'People')
    await expect(app.getByTestId('people-empty')).toContainText('Start by importing your pupils and staff from your MIS')
    await expectAccessible(app)
    await screenshot(app, 'people-empty')

    await app.getByTestId('people-empty').getByRole('link', { name: 'Import from the MIS' }).click()
    await expect(app.getByRole('heading', { level: 1, name: 'Import from the MIS' })).toBeVisible()
    await expectAccessible(app)
    const file = testInfo.outputPath('pupils.csv')
    // Saved as Excel's "CSV (comma delimited)" does: Windows-1252, so Zoë's ë is the single byte 0xEB.
    writeFileSync(file, windows1252(PUPILS))
    await app.getByTestId('import-file').setInputFiles(file)
    await expect(app.getByTestId('import-layout')).toContainText('SIMS')
    await expect(app.getByTestId('import-encoding')).toContainText('Read as Windows-1252 (Excel’s “CSV (comma delimited)”)')
    await expect(app.getByTestId('import-counts')).toContainText('3 to add')
    await expect(app.getByTestId('import-counts')).toContainText('2 bad rows')
    const bad = app.getByTestId('import-bad-rows').locator('tbody tr')
    await expect(bad).toHaveCount(2)
    await expect(bad.nth(0)).toContainText('4')
    await expect(bad.nth(0)).toContainText('not a real date')
    await expect(bad.nth(1)).toContainText('6')
    await expect(bad.nth(1)).toContainText('nursery')
    await expectAccessible(app)
    await screenshot(app, 'people-import-preview')

    await app.getByRole('button', { name: 'Import 3 rows and skip 2 bad rows' }).click()
    await expect(app.getByTestId('import-result')).toContainText('3 added, 0 updated, 0 unchanged, 2 bad rows skipped')
    await expectAccessible(app)
    await screenshot(app, 'people-import-done')

    // The same file again changes nothing.
    await app.getByTestId('import-file').setInputFiles(file)
    await expect(app.getByTestId('import-counts')).toContainText('0 to add')
    await expect(app.getByTestId('import-counts')).toContainText('3 unchanged')

    await openFromMenu(app, 'People')
    const table = app.getByTestId('people-table')
    await expect(table.locator('tbody tr')).toHaveCount(3)
    await expect(table).toContainText('Fairbairn, Zoë')
    await expect(table).toContainText('Year 7 · 7F')
    await expectAccessible(app)
    await screenshot(app, 'people-list')
    await table.getByRole('button', { name: 'Open Zoë Fairbairn' }).click()
    const detail = app.getByTestId('person-detail')
    await expect(detail).toContainText('14/03/2013')
    await expect(detail).toContainText('No agreements recorded yet.')
    await expectAccessible(app)
    await screenshot(app, 'people-detail')
    await detail.getByRole('button', { name: 'Archive (left)' }).click()
    await app.getByTestId('confirm-dialog').getByRole('button', { name: 'Archive' }).click()
    await expect(app.getByTestId('people-done')).toContainText('Zoë Fairbairn is archived')
  })

  test('the agreement status shows who has agreed by year group, and a paper agreement is recorded', async ({ app }, testInfo) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Agreements')
    await expect(app.getByTestId('no-aup-versions')).toContainText('No agreement texts yet')
    await expectAccessible(app)
    await screenshot(app, 'agreements-empty')

    await app.goto('/#/people/import')
    const file = testInfo.outputPath('pupils.csv')
    writeFileSync(file, PUPILS.split('\r\n').slice(0, 3).join('\r\n'))
    await app.getByTestId('import-file').setInputFiles(file)
    await app.getByRole('button', { name: 'Import 2 rows' }).click()
    await expect(app.getByTestId('import-result')).toBeVisible()

    await openFromMenu(app, 'Agreements')
    await app.getByRole('button', { name: 'Publish a new version' }).click()
    const dialog = app.getByTestId('publish-dialog')
    await dialog.getByLabel('Title').fill('Pupil acceptable use agreement (KS3–5)')
    await dialog.getByLabel('Version label').fill('2025–26')
    await dialog.getByLabel('Pupils in Years 7 to 13').check()
    const text = testInfo.outputPath('pupil-aup.md')
    writeFileSync(text, '# Pupil agreement\n\nI will keep my password private and tell a trusted adult if I see anything upsetting online.')
    await dialog.getByTestId('aup-file').setInputFiles(text)
    await expect(dialog.getByLabel('The agreement’s text')).toHaveValue(/keep my password private/)
    await expectAccessible(app)
    await screenshot(app, 'agreements-publish')
    await dialog.getByRole('button', { name: 'Publish' }).click()
    await expect(app.getByTestId('agreements-done')).toContainText('is published')
    await expect(app.getByTestId('status-totals')).toContainText('0 of 2 people have agreed')
    await expect(app.getByTestId('status-groups')).toContainText('Year 7')

    const row = app.getByTestId('status-table').getByRole('row', { name: /Zoë Fairbairn/ })
    await expect(row).toContainText('Not yet agreed')
    await row.getByRole('button', { name: 'Record paper copy for Zoë Fairbairn' }).click()
    const paper = app.getByTestId('paper-dialog')
    await paper.getByLabel('Parent or carer who signed').fill('Morag Fairbairn')
    await expectAccessible(app)
    await paper.getByRole('button', { name: 'Record the agreement' }).click()
    await expect(app.getByTestId('agreements-done')).toContainText('paper agreement of Zoë Fairbairn')
    await expect(app.getByTestId('status-totals')).toContainText('1 of 2 people have agreed')
    await expect(row).toContainText('Agreed to the current version')
    await expectAccessible(app)
    await screenshot(app, 'agreements-status')

    await app.getByRole('button', { name: 'Start the renewal for the new school year' }).click()
    await expect(app.getByTestId('renewal-dialog')).toContainText('due for renewal')
    await expectAccessible(app)
    await app.getByTestId('renewal-dialog').getByRole('button', { name: 'Cancel' }).click()
  })
})

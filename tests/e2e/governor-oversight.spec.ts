import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

/** A day `days` from today, as the office types it. */
function ukDayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`
}

test.describe('governor oversight', () => {
  test('records a meeting with the online safety governor and its action, marks the action done, and adds an annual review priority', async ({ app }) => {
    test.setTimeout(180_000)
    await setUpSchool(app)
    await openFromMenu(app, 'Governor oversight')
    await expect(app.getByRole('heading', { level: 1, name: 'Governor oversight' })).toBeVisible()
    await expect(app.getByTestId('oversight-meetings')).toContainText('No meeting with the online safety governor is recorded yet')
    await expect(app.getByTestId('oversight-actions')).toContainText('Every oversight action is done.')
    await expectAccessible(app)
    await screenshot(app, 'oversight-empty')

    // The meeting: refused without its names and notes, then recorded with one action.
    await app.getByTestId('oversight-record-meeting').click()
    const meeting = app.getByTestId('oversight-meeting-dialog')
    await expect(meeting.getByLabel('Met on')).toBeFocused()
    await meeting.getByTestId('oversight-meeting-save').click()
    await expect(meeting.getByText('Please enter the notes of the meeting.')).toBeVisible()
    await expect(meeting.getByText('Please enter the governor’s name.')).toBeVisible()
    await meeting.getByLabel('Met on').fill(ukDayFromToday(-2))
    await meeting.getByLabel('Governor', { exact: true }).fill('Gareth Bowen')
    await meeting.getByLabel('DSL', { exact: true }).fill('Siân Griffiths')
    await meeting.getByLabel('Also present (optional)').fill('Headteacher')
    await meeting.getByLabel('Notes: what was looked at and agreed').fill('Went through the half term’s incident figures (numbers only) and the filtering review. The governor asked how staff report a site that is wrongly blocked.')
    await meeting.getByTestId('oversight-add-meeting-action').click()
    await meeting.getByLabel('Action 1', { exact: true }).fill('Remind staff how to ask for a site to be unblocked')
    await meeting.getByLabel('Owner').fill('DSL')
    await meeting.getByLabel('Due by').fill(ukDayFromToday(14))
    await meeting.getByLabel('Due by').blur()
    await expectAccessible(app)
    await screenshot(app, 'oversight-meeting-dialog')
    await meeting.getByTestId('oversight-meeting-save').click()
    await expect(app.getByTestId('oversight-done')).toHaveText(`The meeting of ${ukDayFromToday(-2)} is recorded with 1 action.`)
    await expect(app.getByTestId('oversight-last')).toHaveText(`Last met on ${ukDayFromToday(-2)}.`)
    await expect(app.getByTestId('oversight-meetings')).toContainText('0 of 1 done')
    await expect(app.getByTestId('oversight-open-count')).toHaveText('1 action open.')
    await expect(app.getByTestId('oversight-actions')).toContainText(`Meeting of ${ukDayFromToday(-2)}`)

    // The action, done.
    await app.getByRole('button', { name: 'Mark done: Remind staff how to ask for a site to be unblocked' }).click()
    const doneDialog = app.getByTestId('oversight-done-dialog')
    await doneDialog.getByTestId('oversight-done-save').click()
    await expect(doneDialog.getByText('Please enter what was done.')).toBeVisible()
    await doneDialog.getByLabel('What was done').fill('Said at the staff briefing and in the weekly bulletin.')
    await expectAccessible(app)
    await screenshot(app, 'oversight-done-dialog')
    await doneDialog.getByTestId('oversight-done-save').click()
    await expect(app.getByTestId('oversight-done')).toHaveText('Marked done: Remind staff how to ask for a site to be unblocked.')
    await expect(app.getByTestId('oversight-open-count')).toHaveText('None open.')
    await expect(app.getByTestId('oversight-meetings')).toContainText('1 of 1 done')

    // The meeting in full, with what became of its action.
    await app.getByRole('button', { name: `Show the meeting of ${ukDayFromToday(-2)}` }).click()
    const detail = app.getByTestId('oversight-meeting-detail')
    await expect(detail).toContainText('Gareth Bowen (governor) and Siân Griffiths (DSL); also Headteacher')
    await expect(detail).toContainText('Said at the staff briefing and in the weekly bulletin.')
    await expectAccessible(app)
    await screenshot(app, 'oversight-meeting-detail')
    await detail.getByRole('button', { name: 'Close' }).click()

    // A priority from the annual review, followed as an action too.
    await app.getByTestId('oversight-add-action').click()
    const add = app.getByTestId('oversight-action-dialog')
    await add.getByLabel('Action', { exact: true }).fill('Bring the parents’ online safety page up to date')
    await add.getByLabel('Owner').fill('Business manager')
    await add.getByLabel('Due by').fill(ukDayFromToday(40))
    await add.getByLabel('Due by').blur()
    await expectAccessible(app)
    await screenshot(app, 'oversight-action-dialog')
    await add.getByTestId('oversight-action-save').click()
    await expect(app.getByTestId('oversight-done')).toContainText('Added: Bring the parents’ online safety page up to date, due by')
    await expect(app.getByTestId('oversight-actions')).toContainText('Annual review')
    await app.getByTestId('oversight-show').click()
    await app.getByRole('option', { name: 'All actions' }).click()
    await expect(app.getByTestId('oversight-actions')).toContainText('Said at the staff briefing')
    await expectAccessible(app)
    await screenshot(app, 'oversight-overview')
  })
})

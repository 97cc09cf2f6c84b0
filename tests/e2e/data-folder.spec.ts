import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { machineRoot, nextPick, nextSave, picksAsked } from './pickers'
import { MANAGER, openFromMenu, setUpSchool, signIn } from './register'

// The native pickers and the data folder. The bridge answers each picker from a queue the spec
// fills (nextPick), as the main process answers from Electron's dialogs.

test.describe('native pickers', () => {
  test('backs up to a folder chosen in the picker, and restores a backup file chosen in the picker', async ({ app, request }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Backups')

    // Cancel leaves the field as it was.
    await nextPick(request, null)
    await app.getByTestId('backup-choose-folder').click()
    await expect(app.getByLabel('Folder')).toHaveValue('')

    const usb = await nextPick(request, 'USB stick')
    await app.getByTestId('backup-choose-folder').click()
    await expect(app.getByLabel('Folder')).toHaveValue(usb!)
    await app.getByTestId('backup-to-folder').click()
    await expect(app.getByTestId('backup-folder-made')).toContainText(`Backup saved as ${usb}/`)
    const made = readdirSync(usb!).find((n) => n.endsWith('.osrbackup'))!
    expect(made).toBeTruthy()

    await nextPick(request, join('USB stick', made), 'file')
    await app.getByTestId('restore-choose-file').click()
    // Choosing a file means "check this one": what it holds is shown straight away.
    await expect(app.getByTestId('restore-check')).toContainText('Belongs to this school')
    await expect(app.getByLabel('Backup file')).toHaveValue(join(usb!, made))
    expect(await picksAsked(request)).toEqual([
      { kind: 'folder', title: 'Choose the folder to back up to (for example the USB stick)' },
      { kind: 'folder', title: 'Choose the folder to back up to (for example the USB stick)' },
      { kind: 'file', title: 'Choose the backup to restore' },
    ])
    await expectAccessible(app)
  })

  test('saves a report with the Save window, asking first when the folder is synced to OneDrive, and replaces a file only when the user said so', async ({ app, request }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Reports')
    await app.getByLabel(/Audit trail/).check()
    await app.getByRole('button', { name: 'This academic year', exact: false }).click()
    const started = app.waitForResponse((r) => r.url().endsWith('/__bridge/call') && (r.request().postDataJSON() as { method?: string }).method === 'reports.start')
    await app.getByTestId('make-report-button').click()
    const { jobId } = ((await (await started).json()) as { value: { jobId: string } }).value
    await expect(app.getByTestId('report-done')).toBeVisible({ timeout: 30_000 })
    const root = await machineRoot(request)

    // Cancel in the Save window: nothing happens.
    await nextSave(request, null)
    await app.getByTestId('save-report').click()
    await expect.poll(async () => (await picksAsked(request)).length).toBe(1)
    const [asked] = await picksAsked(request)
    // It opens in Documents, with the report's name filled in and PDF as the one type.
    expect(asked).toEqual({ kind: 'save', title: 'Save a copy of the report', defaultPath: expect.stringMatching(/^.*[\\/]Documents[\\/]Audit trail .*\.pdf$/), filters: [{ name: 'PDF document', extensions: ['pdf'] }] })
    expect(asked!.defaultPath!.startsWith(join(root, 'Documents'))).toBe(true)
    await expect(app.getByTestId('saved-to')).toHaveCount(0)

    const synced = await nextSave(request, 'OneDrive - Hilltop/Reports/Audit trail.pdf')
    await app.getByTestId('save-report').click()
    const warning = app.getByTestId('export-warning')
    await expect(warning).toContainText('This folder is synced to OneDrive: a copy of the file will leave this computer and be stored online.')
    await expect(warning.getByTestId('export-warning-file')).toHaveText(synced!)
    await expectAccessible(app)
    await screenshot(app, 'export-warning')
    await warning.getByRole('button', { name: 'Cancel' }).click()
    await expect(warning).toHaveCount(0)
    expect(readdirSync(dirname(synced!))).toEqual([])
    await expect(app.getByTestId('saved-to')).toHaveCount(0)

    await nextSave(request, 'OneDrive - Hilltop/Reports/Audit trail.pdf')
    await app.getByTestId('save-report').click()
    await app.getByTestId('export-warning-go').click()
    await expect(app.getByTestId('saved-to')).toHaveText(`Saved as ${synced}`)
    expect(execFileSync('pdfsig', [synced!], { encoding: 'utf8' })).toContain('Signature is Valid.')
    // The next Save window opens where the last copy went.
    expect((await picksAsked(request)).at(-1)!.defaultPath!.startsWith(dirname(synced!))).toBe(true)

    // A folder on this computer is used without a question.
    const local = await nextSave(request, 'Governors/Audit for the governors.pdf')
    await app.getByTestId('save-report').click()
    await expect(app.getByTestId('saved-to')).toHaveText(`Saved as ${local}`)
    await expect(app.getByTestId('export-warning')).toHaveCount(0)
    await expectAccessible(app)
    await screenshot(app, 'report-saved')

    // The Save window returns a file that is there only after the user said yes to replacing it.
    writeFileSync(local!, 'last term’s copy')
    await nextSave(request, 'Governors/Audit for the governors.pdf')
    await app.getByTestId('save-report').click()
    await expect.poll(() => readFileSync(local!).subarray(0, 5).toString()).toBe('%PDF-')
    await expect(app.getByTestId('saved-to')).toHaveText(`Saved as ${local}`)
    expect(readdirSync(dirname(local!))).toEqual(['Audit for the governors.pdf'])

    // A window asking to replace a file on its own is refused: only the Save window's answer allows it.
    writeFileSync(local!, 'last term’s copy')
    const forced = await request.post('/__bridge/call', { data: { method: 'reports.save', input: { jobId, file: local, replace: true } } })
    expect(await forced.json()).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/^The app replaces a file only when you have just said yes/) } })
    expect(readFileSync(local!, 'utf8')).toBe('last term’s copy')
  })
})

test.describe('the data folder', () => {
  test('shows where the records are, explains a refused folder, moves them and signs in again from the new place', async ({ app, request }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Settings')
    const root = await machineRoot(request)
    const card = app.getByTestId('data-folder-card')
    await expect(app.getByTestId('data-folder-path')).toHaveText(join(root, 'Online Safety Register'))

    await nextPick(request, 'Dropbox/Register')
    await card.getByTestId('data-folder-move').click()
    await expect(app.getByTestId('data-folder-refusal')).toContainText('This folder is inside Dropbox. The register must live on this computer’s own disk')
    await expectAccessible(app)
    await screenshot(app, 'data-folder-refused')

    const target = await nextPick(request, 'Second disk/Online Safety Register')
    await card.getByTestId('data-folder-move').click()
    const confirm = app.getByTestId('confirm-dialog')
    await expect(confirm.getByTestId('data-folder-target')).toHaveText(target!)
    await expectAccessible(app)
    await confirm.getByRole('button', { name: 'Move the records' }).click()
    await expect(app.getByTestId('data-folder-moved')).toContainText(`The records are now in ${target}`)
    expect(existsSync(join(target!, 'register.db'))).toBe(true)
    await expectAccessible(app)
    await screenshot(app, 'data-folder-moved')

    await app.getByTestId('data-folder-restart').click()
    await signIn(app, MANAGER.username, MANAGER.password)
    await expect(app.getByRole('navigation', { name: 'Main menu' })).toBeVisible()
    await openFromMenu(app, 'Settings')
    await expect(app.getByTestId('data-folder-path')).toHaveText(target!)
    await expect(app.getByTestId('data-folder-card')).toContainText(`It was moved there from ${join(root, 'Online Safety Register')}.`)
    // The sign-in at the new place removed the old copy: only the note of where the records went is left.
    expect(readdirSync(join(root, 'Online Safety Register'))).toEqual(['location.json'])
  })
})

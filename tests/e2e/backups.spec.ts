import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { MANAGER, SCHOOL, openFromMenu, setUpSchool, signIn } from './register'

test.describe('backups', () => {
  test('back up now appears in the list; restoring it checks the file, asks for the school name and locks', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Backups')
    await expect(app.getByTestId('backups-overview')).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'backups-empty')

    await app.getByRole('button', { name: 'Back up now' }).click()
    await expect(app.getByTestId('backup-made')).toContainText(/Backup made at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
    const table = app.getByTestId('backups-table')
    await expect(table).toContainText('Backed up by hand')
    await expect(app.getByTestId('last-backup')).toContainText(/Last backup: \d{2}\/\d{2}\/\d{4}/)
    await expectAccessible(app)
    await screenshot(app, 'backups-made')

    // A path that is not a backup is named under the field.
    await app.getByLabel('Backup file').fill('/no/such/file.osrbackup')
    await app.getByRole('button', { name: 'Check this file' }).click()
    await expect(app.getByTestId('restore-file')).toContainText(/./)
    await expect(app.getByTestId('restore-check')).toHaveCount(0)

    await table.getByRole('button', { name: /Restore the backup made/ }).first().click()
    await expect(app.getByLabel('Backup file')).toBeFocused()
    await expect(app.getByLabel('Backup file')).not.toHaveValue('')
    await app.getByRole('button', { name: 'Check this file' }).click()
    await expect(app.getByTestId('restore-school')).toHaveText(SCHOOL.name)
    await expect(app.getByTestId('restore-check')).toContainText('Belongs to this school')
    await expectAccessible(app)
    await screenshot(app, 'backups-restore-check')

    await app.getByLabel(/Type the school’s name to confirm/).fill('Some Other School')
    await app.getByRole('button', { name: 'Replace the records with this backup' }).click()
    await expect(app.getByTestId('restore-confirm-name')).toContainText('type the school’s name exactly')
    await app.getByLabel(/Type the school’s name to confirm/).fill(SCHOOL.name)
    await app.getByRole('button', { name: 'Replace the records with this backup' }).click()

    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 })
    await expect(app.getByTestId('login-notice')).toContainText('The backup has been restored')
    await screenshot(app, 'backups-restored-sign-in')
    await signIn(app, MANAGER.username, MANAGER.password)
    await expect(app.getByTestId('status-unlocked')).toBeVisible()
  })

  test('back up to a folder (a USB stick), and a file given instead of a folder is named', async ({ app }) => {
    // Stands in for the USB stick; the bridge's core runs on this machine, so it can see it.
    const stick = mkdtempSync(join(tmpdir(), 'osr-usb-'))
    try {
      const notAFolder = join(stick, 'notes.txt')
      writeFileSync(notAFolder, 'not a folder')
      await setUpSchool(app)
      await openFromMenu(app, 'Backups')
      await app.getByLabel('Folder').fill(notAFolder)
      await app.getByRole('button', { name: 'Back up to this folder' }).click()
      // The core's own sentence, whatever its wording: under the field, and nothing made.
      await expect(app.getByTestId('backup-folder').locator('.v-messages')).toContainText(/not a folder|could not/)
      await expect(app.getByTestId('backup-folder-made')).toHaveCount(0)
      await app.getByLabel('Folder').fill(stick)
      await app.getByRole('button', { name: 'Back up to this folder' }).click()
      await expect(app.getByTestId('backup-folder-made')).toContainText(`Backup saved as ${stick}`)
      await screenshot(app, 'backups-to-folder')
    } finally {
      rmSync(stick, { recursive: true, force: true })
    }
  })
})

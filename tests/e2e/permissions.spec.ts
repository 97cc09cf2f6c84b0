import { execFileSync } from 'node:child_process'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

test.describe('the permission register', () => {
  test('grants a USB permission, records a scan, clears the stick by serial number, revokes it, and prints the signed register', async ({ app, request }) => {
    // Axe runs on every state along a long flow: on a shared two-core machine that takes a while.
    test.setTimeout(240_000)
    await setUpSchool(app)
    // The teacher comes from the people directory (imported from the MIS in a real school).
    const made = await request.post('/__bridge/call', {
      data: { method: 'people.create', input: { kind: 'staff', forename: 'Seán', surname: "O'Brien", staffGroup: 'teaching', jobTitle: 'Teacher of Computing' } },
    })
    expect(((await made.json()) as { ok: boolean }).ok).toBe(true)

    await expect(app.getByTestId('dashboard-attention')).toBeVisible()
    await expect(app.getByTestId('dashboard-attention')).not.toContainText('Portable media to scan')
    await expectAccessible(app)
    await openFromMenu(app, 'Permission register')
    await expect(app.getByTestId('serial-input').locator('input')).toBeFocused()
    await expect(app.getByTestId('permissions-empty')).toContainText('No permissions in force')
    await expectAccessible(app)
    await screenshot(app, 'permissions-empty')

    // Grant: the cursor starts in "Who is it for?"; a password in a text box is refused and nothing is saved.
    await app.getByTestId('grant').click()
    const dialog = app.getByTestId('grant-dialog')
    await expect(dialog.getByLabel('Who is it for?')).toBeFocused()
    await dialog.getByLabel('Who is it for?').fill('seá')
    await app.getByRole('option', { name: /Seán O'Brien/ }).click()
    await dialog.getByLabel('Make and model').fill('Kingston DataTraveler 32GB')
    await dialog.getByLabel('Serial number').fill('AA12345678')
    await dialog.getByLabel('Authorised by (a senior member of staff)').fill('Mrs J. Patel, Headteacher')
    await dialog.getByLabel('Conditions (optional)').fill('Coursework only. password: Summer2024!')
    await dialog.getByTestId('grant-save').click()
    await expect(dialog.getByTestId('grant-conditions')).toContainText('This looks like a password. Never store passwords in the register: record only the account name.')
    await expectAccessible(app)
    await screenshot(app, 'permissions-grant-refused')
    await dialog.getByLabel('Conditions (optional)').fill('Coursework only')
    await dialog.getByTestId('grant-save').click()
    await expect(dialog).toBeHidden()
    await expect(app.getByTestId('permissions-done')).toContainText("Seán O'Brien is granted: Kingston DataTraveler 32GB, serial AA12345678.")

    // The new permission opens beside the list: record the scan.
    const detail = app.getByTestId('permission-detail')
    await expect(detail.getByTestId('no-scans')).toBeVisible()
    await expect(detail.getByTestId('permission-clearance')).toContainText('Not cleared: never scanned')
    await expectAccessible(app)
    await detail.getByTestId('record-scan').click()
    const scan = app.getByTestId('scan-dialog')
    await expect(scan.getByLabel('Anti-virus or anti-malware tool')).toBeFocused()
    await scan.getByLabel('Anti-virus or anti-malware tool').fill('Sophos Endpoint')
    await expectAccessible(app)
    await screenshot(app, 'permissions-scan-dialog')
    await scan.getByTestId('scan-save').click()
    await expect(scan).toBeHidden()
    await expect(detail.getByTestId('permission-clearance')).toContainText('Cleared until')
    await expect(detail.getByTestId('scans-table')).toContainText('Sophos Endpoint')
    await expectAccessible(app)
    await screenshot(app, 'permissions-detail')
    await detail.getByRole('button', { name: 'Close the permission' }).click()

    // At the desk: type the serial (any case, spaces), press Enter.
    const lookup = app.getByTestId('serial-input').locator('input')
    await lookup.fill('aa 1234 5678')
    await lookup.press('Enter')
    const answer = app.getByTestId('serial-answer')
    await expect(answer).toContainText('Cleared: this stick may be used')
    await expect(answer).toContainText("Seán O'Brien’s Kingston DataTraveler 32GB is permitted until")
    await expect(app.getByTestId('permissions-table').locator('tbody tr')).toHaveCount(1)
    await expectAccessible(app)
    await screenshot(app, 'permissions-cleared')

    // Revoke it: the same stick is now not permitted.
    await answer.getByRole('button', { name: 'See the permission' }).click()
    await detail.getByTestId('revoke').click()
    const revoke = app.getByTestId('revoke-dialog')
    await expect(revoke.getByLabel('Reason')).toBeFocused()
    await revoke.getByLabel('Reason').fill('Stick reported lost')
    await expectAccessible(app)
    await revoke.getByTestId('revoke-confirm').click()
    await expect(revoke).toBeHidden()
    await expect(detail.getByTestId('permission-status')).toHaveText('Revoked')
    await detail.getByRole('button', { name: 'Close the permission' }).click()
    await lookup.fill('AA12345678')
    await lookup.press('Enter')
    await expect(answer).toContainText('Not permitted: the permission was revoked')
    await expect(answer).toContainText('Stick reported lost')
    await expectAccessible(app)
    await screenshot(app, 'permissions-not-permitted')

    // The other views of the register, and a person's holdings.
    await app.getByTestId('tab-systems').click()
    await expect(app.getByTestId('held-systems-empty')).toBeVisible()
    await expectAccessible(app)
    await app.getByTestId('tab-leavers').click()
    await expect(app.getByTestId('leavers')).toContainText('Nobody who has left still holds anything')
    await expectAccessible(app)
    await screenshot(app, 'permissions-leavers')
    await app.getByTestId('tab-register').click()
    await app.getByTestId('permissions-status').click()
    await app.getByRole('option', { name: 'All, whatever their status' }).click()
    await app.getByRole('button', { name: "O'Brien, Seán: everything they hold" }).click()
    await expect(app.getByTestId('person-holdings')).toContainText('Kingston DataTraveler 32GB, serial AA12345678')
    await expectAccessible(app)
    await screenshot(app, 'permissions-person')
    await app.getByRole('button', { name: 'Close what this person holds' }).click()

    // Print the signed register: the bridge "opens" the file; its signature must be valid.
    await app.getByTestId('print-register').click()
    await expect(app.getByTestId('printed')).toContainText('The signed register is open to read or print', { timeout: 30_000 })
    const opened = (await (await request.get('/__bridge/opened')).json()) as string[]
    const file = opened.at(-1)!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('0 permissions in force')
    expect(text).toContain('Revoked in the twelve months')
    expect(text).toContain('Kingston DataTraveler 32GB, serial AA12345678')
    expect(text).toContain('Stick reported lost')
    await expectAccessible(app)
    await screenshot(app, 'permissions-printed')

    // Home: with the stick revoked, nothing from the register needs attention.
    await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).click()
    await expect(app.getByTestId('dashboard-attention')).toBeVisible()
    await expect(app.getByTestId('dashboard-attention')).not.toContainText('Portable media to scan')
    await expectAccessible(app)
    await screenshot(app, 'permissions-home-card')
    // The register opens filtered from a link.
    await app.evaluate(() => void (location.hash = '#/permissions?attention=expiring'))
    await expect(app.getByRole('heading', { level: 1, name: 'Permission register' })).toBeVisible()
    await expect(app.getByTestId('permissions-attention')).toContainText('Ending within 30 days')

    // The Reports screen makes the same register "as at" a chosen day.
    await openFromMenu(app, 'Reports')
    await app.getByLabel(/Permission register/).check()
    await expect(app.getByTestId('report-as-at').locator('input')).toBeVisible()
    await expectAccessible(app)
  })
})

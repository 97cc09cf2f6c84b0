import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'
import { nextSave, picksAsked } from './pickers'

test.describe('signed reports', () => {
  test('makes a signed report with progress, opens it, and the copy checks as genuine; an altered copy does not', async ({ app, request }, testInfo) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Reports')
    await expect(app.getByTestId('certificate-holder')).toContainText('Hilltop Primary School – reports')
    await expect(app.getByTestId('report-register')).toContainText('No reports have been issued yet')
    await expectAccessible(app)
    await screenshot(app, 'reports-empty')

    await app.getByLabel(/Audit trail/).check()
    await app.getByRole('button', { name: 'This academic year', exact: false }).click()
    await app.getByTestId('make-report-button').click()
    await expect(app.getByTestId('report-done')).toBeVisible({ timeout: 30_000 })
    await expect(app.getByTestId('report-done')).toContainText('signed and entered in the report register')
    await expect(app.getByTestId('report-register').locator('tbody tr').first()).toContainText('Audit trail')
    await expectAccessible(app)
    await screenshot(app, 'reports-done')

    // "Open" hands the file to the computer's PDF viewer (the test bridge records it).
    await app.getByTestId('open-report').click()
    await expect(app.getByTestId('saved-to')).toContainText('.pdf')
    const opened = (await (await request.get('/__bridge/opened')).json()) as string[]
    const file = opened.at(-1)!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')

    await openFromMenu(app, 'Check a PDF')
    await expectAccessible(app)
    await app.getByTestId('pdf-input').setInputFiles(file)
    await expect(app.getByTestId('check-result')).toContainText('Genuine and unaltered')
    await expect(app.getByTestId('check-result')).toContainText('this school’s certificate')
    await expectAccessible(app)
    await screenshot(app, 'check-pdf-genuine')

    const bytes = readFileSync(file)
    const at = bytes.indexOf('/Producer') + 12
    bytes.writeUInt8(bytes.readUInt8(at) ^ 1, at)
    const altered = testInfo.outputPath('altered.pdf')
    writeFileSync(altered, bytes)
    await app.getByTestId('pdf-input').setInputFiles(altered)
    await expect(app.getByTestId('check-result')).toContainText('Do not rely on this copy')
    await expect(app.getByTestId('check-result')).toContainText('Broken or missing')
    await screenshot(app, 'check-pdf-altered')
  })
})

test.describe('the school’s certificate', () => {
  test('saves as a .cer for readers outside the school, with the fingerprint the screen shows', async ({ app, request }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Reports')
    await expect(app.getByTestId('certificate-signs-until')).toContainText('then the app makes the next one by itself')
    const fingerprint = (await app.getByTestId('certificate-card').locator('code.fp').textContent())!.trim()
    const file = await nextSave(request, 'For governors/Hilltop certificate.cer')
    await app.getByTestId('export-certificate').click()
    await expect(app.getByTestId('certificate-saved-to')).toContainText('Hilltop certificate.cer')
    const asked = (await picksAsked(request)).at(-1)!
    expect(asked).toMatchObject({ kind: 'save', filters: [{ name: 'Security certificate', extensions: ['cer'] }] })
    expect(asked.defaultPath).toMatch(/Hilltop Primary School – reports\.cer$/)
    expect(execFileSync('openssl', ['x509', '-inform', 'DER', '-in', file!, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' })).toContain(`=${fingerprint}`)
    await expectAccessible(app)
    await screenshot(app, 'certificate-saved')
  })
})

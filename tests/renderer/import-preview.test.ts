import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ImportPreview } from '@shared/domain/people'
import ImportScreen from '@/features/people/import/import-screen.vue'
import { mountScreen, removeApi, signedInStatus, stubApi, type ApiStub } from './helpers'
import { flushPromises } from '@vue/test-utils'

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  type: 'pupils',
  layout: { id: 'sims-pupils', name: 'SIMS' },
  encoding: 'windows-1252',
  mappingSource: 'detected',
  mapping: { misId: 'Adno', forename: 'Legal Forename', surname: 'Legal Surname', dateOfBirth: 'DOB', yearGroup: 'Year' },
  headers: ['Adno', 'Legal Forename', 'Legal Surname', 'DOB', 'Year', 'Tutor'],
  missingFields: [],
  rowCount: 5,
  toAdd: [
    { line: 2, name: 'Zoë Fairbairn', misId: '001234' },
    { line: 3, name: 'Siôn Prydderch', misId: '001235' },
  ],
  toUpdate: [{ line: 5, name: 'Chidi Okafor', misId: '001237', personId: 9, rejoins: false, changes: [{ field: 'yearGroup', from: '7', to: '8' }] }],
  unchanged: [],
  badRows: [
    { line: 4, reason: 'The date of birth “31/02/2013” is not a real date (check the day and the month).', field: 'dateOfBirth' },
    { line: 6, reason: 'Year group “Nursery” is nursery: the register covers Reception to Year 13.', field: 'yearGroup' },
  ],
  notInFile: [],
  hint: null,
  ...over,
})

/** The file as Excel's "CSV (comma delimited)" saves it: Windows-1252, so ë is the one byte 0xEB. */
const FILE_BYTES = new Uint8Array([...new TextEncoder().encode('Adno,Legal Forename\n1,Zo'), 0xeb])
const FILE_BASE64 = btoa(String.fromCharCode(...FILE_BYTES))

async function choose(w: Awaited<ReturnType<typeof mountScreen>>['wrapper'], api: ApiStub) {
  const input = w.find('[data-testid="import-file"]')
  const file = new File([FILE_BYTES], 'pupils.csv', { type: 'text/csv' })
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  // Reading the file takes as long as the machine makes it: wait for the preview to be asked for.
  await vi.waitFor(() => expect(api.callsTo('people.importPreview').length).toBeGreaterThan(0))
  await flushPromises()
}

describe('the MIS import preview', () => {
  afterEach(removeApi)

  it('lists every bad row by its line and reason, and offers to import the rest with the exact counts', async () => {
    const api = stubApi({
      'app.status': () => signedInStatus(),
      'people.importPreview': () => preview(),
      'people.importApply': () => ({ type: 'pupils', layout: { id: 'sims-pupils', name: 'SIMS' }, added: 2, updated: 1, unchanged: 0, skipped: 2, archived: 0 }),
    })
    const { wrapper: w } = await mountScreen(ImportScreen, { at: '/' })
    await choose(w, api)
    expect(api.callsTo('people.importPreview')).toEqual([{ type: 'pupils', csvBase64: FILE_BASE64, mapping: undefined }])
    expect(w.find('[data-testid="import-layout"]').text()).toContain('SIMS')
    expect(w.find('[data-testid="import-encoding"]').text()).toContain('Read as Windows-1252 (Excel’s “CSV (comma delimited)”)')
    expect(w.find('[data-testid="import-counts"]').text()).toContain('2 to add')
    expect(w.find('[data-testid="import-counts"]').text()).toContain('1 to update')
    const rows = w.findAll('[data-testid="import-bad-rows"] tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([
      ['4', 'The date of birth “31/02/2013” is not a real date (check the day and the month).'],
      ['6', 'Year group “Nursery” is nursery: the register covers Reception to Year 13.'],
    ])
    expect(w.find('[data-testid="import-updates"]').text()).toContain('Year group: 7 → 8')
    const apply = w.find('[data-testid="import-apply"]')
    expect(apply.text()).toBe('Import 3 rows and skip 2 bad rows')
    await apply.trigger('click')
    await flushPromises()
    expect(api.callsTo('people.importApply')).toEqual([
      { type: 'pupils', csvBase64: FILE_BASE64, mapping: preview().mapping, skipBadRows: { good: 3, bad: 2 }, archiveMissing: false },
    ])
    expect(w.find('[data-testid="import-result"]').text()).toContain('2 added, 1 updated, 0 unchanged, 2 bad rows skipped')
  })

  it('asks for the columns it cannot find before offering anything', async () => {
    const api = stubApi({ 'app.status': () => signedInStatus(), 'people.importPreview': () => preview({ layout: { id: 'custom-1', name: 'Your own columns' }, missingFields: ['dateOfBirth', 'yearGroup'], badRows: [] }) })
    const { wrapper: w } = await mountScreen(ImportScreen, { at: '/' })
    await choose(w, api)
    expect(w.find('[data-testid="import-missing"]').text()).toContain('Choose them below')
    expect(w.find('[data-testid="map-dateOfBirth"]').text()).toContain('Choose the column that holds this.')
    expect(w.find('[data-testid="import-apply"]').exists()).toBe(false)
  })
})

import { computed, ref } from 'vue'
import { IMPORT_FIELD_SPECS, type ColumnMapping, type ImportField, type ImportPreview, type ImportResult, type ImportType } from '@shared/domain/people'
import { IMPORT_TOO_LARGE, MAX_IMPORT_CHARS } from '@shared/api/people-fields'
import { ApiCallError, call, messageOf } from '@/api'
import { fileToBase64 } from '@/features/reports/read-file'

/**
 * Importing pupils or staff from the MIS: read the CSV in the window, ask the core what it
 * would do (nothing is written), let the user fix the column mapping, then import in one go —
 * with bad rows only when the user has confirmed the exact counts to skip.
 */
export function useImport() {
  const type = ref<ImportType>('pupils')
  const fileName = ref<string | null>(null)
  /** The file's bytes as saved (base64): the core works out their encoding. */
  const csv = ref<string | null>(null)
  /** The mapping the user chose; null until they change the one the core proposed. */
  const mapping = ref<ColumnMapping | null>(null)
  const preview = ref<ImportPreview | null>(null)
  const result = ref<ImportResult | null>(null)
  const checking = ref(false)
  const importing = ref(false)
  const error = ref<string | null>(null)
  const mappingError = ref<{ field: string; message: string } | null>(null)
  const archiveMissing = ref(false)

  const good = computed(() => (preview.value ? preview.value.toAdd.length + preview.value.toUpdate.length + preview.value.unchanged.length : 0))
  const bad = computed(() => preview.value?.badRows.length ?? 0)
  const fields = computed(() => IMPORT_FIELD_SPECS[type.value])
  const canImport = computed(() => Boolean(preview.value && preview.value.missingFields.length === 0 && good.value + (archiveMissing.value ? preview.value.notInFile.length : 0) > 0))

  async function check(): Promise<void> {
    if (!csv.value) return
    checking.value = true
    error.value = null
    mappingError.value = null
    result.value = null
    try {
      preview.value = await call('people.importPreview', { type: type.value, csvBase64: csv.value, mapping: mapping.value ?? undefined })
    } catch (err) {
      const field = err instanceof ApiCallError ? (err.field ?? '') : ''
      if (field.startsWith('mapping') && preview.value) {
        // The proposed mapping stays on screen, with the message under the field it concerns.
        mappingError.value = { field: field.slice('mapping.'.length), message: messageOf(err) }
      } else {
        error.value = messageOf(err, 'The file could not be checked.')
        preview.value = null
      }
    } finally {
      checking.value = false
    }
  }

  async function chooseFile(file: File | undefined): Promise<void> {
    if (!file) return
    error.value = null
    result.value = null
    preview.value = null
    mapping.value = null
    archiveMissing.value = false
    if (file.size > MAX_IMPORT_CHARS) {
      error.value = IMPORT_TOO_LARGE
      return
    }
    try {
      csv.value = await fileToBase64(file)
      fileName.value = file.name
    } catch {
      error.value = 'The file could not be read. Export it again from the MIS and try once more.'
      return
    }
    await check()
  }

  async function chooseType(t: ImportType): Promise<void> {
    type.value = t
    mapping.value = null
    archiveMissing.value = false
    await check()
  }

  /** The user points a field at another column (or at none). */
  async function mapField(field: ImportField, heading: string | null): Promise<void> {
    const next: ColumnMapping = { ...(mapping.value ?? preview.value?.mapping ?? {}) }
    if (heading) next[field] = heading
    else Reflect.deleteProperty(next, field)
    mapping.value = next
    await check()
  }

  async function apply(): Promise<void> {
    if (!csv.value || !preview.value) return
    importing.value = true
    error.value = null
    try {
      result.value = await call('people.importApply', {
        type: type.value,
        csvBase64: csv.value,
        mapping: mapping.value ?? preview.value.mapping,
        skipBadRows: bad.value > 0 ? { good: good.value, bad: bad.value } : undefined,
        archiveMissing: archiveMissing.value,
      })
      preview.value = null
    } catch (err) {
      error.value = messageOf(err, 'Nothing was imported. Please try again.')
    } finally {
      importing.value = false
    }
  }

  function reset(): void {
    fileName.value = null
    csv.value = null
    mapping.value = null
    preview.value = null
    result.value = null
    error.value = null
    archiveMissing.value = false
  }

  return { type, fileName, csv, mapping, preview, result, checking, importing, error, mappingError, archiveMissing, good, bad, fields, canImport, check, chooseFile, chooseType, mapField, apply, reset }
}

export type ImportFlow = ReturnType<typeof useImport>

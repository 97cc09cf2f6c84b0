import { onBeforeUnmount, ref } from 'vue'
import type { MethodInput } from '@shared/api/contract'
import type { IssuedReport, ReportJob } from '@shared/domain/reports'
import { call, messageOf } from '@/api'
import { useSaveAs, type SaveTarget } from '@/lib/use-save-as'

const POLL_MS = 300

/**
 * One report being made: start it, follow its progress (the core lays it out in a worker
 * thread, so the window stays free), then open or save the signed PDF.
 */
export function useReportJob() {
  const job = ref<ReportJob | null>(null)
  const starting = ref(false)
  const error = ref<string | null>(null)
  const savedTo = ref<string | null>(null)
  const fileBusy = ref(false)
  const saveAs = useSaveAs()
  let timer: ReturnType<typeof setTimeout> | null = null

  function stop(): void {
    if (timer) clearTimeout(timer)
    timer = null
  }
  onBeforeUnmount(stop)

  async function follow(jobId: string): Promise<void> {
    try {
      job.value = await call('reports.job', { jobId })
      if (job.value.status === 'running') timer = setTimeout(() => void follow(jobId), POLL_MS)
      else if (job.value.status === 'failed') error.value = job.value.message
    } catch (err) {
      error.value = messageOf(err, 'The report’s progress could not be read.')
    }
  }

  async function start(input: MethodInput<'reports.start'>): Promise<boolean> {
    stop()
    job.value = null
    error.value = null
    savedTo.value = null
    starting.value = true
    try {
      const { jobId } = await call('reports.start', input)
      job.value = { jobId, status: 'running', progress: 0, stage: 'Starting…', report: null, message: null }
      void follow(jobId)
      return true
    } catch (err) {
      error.value = messageOf(err, 'The report could not be started.')
      throw err
    } finally {
      starting.value = false
    }
  }

  async function fileAction(method: 'reports.open' | 'reports.save', target?: SaveTarget): Promise<void> {
    if (!job.value) return
    fileBusy.value = true
    error.value = null
    try {
      savedTo.value = (await call(method, target ? { jobId: job.value.jobId, ...target } : { jobId: job.value.jobId })).file
    } catch (err) {
      error.value = messageOf(err, 'The report file could not be written.')
    } finally {
      fileBusy.value = false
    }
  }

  /** "Save a copy…": the computer's own Save window, with the report's name filled in (nothing when cancelled). */
  async function save(): Promise<void> {
    const report = job.value?.report
    if (!report) return
    error.value = null
    try {
      const chosen = await saveAs.choose('Save a copy of the report', report.fileName)
      if (chosen) await fileAction('reports.save', chosen)
    } catch (err) {
      error.value = messageOf(err, 'The Save window could not be opened. Please try again.')
    }
  }

  const issued = (): IssuedReport | null => job.value?.report ?? null

  return { job, starting, error, savedTo, fileBusy, start, open: () => fileAction('reports.open'), save, saveAs, issued }
}

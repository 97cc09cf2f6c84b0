import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { barChartSvg } from '../../electron/core/reports/charts/bar-chart'
import { renderSignedPdf } from '../../electron/core/reports/pdf/render-pdf'
import { generateSchoolCertificate } from '../../electron/core/reports/signing/certificate'
import { tempDir } from './helpers'
import { pdfsig, pdftotext } from './pdf-tools'

const MONTHS = ['Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug']

let cleanup: (() => void) | null = null
afterEach(() => {
  cleanup?.()
  cleanup = null
})

describe('charts for the screen and the PDF (ECharts, drawn without a browser)', () => {
  it('draws a bar chart as SVG with every count labelled, and pdfmake embeds it in a signed report', async () => {
    const svg = barChartSvg({
      categories: MONTHS,
      series: [
        { name: '2025–26', counts: [3, 5, 2, 7, 1, 0, 4, 6, 2, 3, 1, 0] },
        { name: '2024–25', counts: [2, 4, 3, 5, 2, 1, 3, 4, 1, 2, 0, 0] },
      ],
      width: 480,
      height: 200,
    })
    expect(svg).toMatch(/^<svg[^>]+width="480"/)
    for (const month of MONTHS) expect(svg).toContain(`>${month}<`)
    expect(svg).toContain('>2025–26<')

    const horizontal = barChartSvg({ categories: ['Cyberbullying', 'Online child sexual abuse or exploitation (incl. criminal exploitation)'], series: [{ name: 'Incidents', counts: [12, 1] }], width: 480, height: 120, horizontal: true })
    expect(horizontal).toContain('>12<')

    const t = tempDir('osr-chart-')
    cleanup = t.cleanup
    const cert = generateSchoolCertificate('Ysgol Llanfair')
    const frame = {
      schoolName: 'Ysgol Llanfair',
      logo: null,
      title: 'Chart check',
      periodLabel: '1 September 2025 to 31 August 2026',
      producedBy: 'Bethan Manager',
      producedOn: '24 November 2026',
      issuedAt: '2026-11-24T10:00:00.000Z',
      marking: 'OFFICIAL-SENSITIVE',
      anonymised: false,
      signature: { signer: 'Bethan Manager', registerNumber: '2027-0001', certificateHolder: cert.holder, certificateFingerprint: cert.fingerprint, certificateExpires: '2031' },
    }
    const { pdf } = await renderSignedPdf({ frame, content: [{ text: 'Incidents by month' }, { svg, width: 480 }, { svg: horizontal, width: 480 }] }, { p12: cert.p12, passphrase: cert.passphrase, name: cert.holder, location: 'Llanfair' })
    const file = join(t.dir, 'chart.pdf')
    writeFileSync(file, pdf)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    for (const words of ['Sep', 'Aug', '2024–25', 'Cyberbullying']) expect(text).toContain(words)
    if (process.env['OSR_KEEP_PAGES']) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', file, join(process.env['OSR_KEEP_PAGES'], 'chart')])
  })
})

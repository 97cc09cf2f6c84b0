import * as echarts from 'echarts'
import { barChartOption, type BarChart } from '../../../../shared/charts/bar-chart-option'

export type { BarChart } from '../../../../shared/charts/bar-chart-option'

/**
 * A bar chart as an SVG string, drawn by ECharts without a browser, for pdfmake to embed.
 * The screen draws the same chart from the same settings (shared/charts/bar-chart-option.ts).
 */
export function barChartSvg(chart: BarChart & { width: number; height: number }): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height })
  try {
    instance.setOption(barChartOption(chart))
    return instance.renderToSVGString()
  } finally {
    instance.dispose()
  }
}

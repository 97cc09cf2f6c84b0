import * as echarts from 'echarts'

/** The report's palette: the app's blue for this year, a quieter grey-blue for the year before. */
const SERIES_COLOURS = ['#1f4e8c', '#9fb3cf', '#c47f17', '#4a7d4f']

export interface BarChart {
  /** The labels along the axis: months, categories. */
  categories: string[]
  /** One or more series of counts, one count per category. */
  series: { name: string; counts: number[] }[]
  width: number
  height: number
  /** Bars run left to right with the labels down the side (long category names). */
  horizontal?: boolean
}

/**
 * A bar chart as an SVG string, drawn by ECharts without a browser. The same chart library
 * serves the screen (in the window) and the PDF (pdfmake embeds the SVG), so a figure looks the
 * same in both. Each bar carries its count as a label: the chart can be read without colour.
 */
export function barChartSvg(chart: BarChart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height })
  try {
    const valueAxis = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: 9, color: '#333' }, splitLine: { lineStyle: { color: '#e3e6eb' } } }
    const categoryAxis = {
      type: 'category' as const,
      data: chart.categories,
      axisLabel: { fontSize: 9, color: '#333', interval: 0, width: chart.horizontal ? 150 : undefined, overflow: chart.horizontal ? ('break' as const) : undefined },
      axisTick: { alignWithLabel: true },
    }
    instance.setOption({
      animation: false,
      textStyle: { fontFamily: 'Roboto' },
      color: SERIES_COLOURS,
      legend: chart.series.length > 1 ? { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 9 } } : undefined,
      grid: { left: chart.horizontal ? 160 : 36, right: 24, top: chart.series.length > 1 ? 26 : 10, bottom: 24 },
      xAxis: chart.horizontal ? valueAxis : categoryAxis,
      yAxis: chart.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: chart.series.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        data: s.counts,
        barMaxWidth: 18,
        label: { show: true, position: chart.horizontal ? ('right' as const) : ('top' as const), fontSize: 8, color: '#222' },
      })),
    })
    return instance.renderToSVGString()
  } finally {
    instance.dispose()
  }
}

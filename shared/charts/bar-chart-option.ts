import type { EChartsOption } from 'echarts'

/** The report's palette: the app's blue for this year, a quieter grey-blue for the year before. */
export const SERIES_COLOURS = ['#1f4e8c', '#8fa6c6', '#c47f17', '#4a7d4f']

export interface BarChart {
  /** The labels along the axis: months, categories. */
  categories: string[]
  /** One or more series of counts, one count per category. */
  series: { name: string; counts: number[] }[]
  /** Bars run left to right with the labels down the side (long category names). */
  horizontal?: boolean
  /** Room for the labels down the side of a horizontal chart, in pixels. */
  labelWidth?: number
}

/**
 * The ECharts settings for a bar chart, shared by the screen (ECharts in the window) and the PDF
 * (ECharts drawing SVG in the core), so a figure looks the same in both. Each bar carries its
 * count as a label: the chart can be read without colour, and printed in black and white.
 */
export function barChartOption(chart: BarChart, options: { fontFamily?: string; animation?: boolean; fontSize?: number } = {}): EChartsOption {
  // 9 pt reads well on paper; the screen passes a larger size.
  const size = options.fontSize ?? 9
  const labelWidth = chart.labelWidth ?? 150
  const valueAxis = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: size, color: '#333' }, splitLine: { lineStyle: { color: '#e3e6eb' } } }
  const categoryAxis = {
    type: 'category' as const,
    data: chart.categories,
    axisLabel: { fontSize: size, color: '#333', interval: 0, width: chart.horizontal ? labelWidth : undefined, overflow: chart.horizontal ? ('break' as const) : undefined },
    axisTick: { alignWithLabel: true },
  }
  return {
    animation: options.animation ?? false,
    textStyle: { fontFamily: options.fontFamily ?? 'Roboto' },
    color: SERIES_COLOURS,
    legend: chart.series.length > 1 ? { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: size } } : undefined,
    grid: { left: chart.horizontal ? labelWidth + 10 : 36, right: 24, top: chart.series.length > 1 ? 26 : 10, bottom: 24 },
    xAxis: chart.horizontal ? valueAxis : categoryAxis,
    yAxis: chart.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: chart.series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.counts,
      barMaxWidth: 18,
      label: { show: true, position: chart.horizontal ? ('right' as const) : ('top' as const), fontSize: size - 1, color: '#222' },
    })),
  }
}

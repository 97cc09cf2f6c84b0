// The window's code is minified, which strips the licence comments: the notices file must carry every
// bundled package's licence, and Apache ECharts' NOTICE, as its licence asks.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { thirdPartyNotices } from '../../scripts/vite/third-party-notices'

const nm = join(import.meta.dirname, '../../node_modules')

it('lists each bundled package once with its licence text and NOTICE, and nothing that is not bundled', () => {
  const plugin = thirdPartyNotices('Online Safety Register')
  const emitted: { fileName: string; source: string }[] = []
  const bundle = {
    'index.js': { type: 'chunk', modules: { [join(nm, 'vue/dist/vue.runtime.esm-bundler.js')]: {}, [join(import.meta.dirname, '../../renderer/src/main.ts')]: {} } },
    'bar-chart.js': {
      type: 'chunk',
      modules: { [join(nm, 'echarts/lib/echarts.js')]: {}, [join(nm, 'echarts/lib/chart/bar.js')]: {}, [`\0${join(nm, 'zrender/lib/zrender.js')}?commonjs`]: {} },
    },
    'index.css': { type: 'asset' },
  }
  const generate = plugin.generateBundle as unknown as (this: { emitFile: (f: { fileName: string; source: string }) => void }, o: unknown, b: unknown) => void
  generate.call({ emitFile: (f) => emitted.push(f) }, {}, bundle)

  expect(emitted.map((f) => f.fileName)).toEqual(['third-party-notices.txt'])
  const text = emitted[0]!.source
  const headings = text.split('\n').filter((l) => l.startsWith('==== ') && l.endsWith(' ===='))
  expect(headings.map((h) => h.split(' ')[1])).toEqual(['echarts', 'vue', 'zrender'])
  expect(text).toMatch(/==== echarts \S+ \(Apache-2\.0\) ====/)
  expect(text).toContain('--- NOTICE ---\nApache ECharts')
  expect(text).toContain('The Apache Software Foundation (https://www.apache.org/)')
  expect(text).toMatch(/==== vue \S+ \(MIT\) ====\n--- LICENSE ---\nThe MIT License/)
  expect(text).not.toContain('renderer/src')
})

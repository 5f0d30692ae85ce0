// Rule simulate.html: the report the CLI writes opens in a real browser (headless Chromium through
// playwright-core) with its chart drawn — every mark visible, on top, inside the chart — with no
// console error and no network request. Outside CI it skips, saying so, when Chromium is missing;
// with CI=true it never skips.
import { execFileSync } from 'node:child_process'
import { readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { bundleCli, fixture } from './simulateSupport.js'

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 })

/** The Chromium on the PATH (Debian's package), if any. */
const chromiumPath = ((): string | undefined => {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined
    )
  } catch {
    return undefined
  }
})()
const inCi = process.env.CI === 'true'
if (chromiumPath === undefined && !inCi)
  console.warn(
    'simulateReport.test.ts: SKIPPED — no `chromium` on the PATH (apt-get install -y chromium); CI never skips it.',
  )

/** The flags that keep Chromium off the (closed) network and out of the sandbox a container lacks. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** What the page says of one chart mark. */
interface Mark {
  readonly kind: string
  readonly run: string
  readonly cycle: string
  readonly width: number
  readonly height: number
  readonly fill: string
  /** The mark itself is what a click at its centre would hit: nothing hides it. */
  readonly onTop: boolean
}

/** What the page's objects offer the measure: the project compiles without the DOM's types. */
interface PageElement {
  readonly getBoundingClientRect: () => {
    readonly x: number
    readonly y: number
    readonly width: number
    readonly height: number
  }
  readonly getAttribute: (name: string) => string
  readonly parentElement: unknown
}
interface PageGlobals {
  readonly document: { readonly elementFromPoint: (x: number, y: number) => PageElement | null }
  readonly getComputedStyle: (element: PageElement) => { readonly fill: string }
}

/** Measures the marks, in the page. */
const measureMarks = (rects: ReadonlyArray<unknown>): ReadonlyArray<Mark> => {
  const page = globalThis as unknown as PageGlobals
  return (rects as ReadonlyArray<PageElement>).map((rect) => {
    const r = rect.getBoundingClientRect()
    const atCentre = page.document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return {
      kind: rect.getAttribute('class'),
      run: rect.getAttribute('data-run'),
      cycle: rect.getAttribute('data-cycle'),
      width: r.width,
      height: r.height,
      fill: page.getComputedStyle(rect).fill,
      onTop: atCentre === rect || atCentre?.parentElement === rect,
    }
  })
}

describe.skipIf(chromiumPath === undefined && !inCi)(
  'the HTML report in Chromium (rule simulate.html)',
  () => {
    let cli: Awaited<ReturnType<typeof bundleCli>>
    let browser: Browser
    let report: string

    beforeAll(async () => {
      if (chromiumPath === undefined)
        throw new Error('CI=true and no chromium on the PATH: install it (.ci/run does)')
      cli = await bundleCli()
      const stream = await cli.run([
        'simulate',
        'generate',
        '--customers',
        '150',
        '--days',
        '85',
        '--seed',
        '2',
      ])
      const events = path.join(cli.directory, 'ops.ndjson')
      await writeFile(events, stream.stdout)
      report = path.join(cli.directory, 'report.html')
      const result = await cli.run([
        'simulate',
        '--target',
        fixture('milestone.json'),
        '--compare',
        fixture('milestone-120.json'),
        '--events',
        events,
        '--html',
        report,
      ])
      expect(result.code).toBe(0)
      browser = await chromium.launch({ executablePath: chromiumPath, args: FLAGS })
    })

    afterAll(async () => {
      await browser.close()
      await cli.dispose()
    })

    it('renders the chart with its marks visible, takes a screenshot, logs no error and requests nothing', async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      const errors: Array<string> = []
      const requests: Array<string> = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('request', (request) => requests.push(request.url()))
      const url = pathToFileURL(report).href
      await page.goto(url, { waitUntil: 'load' })

      const chart = page.locator('svg.chart')
      await expect.poll(() => chart.isVisible()).toBe(true)
      const box = await chart.boundingBox()
      expect(box?.width).toBeGreaterThan(400)
      expect(box?.height).toBeGreaterThan(200)
      // Three cycles, two targets: issued bars for both, forfeits stacked on them (PERIOD_END).
      const marks = await page.locator('svg.chart rect.mark').evaluateAll(measureMarks)
      expect(
        marks.filter((m) => m.kind === 'mark issued').map((m) => `${m.run}:${m.cycle}`),
      ).toEqual(['0:1', '1:1', '0:2', '1:2'])
      expect(marks.some((m) => m.kind === 'mark forfeited')).toBe(true)
      for (const mark of marks) {
        expect(mark.width).toBeGreaterThan(2)
        expect(mark.height).toBeGreaterThan(0)
        expect(mark.fill).not.toBe('none')
        expect(mark.onTop).toBe(true)
      }
      // The summary tables: one per target and the comparison, each with a row per cycle and a total.
      expect(await page.locator('table').count()).toBe(3)
      expect(await page.locator('table').first().locator('tbody tr').count()).toBe(4)

      const screenshot = path.join(cli.directory, 'report.png')
      await page.screenshot({ path: screenshot, fullPage: true })
      const png = await readFile(screenshot)
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect((await stat(screenshot)).size).toBeGreaterThan(10_000)

      expect(errors).toEqual([])
      expect(requests).toEqual([url])
      await page.close()
    })
  },
)

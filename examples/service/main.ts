// `npm run service`: the service on PGlite (or on DATABASE_URL), with the demo's targets, on a
// port; it prints curl commands that play the seed's unenrolment case.
import { serve } from '@hono/node-server'

import { createApp } from './app.js'
import { configOf } from './config.js'
import { DEMO_CYCLE_MS, seedDemoTargets } from './demoTargets.js'
import { openDatabase } from './openDatabase.js'
import { startSweepLoop } from './sweepLoop.js'
import { TargetCatalog } from './targetStore.js'

const config = configOf(process.env)
const db = await openDatabase(config)
const targets = await seedDemoTargets(db, new Date())
const log = (message: string, error: unknown) => {
  console.error(message, error)
}
const app = createApp({
  db,
  basePath: config.basePath,
  sweepLagMs: config.sweepLagMs,
  sweepToken: config.sweepToken,
  log,
})
const stopSweeping =
  config.sweepEveryMs === 0
    ? () => Promise.resolve()
    : startSweepLoop(db, new TargetCatalog(), {
        everyMs: config.sweepEveryMs,
        lagMs: config.sweepLagMs,
        clock: () => new Date(),
        report: (report) => {
          if (report.settled > 0)
            console.log(`sweep: ${report.settled} customers settled, ${report.events} events`)
        },
        log,
      })

const curlCommands = (port: number): string => {
  const url = `http://127.0.0.1:${port}${config.basePath}/targetGroups/501/targets`
  const post = (target: number, endpoint: string, body: string) =>
    `curl -s -X POST ${url}/${target}/${endpoint} -H 'content-type: application/json' -d '${body}'; echo`
  const first = targets[0]?.cycles[0]
  return [
    `Demo targets: milestone ABC, group 501 (target 1 IMMEDIATE, target 2 PERIOD_END) and streak XYZ,`,
    `group 502 target 1; cycles of ${DEMO_CYCLE_MS / 60_000} minutes, c1 from ${first?.start.toISOString() ?? '?'} to ${first?.end.toISOString() ?? '?'}.`,
    '',
    '# enrol customer 423789336 in ABC (IMMEDIATE) with a balance of 4 transactions',
    post(1, 'enroll', '[{"customerId": 423789336, "initialBalance": 4}]'),
    '# the 5th transaction reaches the goal: the reward is issued at once',
    post(1, 'activity', '[{"customerId": 423789336, "transactionId": "pos-1001"}]'),
    '# the same transaction sent again: the first answer, counted once',
    post(1, 'activity', '[{"customerId": 423789336, "transactionId": "pos-1001"}]'),
    '# unenrol mid-cycle: out of this cycle and every later one; the reward stays issued',
    post(1, 'unEnroll', '[{"customerId": 423789336}]'),
    '# unenrol again: 310126 (not enrolled)',
    post(1, 'unEnroll', '[{"customerId": 423789336}]'),
    '# re-enrol (the same endpoint): the frozen progress of this cycle resumes, no second reward',
    post(1, 'enroll', '[{"customerId": 423789336}]'),
    '# enrol again: 310119 (already enrolled)',
    post(1, 'enroll', '[{"customerId": 423789336}]'),
    '# a customer id that is not one: 310011; a period the target does not have: 310019',
    post(1, 'enroll', '[{"customerId": "4237x"}]'),
    post(1, 'enroll', '[{"customerId": 423789337, "periodName": "c9"}]'),
    '# the enrolment, where the customer stands, and the rewards from the outbox',
    `curl -s ${url}/1/customers/423789336; echo`,
    '# PERIOD_END (target 2): achieved, then unenrolled in the cycle: forfeited at the cycle end',
    post(2, 'enroll', '[{"customerId": 423789336, "initialBalance": 5}]'),
    post(2, 'unEnroll', '[{"customerId": 423789336}]'),
    `# after c1 ends (+ the sweep's lag of ${config.sweepLagMs / 1000} s): REWARD_FORFEITED in the rewards`,
    `curl -s ${url}/2/customers/423789336; echo`,
    '# erasure',
    `curl -s -X DELETE ${url}/1/customers/423789336; echo`,
  ].join('\n')
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(
    `loyalty-streaks service on ${db.name}${config.databaseUrl === undefined ? ` (${config.dataDir})` : ''}, http://${info.address}:${info.port}${config.basePath}`,
  )
  console.log(curlCommands(info.port))
})

server.on('error', (error: Error) => {
  console.error(`cannot serve on port ${config.port}: ${error.message} (set PORT to another port)`)
  void stopSweeping()
    .then(() => db.close())
    .then(() => process.exit(1))
})

const stop = () => {
  server.close()
  void stopSweeping()
    .then(() => db.close())
    .then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

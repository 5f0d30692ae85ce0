// A child process of `npm run bench`: scaleRatio's sample (an activity, then an unenrolment and its
// re-enrolment, each on a random customer) run by the floor — one mutable Map of plain records —
// with a million customers against a thousand. Context, not a goal: what the host's memory makes
// a random customer cost at each size when the work per call is least.
import { MutableFloor } from '../floor.js'
import { alternating, log, prng, quick, report } from './harness.js'
import { origin, quietInstant, weekly } from './workloads.js'

const target = weekly()
const big = quick ? 20_000 : 1_000_000
const small = 1_000
const rounds = quick ? 4 : 20
const calls = quick ? 2_000 : 10_000
const DAY = 86_400_000

/** The floor with customers 1…`customers` enrolled and advanced, as `stateOf` builds the library's. */
const floorOf = (customers: number): MutableFloor => {
  const floor = new MutableFloor(target)
  const now = origin(target)
  for (let id = 1; id <= customers; id++) floor.enroll(id, now)
  floor.advance(now + 30 * DAY + 3_600_000)
  return floor
}

const refused = (what: string, id: number): never => {
  throw new Error(`the floor refused ${what} of customer ${id}`)
}

const sized = [
  { floor: floorOf(small), customers: small },
  { floor: floorOf(big), customers: big },
]
const random = prng(7)
const mid = quietInstant(target).getTime()
const ns = alternating(
  rounds,
  sized.map(({ floor, customers }) => () => {
    for (let call = 0; call < calls; call++) {
      const id = 1 + Math.floor(random() * customers)
      if (!floor.activity(id, mid)) refused('an activity', id)
      const other = 1 + Math.floor(random() * customers)
      if (!floor.unenroll(other, mid)) refused('an unenrolment', other)
      if (!floor.reenroll(other, mid)) refused('a re-enrolment', other)
    }
  }),
)
const [smallNs, bigNs] = ns.map((total) => total / (rounds * calls)) as [number, number]
log(
  `floor: a sample at ${small} customers ${smallNs.toFixed(0)} ns, at ${big} ${bigNs.toFixed(0)} ns`,
)
report({ floorScaleRatio: bigNs / smallNs, floorSampleNs: [smallNs, bigNs] })

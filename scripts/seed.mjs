// Synthetic but believable data for a tenant, posted through the public APIs exactly as an integration would:
// clinics (accounts admin API), one integrator key (gateway admin API), then EHR events (POST /v1/events) in
// batches of up to 500 — guarantors, visits with CPT/HCPCS lines, insurance remittances with deductible /
// coinsurance / copay splits, front-desk and mailed payments, self-pay discounts, a few disputes, returned mail,
// rebills, contact changes and complaints.
//
//   npm run seed -- --tenant demo --clinics 5 --balances 300 [--seed 1] [--day-ms 10000]
//                   [--gateway http://127.0.0.1:3000] [--accounts http://127.0.0.1:3001]
//                   [--anchor YYYY-MM-DD] [--batch 500] [--dry-run]
//
// Deterministic: the same --seed and --anchor (default: today, UTC) produce byte-identical events with the same
// IDs, so re-running the same seed on the same day is answered as duplicates and changes nothing. Different
// seeds use different account refs, so they add accounts instead of touching earlier ones.
// Every person, address and reference is invented: phones are in the 555-01xx range reserved for fiction,
// emails use example.com, payers and streets are made up.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseEventsRequest, MAX_BATCH_EVENTS } = require('../libs/contracts/dist');

// ---------------------------------------------------------------------------------------------- arguments
const USAGE = `usage: npm run seed -- --tenant demo --clinics 5 --balances 300
  --tenant ID        tenant to seed (default demo)
  --clinics N        clinics to create, 1-100 (default 5)
  --balances N       accounts with an open patient balance (default 300)
  --seed N           PRNG seed; same seed + anchor = same events (default 1)
  --day-ms MS        clinic cadence "day" length in ms (default 10000 for demo; 86400000 is a real day)
  --anchor DATE      "today" for the generated history, YYYY-MM-DD (default: today in UTC)
  --batch N          events per POST, 1-${MAX_BATCH_EVENTS} (default ${MAX_BATCH_EVENTS})
  --gateway URL      gateway base URL (default $GATEWAY_URL or http://127.0.0.1:3000)
  --accounts URL     accounts base URL (default $ACCOUNTS_URL or http://127.0.0.1:3001)
  --dry-run          generate and validate only; print the summary, post nothing
ADMIN_TOKEN must be set (set -a; source .data/courtesy.env; set +a).`;

function parseArgs(argv) {
  const spec = {
    tenant: 'str', clinics: 'int', balances: 'int', seed: 'int', 'day-ms': 'int', anchor: 'str', batch: 'int',
    gateway: 'str', accounts: 'str', 'dry-run': 'bool', help: 'bool',
  };
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in spec)) die(`unknown argument "${argv[i]}"\n${USAGE}`);
    const [, name, inline] = m;
    if (spec[name] === 'bool') { out[name] = true; continue; }
    const value = inline ?? argv[++i];
    if (value === undefined) die(`--${name} needs a value`);
    if (spec[name] === 'int') {
      if (!/^-?\d+$/.test(value)) die(`--${name} must be an integer (got "${value}")`);
      out[name] = Number(value);
    } else out[name] = value;
  }
  return out;
}

function die(message) {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(1);
}

const args = parseArgs(process.argv.slice(2));
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const tenantId = args.tenant ?? 'demo';
const clinicCount = args.clinics ?? 5;
const balanceCount = args.balances ?? 300;
const seed = args.seed ?? 1;
const dayLengthMs = args['day-ms'] ?? 10_000;
const batchSize = args.batch ?? MAX_BATCH_EVENTS;
const dryRun = args['dry-run'] ?? false;
const gateway = (args.gateway ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const accountsUrl = (args.accounts ?? process.env.ACCOUNTS_URL ?? 'http://127.0.0.1:3001').replace(/\/$/, '');
const anchor = args.anchor ?? new Date().toISOString().slice(0, 10);

if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(tenantId)) die('--tenant must be 1-64 letters, digits, ".", "_" or "-"');
if (clinicCount < 1 || clinicCount > 100) die('--clinics must be 1-100');
if (balanceCount < clinicCount || balanceCount > 100_000) die(`--balances must be between --clinics (${clinicCount}) and 100000`);
if (seed < 0 || seed > 2 ** 31) die('--seed must be a non-negative integer');
if (dayLengthMs < 1000 || dayLengthMs > 86_400_000) die('--day-ms must be 1000-86400000');
if (batchSize < 1 || batchSize > MAX_BATCH_EVENTS) die(`--batch must be 1-${MAX_BATCH_EVENTS}`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(anchor) || Number.isNaN(Date.parse(`${anchor}T00:00:00Z`))) die('--anchor must be YYYY-MM-DD');
const token = process.env.ADMIN_TOKEN;
if (!token && !dryRun) die('ADMIN_TOKEN is not set; run: set -a; source .data/courtesy.env; set +a');

// ------------------------------------------------------------------------------------------------- PRNG
// sfc32 seeded through splitmix32: small, fast, and good enough that nobody sees patterns in the data.
function makeRng(n) {
  let s = n >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}
const rnd = makeRng(seed * 2654435761 + 12345);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p) => rnd() < p;
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const weighted = (pairs) => {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
};
const roundTo = (cents, step) => Math.round(cents / step) * step;

// ------------------------------------------------------------------------------------------------- time
const DAY = 86_400_000;
const MIN = 60_000;
const anchorMs = Date.parse(`${anchor}T00:00:00Z`);
/** Nothing happens after this instant: every generated fact is history as of the anchor date. */
const horizonMs = anchorMs - 30 * MIN;

const offsetFormatters = new Map();
/** Minutes east of UTC for `tz` at `ms` (e.g. -300 for Chicago in winter). */
function tzOffsetMin(tz, ms) {
  let f = offsetFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    offsetFormatters.set(tz, f);
  }
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
/** The instant of local wall time `day` (UTC ms of the local calendar day) + minutes, in `tz`. */
function localToUtc(tz, dayMs, minutes) {
  const guess = dayMs + minutes * MIN;
  let t = guess - tzOffsetMin(tz, guess) * MIN;
  const off2 = tzOffsetMin(tz, t);
  t = guess - off2 * MIN;
  return t;
}
/** ISO-8601 with the zone's offset, as an EHR would send it: 2026-03-02T09:14:05-06:00. */
function isoLocal(tz, ms) {
  const off = tzOffsetMin(tz, ms);
  const local = new Date(ms + off * MIN).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
/** Local calendar day (as UTC ms at 00:00) that contains instant `ms` in `tz`. */
const localDay = (tz, ms) => Math.floor((ms + tzOffsetMin(tz, ms) * MIN) / DAY) * DAY;
const ymd = (dayMs) => new Date(dayMs).toISOString().slice(0, 10);
const isWeekend = (dayMs) => [0, 6].includes(new Date(dayMs).getUTCDay());
/** The next business day on or after `dayMs`. */
function businessDay(dayMs) {
  let d = dayMs;
  while (isWeekend(d)) d += DAY;
  return d;
}
/** A business-hours instant `days` after `fromMs`, in the clinic's zone. */
const officeTimeAfter = (tz, fromMs, days, fromMin = 9 * 60, toMin = 16 * 60 + 30) =>
  localToUtc(tz, businessDay(localDay(tz, fromMs) + days * DAY), int(fromMin, toMin));

// ------------------------------------------------------------------------------------------- reference data
const money = (c) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const STREET_WORDS = ['Maple', 'Cedar', 'Willow', 'Juniper', 'Sycamore', 'Heron', 'Aspen', 'Linden', 'Birch', 'Chestnut',
  'Orchard', 'Meadowlark', 'Quarry', 'Harbor', 'Foxglove', 'Kestrel', 'Bramble', 'Millrace', 'Tamarack', 'Larkspur'];
const STREET_TYPES = ['St', 'Ave', 'Rd', 'Ln', 'Ct', 'Dr', 'Way', 'Pl', 'Blvd', 'Ter'];

/** Clinic templates: one per region so the data spans US time zones (incl. Arizona's and Hawaii's). */
const CLINIC_TEMPLATES = [
  { id: 'lakeshore-pt', name: 'Lakeshore Physical Therapy', kind: 'pt', tz: 'America/Chicago', state: 'IL', area: ['312', '773', '847'],
    cities: [['Chicago', '60614'], ['Chicago', '60640'], ['Evanston', '60201'], ['Oak Park', '60302'], ['Skokie', '60076']],
    streets: ['Lakeview', 'Dunes', 'Prairie Rose', 'Kinzie Bend'], payers: ['Prairie Mutual Health', 'Great Lakes Benefit Plan', 'Heartland Union Health'] },
  { id: 'saguaro-fm', name: 'Saguaro Family Medicine', kind: 'gp', tz: 'America/Phoenix', state: 'AZ', area: ['602', '480', '623'],
    cities: [['Phoenix', '85016'], ['Tempe', '85281'], ['Mesa', '85201'], ['Glendale', '85301'], ['Chandler', '85225']],
    streets: ['Saguaro Bend', 'Ocotillo', 'Mesquite Flat', 'Palo Verde'], payers: ['Sonoran Care Insurance', 'Desert Bloom Health', 'Copper State Health Plan'] },
  { id: 'kona-counseling', name: 'Kona Coast Counseling', kind: 'mh', tz: 'Pacific/Honolulu', state: 'HI', area: ['808'],
    cities: [['Kailua-Kona', '96740'], ['Hilo', '96720'], ['Waimea', '96743'], ['Captain Cook', '96704']],
    streets: ['Kahili', 'Pualani', 'Makai View', 'Lehua'], payers: ['Aloha Pacific Health Plan', 'Island Ohana Benefit Trust'] },
  { id: 'hudson-ot', name: 'Hudson Valley Occupational Therapy', kind: 'ot', tz: 'America/New_York', state: 'NY', area: ['845', '914'],
    cities: [['Poughkeepsie', '12601'], ['Beacon', '12508'], ['Kingston', '12401'], ['Newburgh', '12550']],
    streets: ['Riverbend', 'Palisade', 'Catskill View', 'Orchard Hill'], payers: ['Hudson Valley Health Partners', 'Empire Crest Insurance', 'Keystone Workers Benefit Fund'] },
  { id: 'cascade-rehab', name: 'Cascade Rehab & Sports PT', kind: 'pt', tz: 'America/Los_Angeles', state: 'OR', area: ['503', '971'],
    cities: [['Portland', '97214'], ['Portland', '97202'], ['Beaverton', '97005'], ['Gresham', '97030'], ['Lake Oswego', '97034']],
    streets: ['Fir Crest', 'Douglas', 'Rainshadow', 'Salmonberry'], payers: ['Cascadia Benefit Trust', 'Evergreen Senior Advantage', 'Pacific Timber Health'] },
  { id: 'front-range-fp', name: 'Front Range Family Practice', kind: 'gp', tz: 'America/Denver', state: 'CO', area: ['303', '720'],
    cities: [['Denver', '80205'], ['Aurora', '80012'], ['Lakewood', '80226'], ['Boulder', '80302']],
    streets: ['Columbine', 'Foothill', 'Aspen Ridge', 'Blue Spruce'], payers: ['Summit Peak Health', 'Rocky Divide Insurance'] },
  { id: 'midnight-sun-bh', name: 'Midnight Sun Behavioral Health', kind: 'mh', tz: 'America/Anchorage', state: 'AK', area: ['907'],
    cities: [['Anchorage', '99501'], ['Anchorage', '99508'], ['Eagle River', '99577'], ['Palmer', '99645']],
    streets: ['Chugach', 'Fireweed', 'Tundra Rose', 'Spenard Loop'], payers: ['Northern Lights Health Plan', 'Denali Mutual'] },
  { id: 'bayou-city-therapy', name: 'Bayou City Therapy Group', kind: 'ot', tz: 'America/Chicago', state: 'TX', area: ['713', '832', '281'],
    cities: [['Houston', '77006'], ['Houston', '77025'], ['Pasadena', '77502'], ['Katy', '77494']],
    streets: ['Bluebonnet', 'Magnolia Bend', 'Buffalo Bayou', 'Live Oak'], payers: ['Lone Star Health Alliance', 'Gulf Coast Benefit Plan'] },
  { id: 'peachtree-pediatrics', name: 'Peachtree Pediatric & Family Care', kind: 'gp', tz: 'America/New_York', state: 'GA', area: ['404', '678', '770'],
    cities: [['Atlanta', '30308'], ['Decatur', '30030'], ['Marietta', '30060'], ['Smyrna', '30080']],
    streets: ['Dogwood', 'Peachtree Hollow', 'Red Clay', 'Pecan Grove'], payers: ['Peach State Health Cooperative', 'Southern Crescent Insurance'] },
  { id: 'great-basin-counseling', name: 'Great Basin Counseling', kind: 'mh', tz: 'America/Boise', state: 'ID', area: ['208'],
    cities: [['Boise', '83702'], ['Meridian', '83642'], ['Nampa', '83651'], ['Eagle', '83616']],
    streets: ['Sagebrush', 'Owyhee', 'Bitterroot', 'Camas'], payers: ['Snake River Health Plan', 'Treasure Valley Benefit Trust'] },
];

const PAYER_IDS = new Map();
const payerId = (name) => {
  if (!PAYER_IDS.has(name)) {
    const initials = name.split(/\s+/).map((w) => w[0]).join('').toUpperCase().slice(0, 3);
    PAYER_IDS.set(name, `${initials}${String(10 + PAYER_IDS.size * 7).padStart(2, '0')}`);
  }
  return PAYER_IDS.get(name);
};

/** [code, description, cents per unit, max units]. Units are 15-minute blocks for timed therapy codes. */
const SERVICES = {
  pt: {
    label: 'physical therapy', modifier: 'GP', visits: [4, 12], gap: [2, 4], perVisit: [2, 4],
    first: [['97161', 'PT evaluation, low complexity', 15_500, 1], ['97162', 'PT evaluation, moderate complexity', 17_800, 1], ['97163', 'PT evaluation, high complexity', 21_000, 1]],
    lines: [['97110', 'Therapeutic exercise, 15 min', 4_700, 3], ['97140', 'Manual therapy, 15 min', 4_300, 2], ['97112', 'Neuromuscular re-education, 15 min', 4_900, 2],
      ['97530', 'Therapeutic activities, 15 min', 5_100, 2], ['97116', 'Gait training, 15 min', 4_200, 2], ['97035', 'Ultrasound therapy, 15 min', 2_400, 1],
      ['G0283', 'Electrical stimulation, unattended', 2_200, 1], ['97010', 'Hot or cold packs', 1_500, 1]],
  },
  ot: {
    label: 'occupational therapy', modifier: 'GO', visits: [4, 10], gap: [2, 5], perVisit: [2, 3],
    first: [['97165', 'OT evaluation, low complexity', 15_800, 1], ['97166', 'OT evaluation, moderate complexity', 18_200, 1]],
    lines: [['97535', 'Self-care / home management training, 15 min', 5_000, 3], ['97530', 'Therapeutic activities, 15 min', 5_100, 3], ['97110', 'Therapeutic exercise, 15 min', 4_700, 2],
      ['97140', 'Manual therapy, 15 min', 4_300, 2], ['97760', 'Orthotic management and training, 15 min', 6_200, 1], ['97542', 'Wheelchair management, 15 min', 4_800, 1]],
  },
  mh: {
    label: 'counseling', modifier: null, visits: [3, 10], gap: [6, 8], perVisit: [1, 1],
    first: [['90791', 'Psychiatric diagnostic evaluation', 22_500, 1]],
    lines: [['90834', 'Psychotherapy, 45 min', 15_500, 1], ['90837', 'Psychotherapy, 60 min', 19_500, 1], ['90832', 'Psychotherapy, 30 min', 10_500, 1], ['90847', 'Family psychotherapy with patient, 50 min', 16_500, 1]],
    addOn: [['90785', 'Interactive complexity', 2_500, 1]],
  },
  gp: {
    label: 'primary care', modifier: null, visits: [1, 4], gap: [10, 45], perVisit: [1, 3],
    first: [['99203', 'New patient office visit, low complexity', 16_500, 1], ['99204', 'New patient office visit, moderate complexity', 25_000, 1]],
    main: [['99213', 'Office visit, established patient, low complexity', 13_500, 1], ['99214', 'Office visit, established patient, moderate complexity', 19_500, 1], ['99395', 'Preventive visit, age 18-39', 21_000, 1], ['99396', 'Preventive visit, age 40-64', 23_000, 1]],
    lines: [['36415', 'Routine venipuncture', 1_500, 1], ['85025', 'Complete blood count (CBC)', 3_500, 1], ['80053', 'Comprehensive metabolic panel', 4_500, 1], ['83036', 'Hemoglobin A1c', 4_200, 1],
      ['87880', 'Rapid strep test', 3_000, 1], ['90471', 'Immunization administration', 3_000, 1], ['90686', 'Influenza vaccine, quadrivalent', 4_500, 1], ['93000', 'Electrocardiogram (EKG) with interpretation', 6_500, 1], ['81002', 'Urinalysis, non-automated', 1_200, 1]],
  },
};

const FIRST_EN = ['Avery', 'Jordan', 'Grace', 'Malik', 'Priya', 'Dmitri', 'Keiko', 'Hannah', 'Marcus', 'Olivia', 'Ethan', 'Chloe', 'Noah', 'Imani', 'Liam', 'Sofia',
  'Caleb', 'Naomi', 'Wei', 'Aaliyah', 'Declan', 'Fatima', 'Henry', 'Ingrid', 'Jamal', 'Kaitlyn', 'Lucas', 'Mei', 'Nathan', 'Owen', 'Paige', 'Quinn', 'Rachel',
  'Samuel', 'Tessa', 'Uriel', 'Vanessa', 'Wesley', 'Yusuf', 'Zoe', 'Bridget', 'Colton', 'Deborah', 'Everett', 'Francesca', 'Gordon', 'Harriet', 'Isaac', 'Joanne', 'Kofi'];
const LAST_EN = ['Nguyen', 'Okafor', 'Schmidt', 'Patel', 'Haddad', 'Brennan', 'Kowalski', 'Tanaka', 'Johnson', 'Whitaker', 'Lindqvist', 'Abernathy', 'Chen',
  'Delacroix', 'Eriksen', 'Fitzgerald', 'Goldberg', 'Holloway', 'Iverson', 'Jablonski', 'Kim', 'Lundgren', "O'Connell", 'Mbeki', 'Novak', 'Osei', 'Petrov', 'Quinlan',
  'Rasmussen', 'Sorensen', 'Thibodeaux', 'Underwood', 'Vasquez-Hale', 'Washington', 'Yamamoto', 'Zielinski', 'Baptiste', 'Castellano', 'Dubois', 'Ellsworth'];
const FIRST_ES = ['María', 'José', 'Guadalupe', 'Alejandro', 'Lucía', 'Juan', 'Rosa', 'Luis', 'Carmen', 'Miguel', 'Ana', 'Jorge', 'Verónica', 'Tomás', 'Adriana',
  'Francisco', 'Mariana', 'Ricardo', 'Elena', 'Héctor', 'Ximena', 'Raúl', 'Beatriz', 'Joaquín', 'Itzel'];
const LAST_ES = ['García', 'Hernández', 'López', 'Martínez', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez',
  'Díaz', 'Morales', 'Ortiz', 'Castillo', 'Jiménez', 'Ruiz', 'Quintanilla-Reyes', 'Mendoza', 'Salazar', 'Aguilar', 'Vargas', 'Navarro'];
const FIRST_HI = ['Kalani', 'Leilani', 'Keoni', 'Noelani', 'Makoa', 'Haunani', 'Kenji', 'Mahina', 'Rowena', 'Dante'];
const LAST_HI = ['Kahananui', 'Nakamura', 'Akana', 'Santos', 'Kealoha', 'Fujimoto', 'Domingo', 'Kamaka', 'Higa', 'Pacheco'];
const MIDDLE = ['A.', 'J.', 'Marie', 'Lee', 'R.', 'T.', 'Ann', 'James', 'E.', 'Grace'];

const DISPUTE_TEXT = {
  amount_incorrect: ['Guarantor says the statement amount is higher than the estimate given at check-in.', 'Patient believes the copay was already paid at the visit and is being charged twice.'],
  insurance_not_billed: ['Guarantor says a new insurance card was given at check-in and the visit was never billed to it.', 'Patient reports secondary coverage through a spouse that was not billed.'],
  billing_error: ['Patient says two units were billed but the session was only 20 minutes.', 'Guarantor questions a charge dated on a day the clinic was closed.'],
  service_not_received: ['Patient says the visit on the statement was cancelled the day before.'],
  not_my_account: ['Caller says the statement was addressed to them but the patient is not a family member.'],
  other: ['Guarantor asked for an itemized bill before paying and wants collection activity paused until it arrives.'],
};
const COMPLAINT_TEXT = {
  contact_frequency: 'Guarantor felt two reminders in one week was too many and asked for email only.',
  contact_time: 'Patient received a reminder call during work hours and asked for evening contact.',
  tone: 'Patient felt the last statement wording sounded threatening.',
  billing: 'Guarantor unhappy that insurance paid less than expected and wants the EOB explained.',
};

// ---------------------------------------------------------------------------------------------- clinics
const clinics = Array.from({ length: clinicCount }, (_, i) => {
  const t = CLINIC_TEMPLATES[i % CLINIC_TEMPLATES.length];
  const round = Math.floor(i / CLINIC_TEMPLATES.length);
  return {
    ...t,
    id: round ? `${t.id}-${round + 1}` : t.id,
    name: round ? `${t.name} (${pick(t.cities)[0]} ${round + 1})` : t.name,
    phone: `+1${t.area[0]}55501${String(i % 100).padStart(2, '0')}`,
    weight: 0.7 + rnd() * 0.6,
    stats: { accounts: 0, events: 0 },
  };
});
// Spread the balances by weight; every clinic gets at least one.
const weightSum = clinics.reduce((s, c) => s + c.weight, 0);
const perClinic = clinics.map((c) => Math.max(1, Math.floor((balanceCount * c.weight) / weightSum)));
for (let i = 0; perClinic.reduce((a, b) => a + b, 0) < balanceCount; i++) perClinic[i % clinicCount]++;
for (let i = 0; perClinic.reduce((a, b) => a + b, 0) > balanceCount; i++) if (perClinic[i % clinicCount] > 1) perClinic[i % clinicCount]--;

// ------------------------------------------------------------------------------------------- generation
const totals = {
  chargeCents: 0, insurancePaidCents: 0, contractualCents: 0, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0,
  paymentCents: 0, adjustmentCents: 0, pendingVisits: 0, pendingCents: 0, selfPay: 0, families: 0,
};
const balances = [];
let visitSeq = 0;
let claimSeq = 0;
let refSeq = 0;
const perAccountEvents = [];

function makePerson(clinic) {
  const hispanic = chance(clinic.state === 'TX' || clinic.state === 'AZ' ? 0.38 : clinic.state === 'HI' ? 0.08 : 0.16);
  const hawaiian = !hispanic && clinic.state === 'HI' && chance(0.55);
  const first = hispanic ? pick(FIRST_ES) : hawaiian ? pick(FIRST_HI) : pick(FIRST_EN);
  const last = hispanic ? (chance(0.3) ? `${pick(LAST_ES)} ${pick(LAST_ES)}` : pick(LAST_ES)) : hawaiian ? pick(LAST_HI) : pick(LAST_EN);
  const born = int(1936, 2006);
  const name = { first, last };
  if (chance(0.25)) name.middle = pick(MIDDLE);
  if (!hispanic && chance(0.03)) name.suffix = pick(['Jr.', 'Sr.', 'III']);
  const ascii = (s) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const [city, zip] = pick(clinic.cities);
  const address = { line1: `${int(12, 9899)} ${pick([...clinic.streets, ...STREET_WORDS])} ${pick(STREET_TYPES)}`, city, state: clinic.state, postalCode: zip };
  if (chance(0.25)) address.line2 = pick(['Apt', 'Unit', 'Apt', '#'])+ ` ${int(1, 40)}${pick(['', 'A', 'B', 'C'])}`;
  return {
    name,
    dateOfBirth: `${born}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
    phone: chance(0.93) ? `+1${pick(clinic.area)}55501${String(int(0, 99)).padStart(2, '0')}` : undefined,
    email: chance(0.86) ? `${ascii(first)}.${ascii(last.split(' ')[0])}${chance(0.5) ? String(born % 100).padStart(2, '0') : ''}@example.com` : undefined,
    address,
    language: hispanic && chance(0.7) ? 'es' : 'en',
  };
}

function makePlan(clinic) {
  if (chance(0.07)) return { type: 'self_pay' };
  const payerName = chance(0.85) ? pick(clinic.payers) : pick(CLINIC_TEMPLATES.flatMap((t) => t.payers));
  const payer = { name: payerName };
  if (chance(0.9)) payer.payerId = payerId(payerName);
  const allowedRatio = 0.52 + rnd() * 0.28;
  const type = weighted([['copay', 3], ['deductible', 4], ['coinsurance', 3]]);
  const specialist = clinic.kind !== 'gp';
  return {
    type, payer, allowedRatio,
    copayCents: type === 'copay' ? pick(specialist ? [2500, 3000, 4000, 5000] : [2000, 2500, 3000, 3500]) : 0,
    deductibleLeft: type === 'deductible' ? pick([25_000, 50_000, 100_000, 150_000, 200_000, 300_000]) : 0,
    coinsurance: type === 'coinsurance' ? pick([0.1, 0.2, 0.2, 0.3]) : type === 'deductible' ? pick([0.1, 0.2]) : 0,
  };
}

function visitLines(svc, first) {
  const lines = [];
  const add = ([code, description, unitCents, maxUnits]) => {
    if (lines.some((l) => l.code === code)) return;
    const units = int(1, maxUnits);
    const line = { code, description: units > 1 ? `${description} x${units}` : description, chargeCents: unitCents * units };
    if (svc.modifier) line.modifiers = [svc.modifier];
    lines.push(line);
  };
  if (first) add(pick(svc.first));
  else if (svc.main) add(pick(svc.main));
  const extra = svc === SERVICES.mh ? (first ? 0 : 1) : int(svc.perVisit[0], svc.perVisit[1]) - (first || svc.main ? 1 : 0);
  for (let i = 0; i < extra; i++) add(pick(svc.lines));
  if (svc.addOn && chance(0.12)) add(pick(svc.addOn));
  return lines;
}

function eobSummary(billed, allowed, paid, pr) {
  const owed = pr.deductibleCents + pr.coinsuranceCents + pr.copayCents;
  const parts = [];
  if (pr.deductibleCents) parts.push(`${money(pr.deductibleCents)} toward your deductible`);
  if (pr.coinsuranceCents) parts.push(`${money(pr.coinsuranceCents)} coinsurance`);
  if (pr.copayCents) parts.push(`a ${money(pr.copayCents)} copay`);
  const split = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0] ?? 'nothing';
  return `Billed ${money(billed)}. Your plan allows ${money(allowed)} and paid ${money(paid)}. You owe ${money(owed)}: ${split}.`;
}

function generateAccount(clinic, index, sharedGuarantor) {
  const svc = SERVICES[clinic.kind];
  const accountRef = `ACC-${seed}-${String(index + 1).padStart(5, '0')}`;
  const person = sharedGuarantor?.person ?? makePerson(clinic);
  const plan = makePlan(clinic);
  const tz = clinic.tz;
  const events = []; // { at, type, data } in causal order; `at` is UTC ms
  const push = (at, type, data) => events.push({ at, type, data: { schemaVersion: 1, accountRef, ...data } });
  let expected = 0; // patient balance the ledger should show

  // Visits: a plan of care starting between ~5 months and ~4 days ago, on business days.
  const visitCount = int(svc.visits[0], svc.visits[1]);
  let day = businessDay(localDay(tz, anchorMs) - int(4, 165) * DAY);
  const visits = [];
  for (let v = 0; v < visitCount; v++) {
    const start = localToUtc(tz, day, int(8 * 60, 16 * 60 + 30));
    const checkout = start + int(35, 70) * MIN;
    if (checkout + 10 * MIN > horizonMs) break;
    visits.push({ day, start, checkout, lines: visitLines(svc, v === 0) });
    day = businessDay(day + int(svc.gap[0], svc.gap[1]) * DAY);
  }
  if (!visits.length) {
    const d = businessDay(localDay(tz, anchorMs) - 7 * DAY);
    const start = localToUtc(tz, d, 10 * 60);
    visits.push({ day: d, start, checkout: start + 45 * MIN, lines: visitLines(svc, true) });
  }

  // Guarantor and consent, captured on the intake form before the first visit.
  const intakeAt = visits[0].start - int(10, 25) * MIN;
  const consentAt = isoLocal(tz, intakeAt - int(1, 5) * MIN);
  const consentSource = chance(0.8) ? 'intake_form' : 'patient_portal';
  const smsGranted = person.phone !== undefined && chance(0.68);
  const emailGranted = person.email !== undefined && chance(0.82);
  const guarantor = {
    name: person.name, dateOfBirth: person.dateOfBirth, address: person.address, timeZone: tz, language: person.language,
    consent: { sms: { granted: smsGranted, at: consentAt, source: consentSource }, email: { granted: emailGranted, at: consentAt, source: consentSource } },
  };
  if (person.phone) guarantor.phone = person.phone;
  if (person.email) guarantor.email = person.email;
  if (sharedGuarantor) guarantor.familyAccountRefs = [sharedGuarantor.accountRef];
  push(intakeAt, 'guarantor.upserted', guarantor);
  const guarantorEvent = events[events.length - 1];

  // Charges, front-desk copays, self-pay discounts and remittances per visit.
  let deductibleLeft = plan.deductibleLeft;
  const remitted = [];
  for (const v of visits) {
    const visitRef = `V-${ymd(v.day).replaceAll('-', '')}-${String(++visitSeq).padStart(5, '0')}`;
    const billed = v.lines.reduce((s, l) => s + l.chargeCents, 0);
    v.visitRef = visitRef;
    push(v.checkout, 'visit.charged', { visitRef, serviceDate: ymd(v.day), providerRef: `PRV-${clinic.id.slice(0, 3).toUpperCase()}-${String(int(1, 6)).padStart(2, '0')}`, lines: v.lines });
    totals.chargeCents += billed;
    expected += billed;

    if (plan.type === 'self_pay') {
      const discount = roundTo(billed * 0.3, 100);
      push(v.checkout + 3 * MIN, 'adjustment.posted', { kind: 'courtesy_discount', amountCents: discount, reason: 'Self-pay discount, 30% of billed charges, per clinic financial policy.', visitRef });
      totals.adjustmentCents += discount;
      expected -= discount;
      if (chance(0.45)) {
        const deposit = Math.min(expected - 1000, pick([2500, 5000, 7500, 10_000]));
        if (deposit > 0) {
          push(v.checkout + 5 * MIN, 'payment.posted', { amountCents: deposit, method: pick(['card', 'card', 'cash', 'hsa_fsa']), receivedVia: 'front_desk', reference: `POS-${int(10_000, 99_999)}`, visitRef });
          totals.paymentCents += deposit;
          expected -= deposit;
        }
      }
      continue;
    }

    if (plan.type === 'copay' && chance(0.6)) {
      push(v.checkout + 4 * MIN, 'payment.posted', { amountCents: plan.copayCents, method: weighted([['card', 6], ['cash', 1.5], ['hsa_fsa', 1.5], ['check', 1]]), receivedVia: 'front_desk', reference: `POS-${int(10_000, 99_999)}`, visitRef });
      totals.paymentCents += plan.copayCents;
      expected -= plan.copayCents;
    }

    const remitAt = officeTimeAfter(tz, v.checkout, int(12, 40));
    if (remitAt > horizonMs) {
      totals.pendingVisits++;
      totals.pendingCents += billed;
      continue;
    }
    const allowed = Math.min(billed, roundTo(billed * (plan.allowedRatio + (rnd() - 0.5) * 0.04), 1));
    const pr = { deductibleCents: 0, coinsuranceCents: 0, copayCents: 0 };
    if (plan.type === 'copay') pr.copayCents = Math.min(plan.copayCents, allowed);
    if (plan.type === 'deductible') {
      pr.deductibleCents = Math.min(deductibleLeft, allowed);
      deductibleLeft -= pr.deductibleCents;
    }
    pr.coinsuranceCents = Math.round((allowed - pr.deductibleCents - pr.copayCents) * plan.coinsurance);
    const patient = pr.deductibleCents + pr.coinsuranceCents + pr.copayCents;
    const paid = allowed - patient;
    const contractual = billed - allowed;
    push(remitAt, 'remittance.posted', {
      visitRef, claimRef: `CLM-${String(77_100_000 + ++claimSeq * 37).padStart(8, '0')}`, payer: plan.payer,
      insurancePaidCents: paid, contractualAdjustmentCents: contractual, patientResponsibility: pr, eobSummary: eobSummary(billed, allowed, paid, pr),
    });
    totals.insurancePaidCents += paid;
    totals.contractualCents += contractual;
    totals.deductibleCents += pr.deductibleCents;
    totals.coinsuranceCents += pr.coinsuranceCents;
    totals.copayCents += pr.copayCents;
    expected -= paid + contractual;
    remitted.push({ visit: v, at: remitAt, patient });

    // Secondary insurance or a corrected claim, recent enough that the payer has not decided yet.
    if (chance(0.025)) {
      const rebillAt = officeTimeAfter(tz, remitAt, int(2, 8));
      if (rebillAt <= horizonMs && rebillAt + 30 * DAY > horizonMs) {
        const reason = weighted([['secondary_insurance', 3], ['corrected_claim', 2], ['coordination_of_benefits', 1]]);
        const others = clinic.payers.filter((p) => p !== plan.payer.name);
        const secondary = reason === 'secondary_insurance' ? { name: pick(others.length ? others : ['Coastal Secondary Benefit Plan']) } : plan.payer;
        push(rebillAt, 'insurance.rebilled', { visitRef, payer: secondary, reason, claimRef: `CLM-${String(77_100_000 + ++claimSeq * 37).padStart(8, '0')}`, expectedDecisionBy: ymd(localDay(tz, rebillAt) + 30 * DAY) });
      }
    }
  }

  const firstStatementAt = remitted.length ? officeTimeAfter(tz, remitted[0].at, int(2, 5)) : officeTimeAfter(tz, visits.at(-1).checkout, 10);
  const later = (days) => {
    const at = officeTimeAfter(tz, firstStatementAt, days);
    return at <= horizonMs ? at : null;
  };

  // A payment after the first statement, by phone or mail: part of what was owed then.
  if (chance(0.3)) {
    const at = later(int(5, 30));
    const amount = roundTo(expected * (0.2 + rnd() * 0.4), 500);
    if (at && amount >= 1000 && expected - amount >= 1500) {
      const method = weighted([['card', 5], ['check', 3], ['ach', 1]]);
      push(at, 'payment.posted', { amountCents: amount, method, receivedVia: method === 'check' ? 'mail' : 'phone', reference: method === 'check' ? `CHK-${int(1000, 9999)}` : `PH-${int(100_000, 999_999)}` });
      totals.paymentCents += amount;
      expected -= amount;
    }
  }

  // A few disputes, most closed again.
  if (remitted.length && chance(0.04)) {
    const at = later(int(3, 18));
    if (at) {
      const reason = weighted([['amount_incorrect', 4], ['insurance_not_billed', 3], ['billing_error', 2], ['service_not_received', 1], ['not_my_account', 0.5], ['other', 1]]);
      const visit = pick(remitted);
      const disputeRef = `DSP-${String(++refSeq + 4000)}`;
      const disputed = Math.min(expected, Math.max(visit.patient, 1000));
      push(at, 'dispute.opened', { disputeRef, visitRef: visit.visit.visitRef, reason, channel: weighted([['phone', 5], ['email', 2], ['in_person', 1], ['portal', 1]]), disputedCents: disputed, description: pick(DISPUTE_TEXT[reason]) });
      const resolvedAt = chance(0.65) ? officeTimeAfter(tz, at, int(2, 12)) : null;
      if (resolvedAt && resolvedAt <= horizonMs) {
        const outcome = weighted([['upheld', 2], ['partially_upheld', 2], ['rejected', 4], ['withdrawn', 1]]);
        const cause = outcome === 'upheld' ? pick(['clinic_error', 'payer_error']) : outcome === 'partially_upheld' ? pick(['clinic_error', 'missing_information']) : outcome === 'rejected' ? 'patient_misunderstanding' : 'none';
        const credit = outcome === 'upheld' ? Math.min(disputed, expected - 1500) : outcome === 'partially_upheld' ? Math.min(roundTo(disputed / 2, 100), expected - 1500) : 0;
        const resolution = {
          upheld: 'Billing error confirmed; the disputed amount was corrected and the guarantor told by phone.',
          partially_upheld: 'One line was billed in error and has been corrected; the rest of the balance stands as adjudicated.',
          rejected: 'Charges and EOB reviewed with the guarantor; the balance is correct as billed and adjudicated.',
          withdrawn: 'Guarantor withdrew the dispute after receiving the itemized bill.',
        }[outcome];
        push(resolvedAt, 'dispute.resolved', { disputeRef, outcome, cause, resolution });
        if (credit >= 100) {
          push(resolvedAt + 2 * MIN, 'adjustment.posted', { kind: 'correction', amountCents: credit, reason: `Dispute ${disputeRef} ${outcome.replace('_', ' ')}: corrected billing error.`, visitRef: visit.visit.visitRef });
          totals.adjustmentCents += credit;
          expected -= credit;
        }
      }
    }
  }

  // Returned statements, some followed by a corrected address.
  if (chance(0.04)) {
    const at = later(int(6, 16));
    if (at) {
      const reason = weighted([['moved_no_forwarding', 4], ['forwarding_expired', 2], ['insufficient_address', 1], ['no_such_address', 1], ['unknown', 1]]);
      const data = { reason, mailPieceRef: `STMT-${ymd(firstStatementAt).slice(0, 7)}-${String(++refSeq).padStart(6, '0')}`, address: person.address };
      let newAddress;
      if (reason === 'forwarding_expired' || chance(0.3)) {
        const [city, zip] = pick(clinic.cities);
        newAddress = { line1: `${int(12, 9899)} ${pick(STREET_WORDS)} ${pick(STREET_TYPES)}`, city, state: clinic.state, postalCode: zip };
        data.forwardingAddress = newAddress;
      }
      push(at, 'mail.returned', data);
      if (chance(0.5)) {
        const fixAt = officeTimeAfter(tz, at, int(2, 9));
        if (fixAt <= horizonMs) {
          const [city, zip] = pick(clinic.cities);
          push(fixAt, 'contact.updated', { address: newAddress ?? { line1: `${int(12, 9899)} ${pick(STREET_WORDS)} ${pick(STREET_TYPES)}`, city, state: clinic.state, postalCode: zip }, preferredChannel: person.email ? 'email' : 'sms' });
        }
      }
    }
  }

  // Contact changes at a later visit or by text: new consent, a STOP, a new email.
  if (chance(0.05) && visits.length > 1) {
    const at = visits[visits.length - 1].start - 5 * MIN;
    if (at > intakeAt) {
      const stamp = { at: isoLocal(tz, at - MIN) };
      if (person.phone && !smsGranted) push(at, 'contact.updated', { consent: { sms: { granted: true, ...stamp, source: 'front_desk' } }, preferredChannel: 'sms' });
      else if (person.phone && smsGranted) push(at, 'contact.updated', { consent: { sms: { granted: false, ...stamp, source: 'sms_keyword' } } });
      else push(at, 'contact.updated', { email: `${person.name.first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${int(10, 99)}@example.com`, consent: { email: { granted: true, ...stamp, source: 'front_desk' } } });
    }
  }

  if (remitted.length && chance(0.012)) {
    const at = later(int(10, 30));
    if (at) {
      const category = pick(Object.keys(COMPLAINT_TEXT));
      push(at, 'complaint.logged', { complaintRef: `CMP-${String(++refSeq).padStart(4, '0')}`, channel: pick(['phone', 'email', 'in_person']), category, severity: weighted([['low', 3], ['medium', 2], ['high', 0.5]]), description: COMPLAINT_TEXT[category] });
    }
  }

  // Every seeded account is a balance to recover: if front-desk copays happened to cover everything the payer
  // assigned to the patient, the latest of those payments is taken back out until something is still owed.
  while (expected < 1500) {
    const i = events.findLastIndex((e) => e.type === 'payment.posted');
    if (i < 0) break;
    expected += events[i].data.amountCents;
    totals.paymentCents -= events[i].data.amountCents;
    events.splice(i, 1);
  }
  return { accountRef, events, expected, person, guarantorEvent, selfPay: plan.type === 'self_pay' };
}

let globalIndex = 0;
clinics.forEach((clinic, ci) => {
  for (let k = 0; k < perClinic[ci]; k++) {
    const acct = generateAccount(clinic, globalIndex++);
    // Now and then the same guarantor is responsible for a second account (a parent and a child).
    let family;
    if (k + 1 < perClinic[ci] && chance(0.05)) {
      family = generateAccount(clinic, globalIndex++, { person: acct.person, accountRef: acct.accountRef });
      acct.guarantorEvent.data.familyAccountRefs = [family.accountRef];
      totals.families++;
      k++;
    }
    for (const a of family ? [acct, family] : [acct]) {
      if (a.selfPay) totals.selfPay++;
      balances.push(a.expected);
      clinic.stats.accounts++;
      clinic.stats.events += a.events.length;
      perAccountEvents.push({ clinic, account: a });
    }
  }
});

// One chronological feed, as an EHR interface would replay it. Ties keep each account's causal order, so an
// account's visit.charged always precedes its remittance (the consumer keeps per-account order by Kafka key).
const feed = [];
perAccountEvents.forEach(({ clinic, account }, ai) => {
  // Each fact is timed after what it depends on (a remittance after its visit, a resolution after its dispute),
  // so time order is causal order; the sort is stable for facts stamped at the same minute.
  account.events.sort((a, b) => a.at - b.at);
  if (!['guarantor.upserted', 'visit.charged'].includes(account.events[0].type)) throw new Error(`internal: ${account.accountRef} starts with ${account.events[0].type}`);
  account.events.forEach((e, k) => {
    feed.push({
      sortAt: e.at, ai, k,
      event: { id: `seed${seed}-${account.accountRef}-${String(k + 1).padStart(2, '0')}`, type: e.type, occurredAt: isoLocal(clinic.tz, e.at), clinicId: clinic.id, data: e.data },
    });
  });
});
feed.sort((a, b) => a.sortAt - b.sortAt || a.ai - b.ai || a.k - b.k);
const events = feed.map((f) => f.event);

// ---------------------------------------------------------------------------------------------- validate
const batches = [];
for (let i = 0; i < events.length; i += batchSize) batches.push(events.slice(i, i + batchSize));
const invalid = [];
batches.forEach((batch, b) => {
  const r = parseEventsRequest({ events: batch });
  if (!r.ok) {
    for (const e of r.errors) {
      const m = /^events\[(\d+)\](.*)$/.exec(e.path);
      const ev = m ? batch[Number(m[1])] : undefined;
      invalid.push(`  ${m ? `events[${b * batchSize + Number(m[1])}]${m[2]}` : e.path} (${ev ? `${ev.type} ${ev.id}` : 'batch'}): ${e.message}`);
    }
  }
});
if (invalid.length) {
  process.stderr.write(`seed: ${invalid.length} validation error(s) in the generated events; nothing was posted:\n${invalid.slice(0, 60).join('\n')}\n`);
  if (invalid.length > 60) process.stderr.write(`  ... and ${invalid.length - 60} more\n`);
  process.exit(1);
}

// -------------------------------------------------------------------------------------------------- HTTP
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, url, body, headers = {}) {
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    } catch (err) {
      if (attempt >= 6) throw new Error(`${method} ${url}: ${err.cause?.code ?? err.message} (is the stack running? npm start)`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { raw: text };
    }
    if (res.ok) return json;
    // Every POST here is idempotent (event IDs, clinic upsert), so retrying a throttled or failed call is safe.
    if (res.status === 429) {
      await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
      attempt--;
      continue;
    }
    if (res.status >= 500 && attempt < 6) {
      await sleep(500 * 2 ** attempt);
      continue;
    }
    const error = new Error(`${method} ${url} -> ${res.status}`);
    error.status = res.status;
    error.body = json;
    throw error;
  }
}

function describeErrors(body) {
  const errs = Array.isArray(body?.errors) ? body.errors : [];
  return errs.length ? errs.slice(0, 40).map((e) => `  ${e.path}: ${e.message}`).join('\n') : `  ${JSON.stringify(body).slice(0, 2000)}`;
}

// -------------------------------------------------------------------------------------------- progress
const isTty = process.stderr.isTTY;
let lastPrintedDecile = -1;
function progress(done, total, startedAt, label) {
  const frac = total ? done / total : 1;
  const width = 32;
  const filled = Math.round(frac * width);
  const elapsed = (Date.now() - startedAt) / 1000;
  const rate = elapsed > 0 ? done / elapsed : 0;
  const eta = rate > 0 && done < total ? `, ~${Math.ceil((total - done) / rate)} s left` : '';
  const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} events  ${Math.round(rate).toLocaleString('en-US')} ev/s${eta}`;
  if (isTty) process.stderr.write(`\r${line}\x1b[K${done >= total ? '\n' : ''}`);
  else {
    const decile = Math.floor(frac * 10);
    if (decile !== lastPrintedDecile) {
      lastPrintedDecile = decile;
      process.stderr.write(`${line}\n`);
    }
  }
}

// ------------------------------------------------------------------------------------------------- run
const started = Date.now();
let accepted = 0;
let duplicates = 0;
let apiKey = null;
let keyId = null;

if (!dryRun) {
  const admin = { authorization: `Bearer ${token}` };
  try {
    for (const c of clinics) {
      await call('PUT', `${accountsUrl}/admin/tenants/${encodeURIComponent(tenantId)}/clinics/${encodeURIComponent(c.id)}`, { name: c.name, timeZone: c.tz, phone: c.phone, dayLengthMs }, admin);
    }
    ({ keyId, apiKey } = await call('POST', `${gateway}/admin/integrator-keys`, { tenantId, clinicIds: clinics.map((c) => c.id), label: `seed (seed ${seed}, ${anchor})` }, admin));
  } catch (err) {
    die(`set-up failed: ${err.message}\n${err.body ? describeErrors(err.body) : ''}`);
  }

  const postStarted = Date.now();
  progress(0, events.length, postStarted, 'posting');
  for (const [b, batch] of batches.entries()) {
    try {
      const r = await call('POST', `${gateway}/v1/events`, { events: batch }, { 'x-api-key': apiKey });
      accepted += r.accepted;
      duplicates += r.duplicates;
    } catch (err) {
      if (isTty) process.stderr.write('\n');
      const where = `batch ${b + 1}/${batches.length} (events ${b * batchSize}-${b * batchSize + batch.length - 1})`;
      if (err.status === 409) {
        die(`${where} was refused: these event IDs were already accepted with different content.\n` +
          `The tenant "${tenantId}" already holds seed ${seed} generated for another --anchor date. Re-send with the same --anchor ` +
          `to get duplicates only, or use another --seed to add new accounts.\n${describeErrors(err.body)}`);
      }
      die(`${where} failed: ${err.message}\n${err.body ? describeErrors(err.body) : ''}\n` +
        `${accepted + duplicates} events were already accepted; re-running the same command resumes safely (same IDs).`);
    }
    progress(Math.min(events.length, (b + 1) * batchSize), events.length, postStarted, 'posting');
  }
}

// ------------------------------------------------------------------------------------------------ summary
const byType = new Map();
for (const e of events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
const sorted = [...balances].sort((a, b) => a - b);
const open = balances.reduce((s, b) => s + b, 0);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const n = (x) => x.toLocaleString('en-US');
const out = [];
out.push('');
out.push(`${dryRun ? 'Dry run (nothing posted)' : 'Seeded'}: tenant "${tenantId}", seed ${seed}, history up to ${anchor}, clinic day ${dayLengthMs} ms${dryRun ? '' : `, in ${((Date.now() - started) / 1000).toFixed(1)} s`}`);
out.push('');
out.push(`  ${pad('clinic', 36)} ${pad('id', 24)} ${pad('time zone', 20)} ${lpad('accounts', 8)} ${lpad('events', 7)}`);
for (const c of clinics) out.push(`  ${pad(c.name, 36)} ${pad(c.id, 24)} ${pad(c.tz, 20)} ${lpad(c.stats.accounts, 8)} ${lpad(n(c.stats.events), 7)}`);
out.push('');
out.push(`  events: ${n(events.length)} in ${batches.length} batch(es), digest ${createHash('sha256').update(JSON.stringify(events)).digest('hex').slice(0, 16)}${dryRun ? ', all valid' : `: ${n(accepted)} accepted, ${n(duplicates)} duplicates (already there)`}`);
for (const [type, count] of [...byType].sort((a, b) => b[1] - a[1])) out.push(`    ${pad(type, 20)} ${lpad(n(count), 6)}`);
out.push('');
out.push('  expected ledger (what the accounts service should end up with):');
out.push(`    charges                  ${lpad(money(totals.chargeCents), 14)}`);
out.push(`    insurance paid          -${lpad(money(totals.insurancePaidCents), 14)}`);
out.push(`    contractual adjustment  -${lpad(money(totals.contractualCents), 14)}`);
out.push(`    patient payments        -${lpad(money(totals.paymentCents), 14)}`);
out.push(`    adjustments             -${lpad(money(totals.adjustmentCents), 14)}   (self-pay discounts, dispute corrections)`);
out.push(`    open patient balances    ${lpad(money(open), 14)}   over ${n(balances.length)} accounts: median ${money(sorted[Math.floor(sorted.length / 2)])}, max ${money(sorted.at(-1))}`);
out.push(`    patient responsibility on remittances: deductible ${money(totals.deductibleCents)}, coinsurance ${money(totals.coinsuranceCents)}, copay ${money(totals.copayCents)}`);
out.push(`    still with insurance (no remittance yet): ${n(totals.pendingVisits)} visits, ${money(totals.pendingCents)} billed`);
out.push(`    self-pay accounts: ${totals.selfPay}; guarantors responsible for two accounts: ${totals.families}`);
if (!dryRun) {
  out.push('');
  out.push(`  integrator key ${keyId} for tenant "${tenantId}" (shown once; store it if you want to post more): ${apiKey}`);
  out.push(`  workflows: http://127.0.0.1:8233/namespaces/courtesy/workflows?query=${encodeURIComponent(`TenantId="${tenantId}"`)}`);
}
console.log(out.join('\n'));

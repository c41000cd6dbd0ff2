/**
 * Minimum necessary health information in texts. A text shows on a lock screen and may be read by
 * whoever holds the phone, so it may name the clinic, the patient's first name, the amount, the pay
 * link and the clinic's phone — nothing that hints at why the patient was seen.
 */
import { segments } from './placeholders';
import type { Placeholder } from './placeholders';

export const SMS_ALLOWED_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set([
  'clinicName',
  'firstName',
  'amountDue',
  'payLink',
  'clinicPhone',
]);

/** Longest a rendered text may be: two concatenated GSM-7 segments' worth, the brief's limit. */
export const SMS_MAX_CHARS = 320;

/**
 * Words that reveal a diagnosis, procedure or specialty, English and Spanish, matched on lower-cased
 * text with accents removed. Terms of five letters or more match at the start of a word, so plurals
 * and endings are caught ("surgeons", "therapeutics"); shorter ones ("hiv", "sti") only as whole
 * words, or "still" would trip "sti". Review this list with compliance when the clinic mix changes:
 * a false positive costs a rewrite, a false negative discloses health information.
 */
// prettier-ignore
export const SENSITIVE_SMS_TERMS: readonly string[] = [
  // specialties and services
  'therapy', 'therapies', 'therapist', 'therapists', 'therapeutic', 'physical therapy', 'occupational therapy',
  'speech therapy', 'physiotherapy', 'physio', 'rehab', 'rehabilitation', 'chiropractic', 'chiropractor',
  'mental health', 'behavioral health', 'behavioural health', 'counseling', 'counselling', 'counselor',
  'counsellor', 'psychiatry', 'psychiatric', 'psychiatrist', 'psychology', 'psychologist', 'psychotherapy',
  'oncology', 'oncologist', 'cancer', 'chemotherapy', 'chemo', 'radiation', 'surgery', 'surgical', 'surgeon',
  'orthopedic', 'orthopaedic', 'cardiology', 'dermatology', 'obstetrics', 'gynecology', 'fertility', 'urology',
  'neurology', 'dialysis', 'hospice', 'addiction', 'substance', 'detox', 'hiv', 'std', 'sti',
  // clinical words
  'diagnosis', 'diagnosed', 'diagnostic', 'procedure', 'procedures', 'treatment', 'treatments', 'prescription',
  'medication', 'medications', 'injury', 'injuries', 'surgeries', 'pregnancy', 'prenatal', 'depression', 'anxiety', 'cpt', 'icd',
  // Spanish
  'terapia', 'terapias', 'terapeuta', 'fisioterapia', 'terapia fisica', 'terapia ocupacional', 'rehabilitacion',
  'salud mental', 'salud conductual', 'consejeria', 'psiquiatria', 'psiquiatrico', 'psiquiatra', 'psicologia',
  'psicologo', 'psicologa', 'psicoterapia', 'oncologia', 'oncologo', 'quimioterapia', 'radioterapia', 'cirugia',
  'cirujano', 'quirurgico', 'ortopedia', 'cardiologia', 'dermatologia', 'ginecologia', 'obstetricia', 'fertilidad',
  'urologia', 'neurologia', 'dialisis', 'adiccion', 'diagnostico', 'procedimiento', 'procedimientos',
  'tratamiento', 'tratamientos', 'receta', 'medicamento', 'medicamentos', 'lesion', 'embarazo', 'depresion',
  'ansiedad',
];

/**
 * Billing and diagnosis codes: CPT (97110, 0001F), HCPCS (G0283), ICD-10 (F41.1, M54.5, Z00.00) and
 * ICD-9 (300.02). Matched on the original text because case tells codes from words.
 */
const CODE_PATTERNS: readonly RegExp[] = [
  /\b\d{4}[0-9FTU]\b/,
  /\b[A-V]\d{4}\b/,
  /\b[A-TV-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4})?\b/,
  /\b\d{3}\.\d{1,2}\b/,
];

export const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

const WHOLE_WORD_BELOW = 5;
const TERM_PATTERNS = SENSITIVE_SMS_TERMS.map((term) => {
  const end = term.length < WHOLE_WORD_BELOW ? '(?:$|[^\\p{L}\\p{N}])' : '';
  return [term, new RegExp(`(?:^|[^\\p{L}\\p{N}])${term.replace(/ /g, '\\s+')}${end}`, 'u')] as const;
});

/** Sensitive words and code-like tokens in `text`, as found. */
export function findSensitiveContent(text: string): string[] {
  const plain = normalise(text);
  const found = TERM_PATTERNS.filter(([, re]) => re.test(plain)).map(([term]) => term);
  for (const re of CODE_PATTERNS) {
    const m = re.exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}

/**
 * The same check for a link: domains and paths run words together ("lakesidetherapy.com"), so any
 * sensitive term of five letters or more inside it counts; shorter ones would match by accident.
 */
export function findSensitiveInLink(url: string): string[] {
  const plain = normalise(url).replace(/[^a-z0-9]/g, '');
  return SENSITIVE_SMS_TERMS.filter((t) => t.length >= 5 && plain.includes(t.replace(/ /g, '')));
}

/** Reasons an SMS body breaks the content rule, ignoring length (checked on rendered text). */
export function smsRuleViolations(body: string): string[] {
  const reasons: string[] = [];
  const literal: string[] = [];
  for (const s of segments(body)) {
    if ('name' in s) {
      if (!SMS_ALLOWED_PLACEHOLDERS.has(s.name as Placeholder)) {
        reasons.push(`SMS may not use {{${s.name}}}; allowed: ${[...SMS_ALLOWED_PLACEHOLDERS].join(', ')}`);
      }
    } else {
      literal.push(s.literal);
    }
  }
  // A placeholder between two words separates them, hence the space.
  const sensitive = findSensitiveContent(literal.join(' '));
  if (sensitive.length > 0) reasons.push(`SMS names health information: ${sensitive.join(', ')}`);
  if (!/\bSTOP\b/.test(body)) reasons.push('SMS must tell the patient how to opt out (reply STOP)');
  return reasons;
}

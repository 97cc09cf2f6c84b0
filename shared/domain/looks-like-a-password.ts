/**
 * Spots text that looks like a password, so the register can refuse to store one (section 9.3:
 * passwords are private and never shared; the register records who holds a credential, never
 * the credential itself). Used by the API's field rules and by screens that warn as you type.
 *
 * It errs towards ordinary school text passing: names with apostrophes and hyphens, product
 * names ("SanDisk Ultra 64GB", "Office365"), serial numbers, email addresses and web addresses
 * are not passwords. What it refuses:
 * - a labelled secret: "password: …", "pwd=…", "PIN: 1234", "the password is Tr0ub4dor";
 * - a well-known password, or one built on a well-known word ("Summer2024!", "P@ssw0rd1");
 * - a word mixing letters, digits and password symbols ("Xk9$mP2q");
 * - a long random-looking run of letters and digits ("x7Kp2qLm9Rt4", an API key).
 */

export type PasswordSign = 'labelled' | 'well-known' | 'symbols' | 'random'

export const PASSWORD_REFUSAL = 'This looks like a password. Never store passwords in the register: record only the account name.'

// Leaked passwords that are not ordinary words ("password" or "welcome" alone is just a word in a sentence).
const WELL_KNOWN = new Set([
  '123456', '1234567', '12345678', '123456789', '1234567890', '111111', '000000', '654321', 'abc123', 'qwerty', 'qwerty123', 'qwertyuiop',
  'letmein', 'iloveyou', 'trustno1', 'changeme', 'passw0rd', 'p@ssword', 'p@ssw0rd',
])
// Words that become a guessable password with digits or symbols added, or spelt with digits for letters ("P@ssw0rd", "Summer2024!").
const BASE_WORDS = new Set([
  'password', 'pass', 'passwort', 'welcome', 'hello', 'letmein', 'iloveyou', 'qwerty', 'sunshine', 'princess', 'football', 'baseball', 'dragon',
  'monkey', 'shadow', 'master', 'superman', 'batman', 'starwars', 'freedom', 'secret', 'liverpool', 'chelsea', 'arsenal', 'pokemon', 'summer',
  'winter', 'spring', 'autumn', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
])
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'i' }

/** After a "password:" label, these say there is no password here. */
const NOT_A_VALUE = /^(none|n\/a|na|nil|not|never|no|private|withheld|redacted|unknown|required|needed|set|reset|changed|kept|held|stored|known|shared|protected|-+|\*+|x+)$/i
const LABEL = /\b(password|passwd|passwort|pass\s?word|pwd|passcode|pass\s?code|pin|pw)\b\s*(?:[:=]|\bis\b|\bwas\b)\s*(\S+)/giu
// Symbols that mark a password; the punctuation of names, addresses, dates and prose is not here.
const PASSWORD_SYMBOLS = /[!@#$%^*=~`|\\<>{}[\]?]/u

const isEmail = (t: string) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/iu.test(t)
const isWebAddress = (t: string) => /^(https?:\/\/|www\.)/iu.test(t)
/** Surrounding quotes, brackets and sentence punctuation are not part of the word. */
const trimWord = (t: string) => t.replace(/^[("'‘’“”[{<]+/u, '').replace(/[)"'‘’“”\]}>.,;:]+$/u, '')
const deLeet = (t: string) => t.toLowerCase().replace(/[0134579@$!|]/gu, (c) => LEET[c] ?? c)

function classesOf(t: string) {
  return { lower: /\p{Ll}/u.test(t), upper: /\p{Lu}/u.test(t), digit: /\d/u.test(t), letter: /\p{L}/u.test(t) }
}

/** Runs of one kind of character (lower, upper, digit): random strings are mostly runs of one. */
function singleRuns(t: string): number {
  const kind = (c: string) => (/\d/u.test(c) ? 'd' : /\p{Lu}/u.test(c) ? 'u' : 'l')
  let singles = 0
  let i = 0
  while (i < t.length) {
    let j = i + 1
    while (j < t.length && kind(t[j]!) === kind(t[i]!)) j++
    if (j - i === 1) singles++
    i = j
  }
  return singles
}

function wellKnown(word: string): boolean {
  const lower = word.toLowerCase()
  if (WELL_KNOWN.has(lower)) return true
  // A known word with digits or symbols added before or after ("Summer2024!", "123password"), or inside it ("P@ssw0rd1").
  const core = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  const plain = deLeet(core)
  const dressedUp = core.length < word.length || plain !== core.toLowerCase()
  return dressedUp && (BASE_WORDS.has(plain) || WELL_KNOWN.has(plain))
}

function signOfWord(raw: string, randomAllowed: boolean): PasswordSign | null {
  let word = trimWord(raw)
  if (word.length < 5 || isEmail(word) || isWebAddress(word)) return null
  if (word.startsWith('@')) word = word.slice(1) // a social media handle
  // A serial number may be all digits; "123456" is only a password where a serial number is not expected.
  if (wellKnown(word) && !(randomAllowed && /^\d+$/u.test(word))) return 'well-known'
  const c = classesOf(word)
  if (word.length >= 7 && c.letter && c.digit && PASSWORD_SYMBOLS.test(word)) return 'symbols'
  if (randomAllowed || !/^[\p{L}\d]+$/u.test(word)) return null
  if (word.length >= 10 && c.letter && c.digit && singleRuns(word) >= 5) return 'random'
  if (word.length >= 10 && c.lower && c.upper && !c.digit && singleRuns(word) >= 6) return 'random'
  if (word.length >= 24 && c.letter && c.digit) return 'random'
  return null
}

/**
 * Why a text looks like a password, or null when it does not. `randomAllowed` is for fields
 * whose values look random by nature (serial numbers): only labelled and well-known passwords
 * are refused there.
 */
export function passwordSign(text: string, options: { randomAllowed?: boolean } = {}): PasswordSign | null {
  for (const match of text.matchAll(LABEL)) {
    const value = trimWord(match[2] ?? '')
    if (value && !NOT_A_VALUE.test(value)) return 'labelled'
  }
  for (const word of text.split(/\s+/u)) {
    const sign = signOfWord(word, options.randomAllowed ?? false)
    if (sign) return sign
  }
  return null
}

export function looksLikeAPassword(text: string, options: { randomAllowed?: boolean } = {}): boolean {
  return passwordSign(text, options) !== null
}

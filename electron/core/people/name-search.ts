import type { Knex } from 'knex'

// Letters that Unicode decomposition does not reduce to a plain letter (ł is not l + a mark).
const FOLDS: Readonly<Record<string, string>> = { ł: 'l', đ: 'd', ð: 'd', þ: 'th', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ħ: 'h', ŀ: 'l' }

/** Lower case without accents: "Siôn Łukasz" → "sion lukasz", so a typist never needs the accent. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđðþøæœßıħŀ]/g, (c) => FOLDS[c] ?? c)
}

/**
 * The search keys for a person's names: every word, folded; a word with an apostrophe or hyphen
 * also gives its joined form and its pieces, so O'Brien is found by "obr", "o'br" and "brien",
 * and Llewellyn-Jones by "llew", "jones" and "llewellyn-jo".
 */
export function nameTokens(...parts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>()
  for (const part of parts) {
    if (!part) continue
    for (const word of foldText(part).split(/\s+/)) {
      const joined = word.replace(/[^\p{L}\p{N}]/gu, '')
      if (joined) tokens.add(joined)
      for (const piece of word.split(/[^\p{L}\p{N}]+/u)) if (piece) tokens.add(piece)
    }
  }
  return [...tokens]
}

/** What was typed, as folded word prefixes: "o'br  SIÂN" → ["obr", "sian"]. */
export function queryWords(text: string): string[] {
  return foldText(text)
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length > 0)
    .slice(0, 5)
}

/** The highest code point: every token starting with a prefix sorts below prefix + this. */
const AFTER_ALL = '\u{10FFFF}'

/**
 * Narrows a query on `people` (aliased or not, by `idColumn`) to those whose names start with
 * every typed word: each word is an index range on person_search's primary key.
 */
export function whereNamesStartWith(query: Knex.QueryBuilder, words: string[], idColumn = 'people.id'): Knex.QueryBuilder {
  for (const word of words) {
    void query.whereIn(idColumn, (sub) => {
      void sub.select('person_id').from('person_search').where('token', '>=', word).andWhere('token', '<', word + AFTER_ALL)
    })
  }
  return query
}

/** Replaces a person's search keys (inside the transaction that changes their names). */
export async function writeNameTokens(trx: Knex | Knex.Transaction, personId: number, names: (string | null | undefined)[]): Promise<void> {
  await trx('person_search').where({ person_id: personId }).delete()
  const rows = nameTokens(...names).map((token) => ({ token, person_id: personId }))
  if (rows.length > 0) await trx('person_search').insert(rows)
}

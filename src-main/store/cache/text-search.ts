// Full-text search over application notes that finds Chinese as well as English. SQLite's unicode61
// tokenizer keeps a run of Chinese characters as one token, so "加入" would never match inside
// "我想加入这个群". The console therefore indexes each Han/Kana/Hangul character as a token of its own, and
// searches Chinese text as a phrase of consecutive characters: any substring is found. Latin words stay
// words, matched by prefix ("moder" finds "moderator").

const CJK_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]'
const CJK = new RegExp(CJK_CLASS, 'u')
/** One CJK character, or a run of other letters and digits (which must not swallow CJK ones). */
const TOKEN = new RegExp(`${CJK_CLASS}|(?:(?!${CJK_CLASS})[\\p{L}\\p{N}])+`, 'gu')

/** The tokens of a text, in order: one per CJK character, one per run of other letters and digits. */
export function tokenize(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(TOKEN) ?? []).filter((token) => token.length > 0)
}

/** What goes into the FTS table: tokens separated by spaces, which unicode61 splits on. */
export function indexText(...texts: string[]): string {
  return texts.map((text) => tokenize(text).join(' ')).join(' ')
}

/**
 * An FTS5 MATCH expression for what a moderator typed, or null when it has nothing searchable.
 * Each space-separated word must match (AND); a CJK word is a phrase of its characters; the last Latin
 * token of each word matches as a prefix.
 */
export function matchExpression(query: string, column?: string): string | null {
  const words = query.split(/\s+/).map(tokenize).filter((tokens) => tokens.length > 0)
  if (words.length === 0) return null
  const expression = words
    .map((tokens) => {
      const phrase = `"${tokens.join(' ')}"`
      return CJK.test(tokens.at(-1)!) ? phrase : `${phrase}*`
    })
    .join(' AND ')
  // A column filter keeps the search to one column (e.g. who applied, not what they wrote).
  return column ? `{${column}} : (${expression})` : expression
}

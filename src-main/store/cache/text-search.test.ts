import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { indexText, matchExpression, tokenize } from './text-search'

function search(notes: string[], query: string): string[] {
  const db = new Database(':memory:')
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 2')`)
  notes.forEach((note, i) => db.prepare('INSERT INTO t (rowid, tokens) VALUES (?, ?)').run(i + 1, indexText(note)))
  const expression = matchExpression(query)
  if (!expression) return []
  return db.prepare<[string], { rowid: number }>('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(expression).map((row) => notes[row.rowid - 1]!)
}

const NOTES = ['你好，我想加入这个群', 'Please let me join, I am a moderator', '我是版主 moderator', 'こんにちは、参加したいです', 'Rust群的新成员']

describe('application text search', () => {
  it('splits CJK text into characters and other text into words', () => {
    expect(tokenize('我想加入 Rust群!')).toEqual(['我', '想', '加', '入', 'rust', '群'])
  })

  it.each([
    ['加入', ['你好，我想加入这个群']],
    ['想加', ['你好，我想加入这个群']],
    ['群', ['你好，我想加入这个群', 'Rust群的新成员']],
    ['版主', ['我是版主 moderator']],
    ['moder', ['Please let me join, I am a moderator', '我是版主 moderator']],
    ['JOIN', ['Please let me join, I am a moderator']],
    ['rust 成员', ['Rust群的新成员']],
    ['参加', ['こんにちは、参加したいです']],
    ['加群', []],
  ])('"%s" finds %j', (query, expected) => {
    expect(search(NOTES, query)).toEqual(expected)
  })

  it('has nothing to search for in punctuation or quotes, and cannot be broken by them', () => {
    expect(matchExpression('  ,.!  ')).toBeNull()
    expect(search(NOTES, '"加入" *')).toEqual(['你好，我想加入这个群'])
    expect(search(NOTES, 'NEAR(join moderator)')).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import en from './en'
import zhCN from './zh-CN'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key))
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort()
}

describe('translations', () => {
  it('have the same keys in English and Chinese', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort())
  })

  it('use the same placeholders in both languages', () => {
    const lookup = (tree: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree)
    for (const key of keys(en)) {
      expect(placeholders(String(lookup(zhCN, key))), key).toEqual(placeholders(String(lookup(en, key))))
    }
  })

  it('have no empty message', () => {
    const lookup = (tree: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree)
    for (const key of keys(en)) {
      expect(String(lookup(en, key)).trim(), key).not.toBe('')
      expect(String(lookup(zhCN, key)).trim(), key).not.toBe('')
    }
  })
})

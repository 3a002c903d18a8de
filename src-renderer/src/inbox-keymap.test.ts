import { describe, expect, it } from 'vitest'
import { commandFor, INBOX_KEYMAP } from './inbox-keymap'

const press = (key: string, modifiers: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) =>
  commandFor({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...modifiers })

describe('inbox keymap', () => {
  it('maps the triage keys', () => {
    expect(press('j')).toBe('next')
    expect(press('ArrowDown')).toBe('next')
    expect(press('k')).toBe('previous')
    expect(press('x')).toBe('toggle')
    expect(press('a')).toBe('approve')
    expect(press('r')).toBe('reject')
    expect(press('u')).toBe('undo')
    expect(press('/')).toBe('search')
    expect(press('Escape')).toBe('escape')
  })

  it('tells x from shift+x, whatever case the layout reports', () => {
    expect(press('X', { shiftKey: true })).toBe('range')
    expect(press('x', { shiftKey: true })).toBe('range')
    expect(press('X')).toBe('toggle')
  })

  it('reads ? whether or not Shift produced it', () => {
    expect(press('?', { shiftKey: true })).toBe('keymap')
    expect(press('?')).toBe('keymap')
  })

  it('leaves chords with Ctrl, Alt or Meta to the browser and the app', () => {
    expect(press('a', { ctrlKey: true })).toBeNull()
    expect(press('r', { metaKey: true })).toBeNull()
    expect(press('j', { altKey: true })).toBeNull()
  })

  it('ignores keys it does not document', () => {
    expect(press('q')).toBeNull()
    expect(press('Enter')).toBeNull()
  })

  it('documents every command once', () => {
    const commands = INBOX_KEYMAP.map((binding) => binding.command)
    expect(new Set(commands).size).toBe(commands.length)
  })
})

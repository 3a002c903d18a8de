// The Inbox's keyboard triage: one table, read both by the key handler and by the `?` dialog, so what
// the dialog documents is exactly what the keys do.
export type InboxCommand =
  | 'next'
  | 'previous'
  | 'toggle'
  | 'range'
  | 'approve'
  | 'reject'
  | 'undo'
  | 'search'
  | 'keymap'
  | 'escape'
  | 'first'
  | 'last'

export interface KeyBinding {
  command: InboxCommand
  /** KeyboardEvent.key values; a binding with `shift` needs the Shift key (x and X alike). */
  keys: readonly string[]
  shift?: boolean
  /** How the dialog shows the keys. */
  labels: readonly string[]
}

export const INBOX_KEYMAP: readonly KeyBinding[] = [
  { command: 'next', keys: ['j', 'ArrowDown'], labels: ['j', '↓'] },
  { command: 'previous', keys: ['k', 'ArrowUp'], labels: ['k', '↑'] },
  { command: 'first', keys: ['Home'], labels: ['Home'] },
  { command: 'last', keys: ['End'], labels: ['End'] },
  { command: 'toggle', keys: ['x'], labels: ['x'] },
  { command: 'range', keys: ['x', 'X'], shift: true, labels: ['Shift', 'x'] },
  { command: 'approve', keys: ['a'], labels: ['a'] },
  { command: 'reject', keys: ['r'], labels: ['r'] },
  { command: 'undo', keys: ['u'], labels: ['u'] },
  { command: 'search', keys: ['/'], labels: ['/'] },
  { command: 'keymap', keys: ['?'], labels: ['?'] },
  { command: 'escape', keys: ['Escape'], labels: ['Esc'] },
]

/** The command a key press means, if any. `?` is Shift+/ on most layouts, so Shift only matters for x. */
export function commandFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>): InboxCommand | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null
  const key = event.key.length === 1 && event.key !== '?' && event.key !== '/' ? event.key.toLowerCase() : event.key
  for (const binding of INBOX_KEYMAP) {
    const shiftMatters = binding.keys.includes('x') || binding.keys.includes('X')
    if (shiftMatters && Boolean(binding.shift) !== event.shiftKey) continue
    if (binding.keys.includes(key)) return binding.command
  }
  return null
}

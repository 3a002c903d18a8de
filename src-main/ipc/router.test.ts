import { describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES, channels, type ChannelName } from '../shared/contract'
import { appErrorSchema } from '../shared/errors'
import { DEFAULT_SETTINGS } from '../shared/domain'
import { createRouter, type Handlers } from './router'

/** A router whose every handler is a spy, so a test can prove a rejected call never reached one. */
function spyRouter(overrides: Partial<Record<ChannelName, (...args: never[]) => unknown>> = {}) {
  const calls: string[] = []
  const internalErrors: unknown[] = []
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, overrides[name] ?? ((input: unknown) => { calls.push(name); return input })]),
  ) as unknown as Handlers
  const router = createRouter(handlers, { validateOutput: true, reportInternalError: (_channel, error) => internalErrors.push(error) })
  return { router, calls, internalErrors }
}

/** Inputs no channel accepts: every input is an object with known fields. */
function malformedInputsFor(channel: ChannelName): Array<[string, unknown]> {
  const inputs: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'settings'],
    ['an array', []],
    ['a boolean', true],
    ['an unexpected field', { unexpectedField: 1 }],
  ]
  // A value of the wrong type in each declared field.
  const shape = (channels[channel].input as unknown as { shape?: Record<string, unknown> }).shape ?? {}
  for (const field of Object.keys(shape)) inputs.push([`a wrong type in ${field}`, { [field]: { nested: [Symbol.name] } }])
  return inputs
}

describe('router: contract-generated input validation', () => {
  const cases = CHANNEL_NAMES.flatMap((channel) => malformedInputsFor(channel).map(([label, input]) => [channel, label, input] as const))

  it('covers every channel of the contract', () => {
    expect(new Set(cases.map(([channel]) => channel))).toEqual(new Set(CHANNEL_NAMES))
  })

  it.each(cases)('%s rejects %s with a typed invalid-input error', async (channel, _label, input) => {
    const { router, calls } = spyRouter()
    const result = await router.dispatch(channel, input, { transport: 'direct' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(appErrorSchema.parse(result.error)).toMatchObject({ code: 'invalid-input', kind: 'invalid' })
    expect(result.error.message).toContain(channel)
    expect(calls).toEqual([])
  })
})

describe('router: failures become typed errors', () => {
  it('refuses an unknown channel', async () => {
    const { router } = spyRouter()
    for (const channel of ['nope:nothing', 42, null, '__proto__', 'constructor']) {
      const result = await router.dispatch(channel, {}, { transport: 'direct' })
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel', kind: 'invalid' } })
    }
  })

  it("passes the service's own code and meaning through", async () => {
    const { router } = spyRouter({ 'settings:get': () => Promise.reject({ code: 10007, message: 'no permission to do that' }) })
    const result = await router.dispatch('settings:get', {}, { transport: 'direct' })
    expect(result).toEqual({ ok: false, error: { code: 10007, kind: 'permission', message: 'no permission to do that' } })
  })

  it('hides the stack of an unexpected error and reports it', async () => {
    const { router, internalErrors } = spyRouter({ 'settings:get': () => { throw new Error('secret path /home/x at line 3') } })
    const result = await router.dispatch('settings:get', {}, { transport: 'direct' })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', kind: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret path')
    expect(internalErrors).toHaveLength(1)
  })

  it('catches a handler whose output drifts from the contract', async () => {
    const { router, internalErrors } = spyRouter({ 'settings:get': () => ({ locale: 'fr', theme: 'dark' }) })
    const result = await router.dispatch('settings:get', {}, { transport: 'direct' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-output', kind: 'internal' } })
    expect(internalErrors).toHaveLength(1)
  })

  it('returns a valid result unchanged', async () => {
    const settings = { ...DEFAULT_SETTINGS, locale: 'zh-CN' as const, theme: 'dark' as const }
    const handler = vi.fn(() => settings)
    const { router } = spyRouter({ 'settings:update': handler })
    const result = await router.dispatch('settings:update', { theme: 'dark' }, { transport: 'direct' })
    expect(result).toEqual({ ok: true, value: settings })
    expect(handler).toHaveBeenCalledWith({ theme: 'dark' }, { transport: 'direct' })
  })
})

// Run-time controls of the sandbox (issue 3): faults, dropping connections, applied-call counts, kicking a
// user, registering users, state totals. One implementation over an executor, so the in-process emulator and
// a loopback server (even in another process) are controlled the same way.
import type { KickedOutType } from '../sdk'
import type { FaultInjector, FaultSettings } from './faults'
import type { ControlOp } from './protocol'
import type { GroupService } from './service'
import { EmulatorError } from './emulator-error'

export interface EmulatorStats {
  groups: number
  members: number
  pendingApplications: number
  users: number
}

export interface EmulatorControls {
  getFaults(): Promise<FaultSettings>
  setFaults(patch: Partial<FaultSettings>): Promise<FaultSettings>
  /** Hold every call (unapplied) until resume(). */
  pause(): Promise<void>
  resume(): Promise<void>
  /** Cut every connection; clients see NET_STATE_CHANGE and reconnect by themselves. */
  dropAllConnections(): Promise<void>
  /** Applied state-changing calls per kind (method name), persisted with the state. */
  appliedCalls(): Promise<Record<string, number>>
  resetAppliedCalls(): Promise<void>
  /** KICKED_OUT to every session of the user; returns how many were kicked. */
  kickUser(userID: string, type?: KickedOutType): Promise<number>
  /** Accounts exist once they log in; this creates them beforehand (members to add, applicants …). */
  registerUsers(users: ReadonlyArray<{ userID: string; nick?: string }>): Promise<void>
  stats(): Promise<EmulatorStats>
}

export type ControlExecutor = (op: ControlOp, args: unknown) => Promise<unknown>

export function controlsOver(execute: ControlExecutor): EmulatorControls {
  return {
    getFaults: () => execute('getFaults', null) as Promise<FaultSettings>,
    setFaults: (patch) => execute('setFaults', patch) as Promise<FaultSettings>,
    pause: async () => void (await execute('setFaults', { paused: true })),
    resume: async () => void (await execute('setFaults', { paused: false })),
    dropAllConnections: async () => void (await execute('dropAllConnections', null)),
    appliedCalls: () => execute('appliedCalls', null) as Promise<Record<string, number>>,
    resetAppliedCalls: async () => void (await execute('resetAppliedCalls', null)),
    kickUser: (userID, type = 'REST_API_Kick') => execute('kickUser', { userID, type }) as Promise<number>,
    registerUsers: async (users) => void (await execute('registerUsers', users)),
    stats: () => execute('stats', null) as Promise<EmulatorStats>,
  }
}

/** The executor on the emulator's side (used in-process and by the loopback server). */
export function localControlExecutor(service: GroupService, faults: FaultInjector): ControlExecutor {
  return async (op, args) => {
    switch (op) {
      case 'getFaults':
        return { ...faults.settings }
      case 'setFaults':
        return { ...faults.update(faultPatch(args)) }
      case 'dropAllConnections':
        faults.dropAll()
        return null
      case 'appliedCalls':
        return service.appliedCalls()
      case 'resetAppliedCalls':
        service.store.resetAppliedCalls()
        return null
      case 'kickUser': {
        const { userID, type } = (args ?? {}) as { userID?: unknown; type?: unknown }
        if (typeof userID !== 'string') throw new EmulatorError(10004, 'kickUser needs a userID')
        return service.kickUser(userID, (typeof type === 'string' ? type : 'REST_API_Kick') as KickedOutType)
      }
      case 'registerUsers': {
        if (!Array.isArray(args)) throw new EmulatorError(10004, 'registerUsers needs a list')
        service.registerUsers(args.filter((u): u is { userID: string; nick?: string } => typeof u?.userID === 'string'))
        return null
      }
      case 'stats':
        return service.store.stats()
    }
  }
}

function faultPatch(args: unknown): Partial<FaultSettings> {
  if (args === null || typeof args !== 'object') throw new EmulatorError(10004, 'setFaults needs an object')
  const patch: Partial<FaultSettings> = {}
  const input = args as Record<string, unknown>
  for (const key of ['latencyMs', 'jitterMs', 'failRate', 'failCode', 'loseReplyRate'] as const) {
    const value = input[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new EmulatorError(10004, `${key} must be a number ≥ 0`)
    patch[key] = value
  }
  for (const key of ['paused', 'acceptingConnections'] as const) {
    const value = input[key]
    if (value === undefined) continue
    if (typeof value !== 'boolean') throw new EmulatorError(10004, `${key} must be a boolean`)
    patch[key] = value
  }
  return patch
}

// The session and cache issue end to end below the UI: the console app (app.ts) over the real router,
// against an emulator server that can be stopped, restarted and told to kick the moderator out.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { connectEmulatorClient, type EmulatorServer } from '../chat/emulator'
import type { ChatSdk } from '../chat/sdk'
import type { EventPayload } from '../shared/contract'
import { cleanups, consoleOn, emulatorServer, pullFinished, tempDir } from '../test-support/console-harness'

async function server(dataFile: string, port = 0): Promise<EmulatorServer> {
  return emulatorServer({ dataFile, port, seed: { groups: 12, applications: 30 } })
}


describe('connecting to the sandbox', () => {
  it('connects, pulls, and serves groups and applications from the cache', async () => {
    const emulator = await server(':memory:')
    const console = consoleOn(tempDir(), { sandboxUrl: emulator.url })
    const pulled = console.next('sync:progress', pullFinished)
    const state = await console.call('session:connect', { connection: 'sandbox' })
    expect(state).toMatchObject({ connection: 'sandbox', phase: 'ready', userID: 'moderator', accountKey: 'sandbox:moderator' })
    await pulled
    const groups = await console.call('groups:list', { limit: 500 })
    expect(groups.total).toBe((await emulator.controls.stats()).groups)
    const applications = await console.call('applications:query', { limit: 100 })
    expect(applications.total).toBe(30)
    expect(applications.rows[0]).toMatchObject({ status: 'pending', groupName: expect.any(String) })
    expect((await console.call('session:state', {})).lastSyncAt).toBeInstanceOf(Date)
  })

  it('after a restart with no service reachable, shows the cache and says offline', async () => {
    const dataDir = tempDir()
    const emulator = await server(':memory:')
    const first = consoleOn(dataDir, { sandboxUrl: emulator.url })
    const pulled = first.next('sync:progress', pullFinished)
    await first.call('session:connect', { connection: 'sandbox' })
    await pulled
    const cachedGroups = (await first.call('groups:list', { limit: 500 })).total
    await first.app.close()
    await emulator.close()

    const second = consoleOn(dataDir, { sandboxUrl: emulator.url, resume: true })
    // The cache is readable at once, before the reconnection attempt has even failed.
    expect((await second.call('groups:list', { limit: 500 })).total).toBe(cachedGroups)
    expect((await second.call('applications:query', {})).total).toBe(30)
    const offline = await second.next('session:changed', (state) => state.phase === 'offline')
    expect(offline).toMatchObject({ accountKey: 'sandbox:moderator', lastSyncAt: expect.any(Date), reason: expect.stringContaining('unreachable') })
    await expect(second.call('sync:run', {})).rejects.toMatchObject({ code: 'offline', kind: 'retryable' })
  })

  it('resumes a full pull cut by the service going away, and ends matching the service', async () => {
    const dataDir = tempDir()
    const emulatorFile = path.join(tempDir(), 'emulator.db')
    let emulator = await server(emulatorFile)
    const port = emulator.port
    await emulator.controls.setFaults({ latencyMs: 15 })
    const console = consoleOn(dataDir, { sandboxUrl: emulator.url })
    const midway = console.next('sync:progress', (progress) => progress.stage === 'profiles' && progress.done >= 3)
    await console.call('session:connect', { connection: 'sandbox' })
    await midway
    await emulator.close()
    const finished = console.next('sync:progress', pullFinished)
    emulator = await server(emulatorFile, port)
    await finished

    const moderator = await connectEmulatorClient(emulator.url, 'moderator')
    cleanups.push(() => moderator.destroy())
    const service = (await moderator.getGroupList()).data.groupList.map((group) => group.groupID).sort()
    const cached = (await console.call('groups:list', { limit: 500 })).rows.map((group) => group.groupID).sort()
    expect(cached).toEqual(service)
    const serviceApplications = (await moderator.getGroupApplicationList()).data.applicationList.map((a) => `${a.groupID}/${a.applicant}`).sort()
    const cachedApplications = (await console.call('applications:query', { limit: 500 })).rows.map((a) => `${a.groupID}/${a.applicant}`).sort()
    expect(cachedApplications).toEqual(serviceApplications)
  }, 60_000)
})

describe('losing the session', () => {
  it('shows the reason when the service kicks the moderator out, and sends nothing more', async () => {
    const emulator = await server(':memory:')
    const console = consoleOn(tempDir(), { sandboxUrl: emulator.url })
    await console.call('session:connect', { connection: 'sandbox' })
    const kicked = console.next('session:changed', (state) => state.phase === 'kicked-out')
    await emulator.controls.kickUser('moderator', 'multipleAccount')
    expect(await kicked).toMatchObject({ phase: 'kicked-out', reason: 'Signed in elsewhere with the same account' })
    expect(console.app.accounts.sdk()).toBeNull()
    await expect(console.call('sync:run', {})).rejects.toMatchObject({ code: 'offline' })
  })

  it('says the userSig expired when the service says so', async () => {
    const emulator = await server(':memory:')
    const console = consoleOn(tempDir(), { sandboxUrl: emulator.url })
    await console.call('session:connect', { connection: 'sandbox' })
    const expired = console.next('session:changed', (state) => state.phase === 'usersig-expired')
    await emulator.controls.kickUser('moderator', 'userSigExpired')
    expect(await expired).toMatchObject({ reason: 'The userSig expired' })
    expect(console.app.accounts.sdk()).toBeNull()
  })
})

/** A userSig in the documented format, issued `ageSeconds` ago for `lifetimeSeconds`. */
function userSigFor(userID: string, sdkAppID: number, ageSeconds: number, lifetimeSeconds: number): string {
  const json = JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': userID, 'TLS.sdkappid': sdkAppID, 'TLS.time': Math.floor(Date.now() / 1000) - ageSeconds, 'TLS.expire': lifetimeSeconds, 'TLS.sig': 'x' })
  return zlib.deflateSync(Buffer.from(json)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_')
}

describe('cloud profiles', () => {
  function unreachableCloud(): { created: number[]; create: (sdkAppID: number) => ChatSdk } {
    const created: number[] = []
    return {
      created,
      create: (sdkAppID) => {
        created.push(sdkAppID)
        throw Object.assign(new Error('unreachable'), { code: 2800, message: 'Network error' })
      },
    }
  }

  it('refuses an expired userSig before contacting the service', async () => {
    const cloud = unreachableCloud()
    const console = consoleOn(tempDir(), { createCloudSdk: cloud.create })
    const attempt = console.call('session:connect', {
      connection: 'cloud',
      sdkAppID: 1400000001,
      userID: 'mod_1',
      credential: { kind: 'userSig', userSig: userSigFor('mod_1', 1400000001, 7200, 3600) },
    })
    await expect(attempt).rejects.toMatchObject({ code: 3001 })
    expect(cloud.created).toEqual([])
    expect(await console.call('session:state', {})).toMatchObject({ phase: 'usersig-expired', connection: 'cloud' })
  })

  it('refuses a userSig issued for someone else, and saves nothing', async () => {
    const console = consoleOn(tempDir(), { createCloudSdk: unreachableCloud().create })
    const attempt = console.call('session:connect', {
      connection: 'cloud',
      sdkAppID: 1400000001,
      userID: 'mod_1',
      credential: { kind: 'userSig', userSig: userSigFor('someone_else', 1400000001, 0, 86400) },
    })
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('someone_else') })
    expect((await console.call('session:profiles', {})).profiles).toEqual([])
  })

  it('keeps the credential in main: the renderer learns only that one is set and when it expires', async () => {
    const dataDir = tempDir()
    const console = consoleOn(dataDir, { createCloudSdk: unreachableCloud().create })
    const userSig = userSigFor('mod_1', 1400000001, 0, 86400)
    await console.call('session:connect', { connection: 'cloud', sdkAppID: 1400000001, userID: 'mod_1', credential: { kind: 'userSig', userSig } }).catch(() => {})
    const profiles = await console.call('session:profiles', {})
    expect(JSON.stringify(profiles)).not.toContain(userSig)
    expect(profiles.profiles).toEqual([
      expect.objectContaining({ accountKey: 'cloud:1400000001:mod_1', credential: 'userSig', userSigExpiresAt: expect.any(Date), active: true }),
    ])
    expect(profiles.credentialProtection).toBe('file-permissions')
    const files = fs.readdirSync(path.join(dataDir, 'credentials'))
    expect(files).toHaveLength(1)
    expect(fs.statSync(path.join(dataDir, 'credentials', files[0]!)).mode & 0o777).toBe(0o600)
    // Forgetting the account removes the credential and the cache.
    expect((await console.call('session:forget', { accountKey: 'cloud:1400000001:mod_1' })).profiles).toEqual([])
    expect(fs.readdirSync(path.join(dataDir, 'credentials'))).toEqual([])
  })

  it('while unreachable, the state is offline with the reason, not signed out', async () => {
    const console = consoleOn(tempDir(), { createCloudSdk: unreachableCloud().create })
    await console.call('session:connect', { connection: 'cloud', sdkAppID: 1400000001, userID: 'mod_1', credential: { kind: 'userSig', userSig: userSigFor('mod_1', 1400000001, 0, 86400) } }).catch(() => {})
    expect(await console.call('session:state', {})).toMatchObject({ phase: 'offline', reason: expect.stringContaining('unreachable') })
  })
})

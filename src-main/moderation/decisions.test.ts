// Decisions end to end below the UI: the console app over its router, an emulator server as the
// service, and the server's applied-call counts as the proof of what was sent.
import { describe, expect, it } from 'vitest'
import type { EmulatorServer } from '../chat/emulator'
import { consoleOn, emulatorServer, pullFinished, tempDir, type TestConsole } from '../test-support/console-harness'

async function connected(options: { applications?: number; undoWindowSeconds?: number; server?: EmulatorServer } = {}) {
  // No cap on the pending list: the tests handle more than the 50 the service shows by default.
  const server = options.server ?? (await emulatorServer({ seed: { groups: 12, applications: options.applications ?? 40 }, settings: { pendingApplicationCap: null } }))
  const console = consoleOn(tempDir(), { sandboxUrl: server.url })
  await console.call('settings:update', { undoWindowSeconds: options.undoWindowSeconds ?? 0 })
  const pulled = console.next('sync:progress', pullFinished)
  await console.call('session:connect', { connection: 'sandbox' })
  await pulled
  return { server, console }
}

async function pendingKeys(console: TestConsole, limit = 500): Promise<string[]> {
  return (await console.call('applications:query', { limit })).rows.map((row) => row.applicationKey)
}

function finished(console: TestConsole, jobID: number) {
  return console.next('jobs:progress', (job) => job.jobID === jobID && job.finished)
}

async function applied(server: EmulatorServer): Promise<number> {
  return (await server.controls.appliedCalls()).handleGroupApplication ?? 0
}

describe('bad input is refused with a typed error and nothing is written', () => {
  it.each([
    ['an empty list', { applicationKeys: [], action: 'approve' }, 'invalid-input'],
    ['100,001 IDs', { applicationKeys: Array.from({ length: 100_001 }, (_, i) => `key-${i}`), action: 'approve' }, 'invalid-input'],
    ['an unknown action', { applicationKeys: ['x'], action: 'maybe' }, 'invalid-input'],
  ])('%s', async (_label, input, code) => {
    const { console } = await connected()
    await expect(console.call('decisions:enqueue', input as never)).rejects.toMatchObject({ code, kind: 'invalid' })
    expect((await console.call('jobs:list', {})).total).toBe(0)
  })

  it('unknown application IDs, naming them', async () => {
    const { console } = await connected()
    const [known] = await pendingKeys(console)
    const attempt = console.call('decisions:enqueue', { applicationKeys: [known!, 'no-such-application'], action: 'approve' })
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-input', details: { unknownApplicationKeys: ['no-such-application'] } })
    expect((await console.call('jobs:list', {})).total).toBe(0)
    expect(await pendingKeys(console)).toContain(known)
  })

  it('a message one byte over the limit, in Chinese, naming the limit; one byte under passes', async () => {
    const { console } = await connected({ undoWindowSeconds: 60 })
    const [first, second] = await pendingKeys(console)
    // 300 bytes: 99 three-byte characters and 3 ASCII letters; 301 with one more.
    const atLimit = '欢'.repeat(99) + 'abc'
    await expect(console.call('decisions:enqueue', { applicationKeys: [first!], action: 'reject', message: `${atLimit}d` })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('at most 300 bytes'),
    })
    expect((await console.call('jobs:list', {})).total).toBe(0)
    await expect(console.call('decisions:enqueue', { applicationKeys: [second!], action: 'reject', message: atLimit })).resolves.toMatchObject({ queued: 1 })
  })
})

describe('the undo window', () => {
  it('undo inside the window: nothing reaches the server, the applications are back in the inbox', async () => {
    const { server, console } = await connected({ undoWindowSeconds: 30 })
    const keys = (await pendingKeys(console)).slice(0, 5)
    const { jobID, queued } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'approve' })
    expect(queued).toBe(5)
    expect(await pendingKeys(console)).not.toContain(keys[0])
    const { undone, job } = await console.call('decisions:undo', { jobID })
    expect(undone).toBe(5)
    expect(job).toMatchObject({ cancelled: 5, finished: true })
    expect(await pendingKeys(console)).toEqual(expect.arrayContaining(keys))
    expect(await applied(server)).toBe(0)
    const audit = await console.call('audit:query', { jobID })
    expect(audit.rows.map((entry) => entry.event).sort()).toEqual([...Array(5).fill('queued'), ...Array(5).fill('undone')].sort())
  })

  it('undo of part of a job: only those stay unsent', async () => {
    const { server, console } = await connected({ undoWindowSeconds: 1 })
    const keys = (await pendingKeys(console)).slice(0, 6)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'reject', message: 'Not this time' })
    const items = (await console.call('jobs:get', { jobID })).items.rows
    const done = finished(console, jobID)
    await console.call('decisions:undo', { jobID, decisionIDs: items.slice(0, 2).map((item) => item.decisionID) })
    expect(await done).toMatchObject({ done: 4, cancelled: 2 })
    expect(await applied(server)).toBe(4)
  })
})

describe('sending', () => {
  it('a job of 40 approvals: each sent once, results per item, audit entries with the outcome', async () => {
    const { server, console } = await connected()
    const keys = await pendingKeys(console)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'approve', message: 'Welcome 欢迎' })
    const job = await finished(console, jobID)
    expect(job).toMatchObject({ total: 40, done: 40, failed: 0 })
    expect(await applied(server)).toBe(40)
    expect(await pendingKeys(console)).toEqual([])
    const sent = await console.call('audit:query', { jobID, events: ['sent'], limit: 100 })
    expect(sent.total).toBe(40)
    expect(sent.rows[0]).toMatchObject({ action: 'approve', message: 'Welcome 欢迎', outcomeCode: 0, actor: 'moderator' })
    const csv = await console.call('audit:export', { format: 'csv', jobID })
    expect(csv.rows).toBe(80)
    expect(csv.content.split('\n')[0]).toBe('at,actor,job,group_id,group_name,applicant,action,message,event,code,outcome')
  })

  it('retries transient network failures until every item is sent, once', async () => {
    const { server, console } = await connected()
    await server.controls.setFaults({ failRate: 0.3, failCode: 2800 })
    const keys = await pendingKeys(console)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'approve' })
    const job = await finished(console, jobID)
    expect(job).toMatchObject({ done: 40, failed: 0 })
    expect(await applied(server)).toBe(40)
  })

  it('the emulator drops every connection mid-job: the job waits offline, resumes, completes', async () => {
    const { server, console } = await connected({ applications: 60 })
    await server.controls.setFaults({ latencyMs: 10 })
    const keys = await pendingKeys(console)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'approve' })
    await console.next('jobs:progress', (job) => job.jobID === jobID && job.done >= 10)
    await server.controls.setFaults({ acceptingConnections: false })
    const offline = console.next('jobs:progress', (job) => job.jobID === jobID && job.waitingFor === 'offline')
    await server.controls.dropAllConnections()
    await offline
    expect((await console.call('session:state', {})).phase).toBe('offline')
    const done = finished(console, jobID)
    await server.controls.setFaults({ acceptingConnections: true })
    expect(await done).toMatchObject({ done: 60, failed: 0 })
    expect(await applied(server)).toBe(60)
  })

  it('decisions made offline wait, and are sent after reconnecting', async () => {
    const { server, console } = await connected()
    await server.controls.setFaults({ acceptingConnections: false })
    const offline = console.next('session:changed', (state) => state.phase === 'offline')
    await server.controls.dropAllConnections()
    await offline
    const keys = (await pendingKeys(console)).slice(0, 10)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'reject' })
    expect((await console.call('jobs:get', { jobID })).job).toMatchObject({ queued: 10, waitingFor: 'offline' })
    expect(await applied(server)).toBe(0)
    const done = finished(console, jobID)
    await server.controls.setFaults({ acceptingConnections: true })
    expect(await done).toMatchObject({ done: 10 })
    expect(await applied(server)).toBe(10)
  })

  it('an application handled by someone else while offline is marked, not sent', async () => {
    const { server, console } = await connected()
    await server.controls.setFaults({ acceptingConnections: false })
    const offline = console.next('session:changed', (state) => state.phase === 'offline')
    await server.controls.dropAllConnections()
    await offline
    // The second moderator signs in after the outage began, in-process, so it is not cut off.
    const second = await server.emulator.connect('moderator2')
    const theirs = (await second.getGroupApplicationList()).data.applicationList
    const shared = (await console.call('applications:query', { limit: 500 })).rows.filter((row) =>
      theirs.some((application) => application.groupID === row.groupID && application.applicant === row.applicant),
    )
    expect(shared.length).toBeGreaterThanOrEqual(3)
    const chosen = shared.slice(0, 3)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: chosen.map((row) => row.applicationKey), action: 'approve' })
    const target = chosen[0]!
    const application = theirs.find((candidate) => candidate.groupID === target.groupID && candidate.applicant === target.applicant)!
    await second.handleGroupApplication({ handleAction: 'Reject', application })
    const done = finished(console, jobID)
    await server.controls.setFaults({ acceptingConnections: true })
    expect(await done).toMatchObject({ done: 3, decidedElsewhere: 1 })
    // Two sent by the console, one by the second moderator: nothing twice.
    expect(await applied(server)).toBe(3)
    const items = (await console.call('jobs:get', { jobID })).items.rows
    expect(items.find((item) => item.applicationKey === target.applicationKey)).toMatchObject({ outcome: 'decided-elsewhere', attempts: 0 })
  })

  it('an item the service refuses fails alone, with the code and its meaning; the rest are sent', async () => {
    const { server, console } = await connected()
    const rows = (await console.call('applications:query', { limit: 500 })).rows
    const groups = (await console.call('groups:list', { limit: 500, roles: ['Admin'] })).rows
    const demotedGroup = groups.find((group) => rows.some((row) => row.groupID === group.groupID))
    expect(demotedGroup, 'the demo data has a group the moderator only administers, with applications').toBeDefined()
    // The owner takes the moderator's admin role away; the cache does not know yet.
    const owner = await server.emulator.connect(demotedGroup!.ownerID)
    await owner.setGroupMemberRole({ groupID: demotedGroup!.groupID, userID: 'moderator', role: 'Member' })
    const keys = rows.map((row) => row.applicationKey)
    const refusedCount = rows.filter((row) => row.groupID === demotedGroup!.groupID).length
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: keys, action: 'approve' })
    const job = await finished(console, jobID)
    expect(job).toMatchObject({ failed: refusedCount, done: keys.length - refusedCount })
    const failed = (await console.call('jobs:get', { jobID, only: 'failed' })).items.rows
    expect(failed).toHaveLength(refusedCount)
    expect(failed[0]).toMatchObject({ outcome: 'failed', outcomeCode: 10007, outcomeText: 'No permission for this operation', groupID: demotedGroup!.groupID })
    expect(await applied(server)).toBe(keys.length - refusedCount)
    // Refused decisions go back to the inbox, to be decided by someone who still can.
    expect(await pendingKeys(console)).toHaveLength(refusedCount)
  })
})

describe('two consoles on overlapping selections', () => {
  it('each application is handled once; the console that lost records who decided', async () => {
    const server = await emulatorServer({ seed: { groups: 12, applications: 30 }, settings: { pendingApplicationCap: null } })
    const first = (await connected({ server })).console
    const secondConsole = consoleOn(tempDir(), { sandboxUrl: server.url })
    await secondConsole.call('settings:update', { undoWindowSeconds: 0 })
    const pulled = secondConsole.next('sync:progress', pullFinished)
    await secondConsole.call('session:connect', { connection: 'sandbox', userID: 'moderator2' })
    await pulled
    const firstKeys = await pendingKeys(first)
    const secondKeys = await pendingKeys(secondConsole)
    const overlap = firstKeys.filter((key) => secondKeys.includes(key))
    expect(overlap.length).toBeGreaterThan(5)
    const a = await first.call('decisions:enqueue', { applicationKeys: overlap, action: 'approve' })
    const b = await secondConsole.call('decisions:enqueue', { applicationKeys: [...overlap].reverse(), action: 'reject' })
    const [jobA, jobB] = await Promise.all([finished(first, a.jobID), finished(secondConsole, b.jobID)])
    expect(await applied(server)).toBe(overlap.length)
    expect(jobA.done + jobB.done - jobA.decidedElsewhere - jobB.decidedElsewhere).toBe(overlap.length)
    expect(jobA.decidedElsewhere + jobB.decidedElsewhere).toBe(overlap.length)
    const lost = (await secondConsole.call('jobs:get', { jobID: b.jobID, limit: 500 })).items.rows.filter((item) => item.outcome === 'decided-elsewhere')
    for (const item of lost) expect(item.decidedBy).toBe('moderator')
  })
})

describe('inbox helpers', () => {
  it('"select all matching" gets every key of a filter; saved filters survive a restart of the console', async () => {
    const { console } = await connected({ applications: 40 })
    const all = await console.call('applications:keys', {})
    expect(all.total).toBe(40)
    expect(all.keys).toHaveLength(40)
    const publicOnly = await console.call('applications:keys', { groupTypes: ['Public'] })
    expect(publicOnly.keys.length).toBe((await console.call('applications:query', { groupTypes: ['Public'], limit: 500 })).total)
    await console.call('inbox:saveFilter', { name: 'Public, oldest first', query: { groupTypes: ['Public'], direction: 'asc' } })
    expect(await console.call('inbox:savedFilters', {})).toEqual([expect.objectContaining({ name: 'Public, oldest first', query: expect.objectContaining({ groupTypes: ['Public'], direction: 'asc' }) })])
    expect(await console.call('inbox:deleteFilter', { name: 'Public, oldest first' })).toEqual([])
  })

  it('shows earlier decisions on an applicant from this console, in any group', async () => {
    const { console } = await connected({ applications: 40 })
    const rows = (await console.call('applications:query', { limit: 500 })).rows
    const repeated = rows.find((row) => row.applicantPendingCount > 1)
    expect(repeated, 'the demo data has an applicant pending in several groups').toBeDefined()
    const [first, ...others] = rows.filter((row) => row.applicant === repeated!.applicant)
    const { jobID } = await console.call('decisions:enqueue', { applicationKeys: [first!.applicationKey], action: 'reject' })
    await finished(console, jobID)
    const after = (await console.call('applications:query', { applicant: repeated!.applicant })).rows
    expect(after).toHaveLength(others.length)
    expect(after[0]).toMatchObject({ applicantRejections: 1, applicantApprovals: 0, applicantPendingCount: others.length })
  })
})

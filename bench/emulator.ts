// `npm run bench -- emulator [--calls N] [--concurrency C]`: calls per second against the sandbox, in-process
// and over the loopback server, on a durable database file (WAL, synchronous=FULL), for a read, a write and
// the moderation decision (handleGroupApplication). Prints a table, then `RESULT inproc_calls_s=…
// loopback_calls_s=…` (all measured calls over all measured time, per mode).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { ChatSdk, GroupApplication } from '../src-main/chat/sdk'
import { connectEmulatorClient, createEmulator, startEmulatorServer, type Emulator } from '../src-main/chat/emulator'

interface Row {
  mode: 'in-process' | 'loopback'
  call: string
  calls: number
  seconds: number
  calls_s: number
}

type Workload = (chat: ChatSdk, index: number) => Promise<unknown>

async function measure(mode: Row['mode'], call: string, chat: ChatSdk, calls: number, concurrency: number, work: Workload): Promise<Row> {
  let next = 0
  const started = process.hrtime.bigint()
  const worker = async (): Promise<void> => {
    for (let index = next++; index < calls; index = next++) await work(chat, index)
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { mode, call, calls, seconds: round(seconds, 3), calls_s: Math.round(calls / seconds) }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

function pendingApplications(emulator: Emulator, moderatorID: string): GroupApplication[] {
  return emulator.store.pendingApplicationsFor(moderatorID, -1).map((row) => ({
    applicant: row.applicant,
    applicantNick: row.applicant_nick,
    groupID: row.group_id,
    groupName: row.group_name,
    applicationType: row.application_type === 2 ? 2 : 0,
    userID: row.invitee,
    note: row.note,
    authentication: row.authentication,
    messageKey: row.message_key,
  }))
}

async function runMode(mode: Row['mode'], calls: number, concurrency: number, dir: string): Promise<Row[]> {
  const emulator = createEmulator({
    dataFile: join(dir, `${mode}.sqlite`),
    seed: { seed: 42, groups: 500, applications: calls + 100 },
    settings: { pendingApplicationCap: null },
  })
  const server = mode === 'loopback' ? await startEmulatorServer({ emulator }) : null
  const chat = server ? await connectEmulatorClient(server.url, 'moderator') : await emulator.connect('moderator')
  const groupIDs = (await chat.getGroupList()).data.groupList.map((g) => g.groupID)
  const applications = pendingApplications(emulator, 'moderator')
  const pickGroup = (index: number): string => groupIDs[index % groupIDs.length] as string
  const rows = [
    await measure(mode, 'getGroupProfile', chat, calls, concurrency, (c, i) => c.getGroupProfile({ groupID: pickGroup(i) })),
    await measure(mode, 'setGroupMemberNameCard', chat, calls, concurrency, (c, i) => c.setGroupMemberNameCard({ groupID: pickGroup(i), nameCard: `card ${i}` })),
    await measure(mode, 'handleGroupApplication', chat, Math.min(calls, applications.length), concurrency, (c, i) =>
      c.handleGroupApplication({ handleAction: i % 2 === 0 ? 'Agree' : 'Reject', application: applications[i] as GroupApplication }),
    ),
  ]
  const applied = await emulator.controls.appliedCalls()
  if (applied.handleGroupApplication !== rows[2]?.calls) throw new Error(`applied ${applied.handleGroupApplication} decisions, sent ${rows[2]?.calls}`)
  await chat.destroy()
  await server?.close()
  emulator.close()
  return rows
}

function overall(rows: Row[]): number {
  const calls = rows.reduce((sum, r) => sum + r.calls, 0)
  const seconds = rows.reduce((sum, r) => sum + r.seconds, 0)
  return Math.round(calls / seconds)
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { calls: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '8' } }, strict: true })
  const calls = Number(values.calls)
  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(calls) || calls <= 0 || !Number.isInteger(concurrency) || concurrency <= 0) throw new Error('--calls and --concurrency take positive integers')
  const dir = mkdtempSync(join(tmpdir(), 'emulator-bench-'))
  try {
    const inProcess = await runMode('in-process', calls, concurrency, dir)
    const loopback = await runMode('loopback', calls, concurrency, dir)
    console.table([...inProcess, ...loopback])
    console.log(`RESULT inproc_calls_s=${overall(inProcess)} loopback_calls_s=${overall(loopback)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

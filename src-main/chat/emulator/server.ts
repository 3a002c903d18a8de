// The loopback server: the emulated service on ws://127.0.0.1:PORT, one service session per socket, pushes
// to the sockets of the users concerned, faults applied before each call (issue 3 "Loopback server").
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator'
import type { EmulatorControls } from './controls'
import { localControlExecutor } from './controls'
import { toChatSdkError } from './emulator-error'
import { LOST_REPLY_CODE } from './faults'
import { decodeWire, encodeWire, isServiceMethod, type ServerEnvelope, type ServiceMethod } from './protocol'

export interface EmulatorServerOptions extends EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Use an emulator built elsewhere (the server then does not close it). */
  emulator?: Emulator
}

export interface EmulatorServer {
  readonly url: string
  readonly port: number
  readonly controls: EmulatorControls
  readonly emulator: Emulator
  /** Close every socket and the listener; closes the emulator (and its database) if the server built it. */
  close(): Promise<void>
}

const envelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int(), method: z.string(), params: z.unknown() }),
  z.object({
    type: z.literal('control'),
    id: z.number().int(),
    op: z.enum(['getFaults', 'setFaults', 'dropAllConnections', 'appliedCalls', 'resetAppliedCalls', 'kickUser', 'stats', 'registerUsers']),
    args: z.unknown(),
  }),
])

export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const ownsEmulator = !options.emulator
  const emulator = options.emulator ?? createEmulator(options)
  const { service, faults } = emulator
  const executeControl = localControlExecutor(service, faults)
  const sockets = new Set<WebSocket>()

  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    // While connections are refused (fault control), dropped clients stay offline.
    verifyClient: (_info, accept) => accept(faults.settings.acceptingConnections, 503, 'not accepting connections'),
  })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  const port = (wss.address() as AddressInfo).port

  const stopDropping = faults.onDrop(() => {
    for (const socket of sockets) socket.terminate()
  })

  wss.on('connection', (socket) => {
    sockets.add(socket)
    let open = true
    const send = (envelope: ServerEnvelope): void => {
      if (open && socket.readyState === socket.OPEN) socket.send(encodeWire(envelope))
    }
    const sessionId = service.openSession((push) => send({ type: 'push', push }))
    socket.on('close', () => {
      open = false
      sockets.delete(socket)
      service.closeSession(sessionId)
    })
    socket.on('message', (raw) => {
      let parsed: z.infer<typeof envelopeSchema>
      try {
        parsed = envelopeSchema.parse(decodeWire(raw.toString()))
      } catch {
        return // Not ours: ignore rather than guess an id to answer.
      }
      if (parsed.type === 'control' && parsed.op === 'dropAllConnections') {
        // Answer first: the asker's own socket is among those cut.
        socket.send(encodeWire({ type: 'reply', id: parsed.id, ok: true, data: null } satisfies ServerEnvelope), () => faults.dropAll())
        return
      }
      if (parsed.type === 'control') {
        executeControl(parsed.op, parsed.args).then(
          (data) => send({ type: 'reply', id: parsed.id, ok: true, data }),
          (error: unknown) => send({ type: 'reply', id: parsed.id, ok: false, error: toChatSdkError(error) }),
        )
        return
      }
      void handleCall(parsed.id, parsed.method, parsed.params)
    })

    async function handleCall(id: number, method: string, params: unknown): Promise<void> {
      if (!isServiceMethod(method)) {
        send({ type: 'reply', id, ok: false, error: { code: 10003, message: `Invalid command: ${method}` } })
        return
      }
      const faultsApply = method !== 'login' && method !== 'logout'
      try {
        if (faultsApply) await faults.beforeCall()
        // The socket may have been cut while the call waited: a call on a dead link is never applied.
        if (!open) return
        const data = service.call(sessionId, method as ServiceMethod, params as never)
        if (faultsApply && faults.loseReply()) {
          send({ type: 'reply', id, ok: false, error: { code: LOST_REPLY_CODE, message: 'reply lost (injected fault)' } })
          return
        }
        send({ type: 'reply', id, ok: true, data })
      } catch (error) {
        send({ type: 'reply', id, ok: false, error: toChatSdkError(error) })
      }
    }
  })

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    controls: emulator.controls,
    emulator,
    async close() {
      stopDropping()
      for (const socket of sockets) socket.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      if (ownsEmulator) emulator.close()
    },
  }
}

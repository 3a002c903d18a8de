// The socket transport's wire format: JSON, plus the values JSON cannot carry exactly. A bigint (counter
// values are signed 64-bit) and a Date become tagged objects; an ordinary object that happens to use the
// tag key is escaped, so decoding never mistakes data for a tag.
const TAG = '$t'

/** Sets an own property even for the key `__proto__`, which plain assignment would treat as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

type Tagged =
  | { [TAG]: 'bigint'; v: string }
  | { [TAG]: 'date'; v: string }
  | { [TAG]: 'undefined' }
  | { [TAG]: 'object'; v: Record<string, unknown> }

function encodeValue(value: unknown): unknown {
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() } satisfies Tagged
  if (value instanceof Date) return { [TAG]: 'date', v: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() } satisfies Tagged
  if (value === undefined) return { [TAG]: 'undefined' } satisfies Tagged
  if (Array.isArray(value)) return value.map(encodeValue)
  if (value !== null && typeof value === 'object') {
    const encoded: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      // Object properties that are undefined are dropped, as JSON would drop them.
      if (inner !== undefined) setOwn(encoded, key, encodeValue(inner))
    }
    return Object.hasOwn(encoded, TAG) ? ({ [TAG]: 'object', v: encoded } satisfies Tagged) : encoded
  }
  return value
}

function decodeObject(encoded: Record<string, unknown>): Record<string, unknown> {
  const decoded: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(encoded)) setOwn(decoded, key, decodeValue(inner))
  return decoded
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  if (!Object.hasOwn(record, TAG)) return decodeObject(record)
  const tag = record[TAG]
  const payload = record.v
  switch (tag) {
    case 'bigint':
      if (typeof payload !== 'string' || !/^-?\d+$/.test(payload)) throw new SyntaxError('Malformed bigint in message')
      return BigInt(payload)
    case 'date':
      if (typeof payload !== 'string') throw new SyntaxError('Malformed date in message')
      return new Date(payload === 'invalid' ? Number.NaN : payload)
    case 'undefined':
      return undefined
    case 'object':
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new SyntaxError('Malformed object in message')
      return decodeObject(payload as Record<string, unknown>)
    default:
      throw new SyntaxError(`Unknown tag ${String(tag)} in message`)
  }
}

export function encodeMessage(value: unknown): string {
  return JSON.stringify(encodeValue(value))
}

/** Throws SyntaxError on anything that is not a well-formed message. */
export function decodeMessage(text: string): unknown {
  return decodeValue(JSON.parse(text))
}

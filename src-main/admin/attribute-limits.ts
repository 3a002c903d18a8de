// Custom group attributes against their documented limits (limits.ts ATTRIBUTE_LIMITS and the size basis,
// 4000/16000 bytes by default): the problems of a resulting set, before anything is sent.
import { ATTRIBUTE_LIMITS, ATTRIBUTE_SIZE_BASES, utf8ByteLength, type AttributeSizeBasis } from '../shared/limits'

export function attributeProblems(attributes: Readonly<Record<string, string>>, basis: AttributeSizeBasis = 'decimal'): string[] {
  const problems: string[] = []
  const sizes = ATTRIBUTE_SIZE_BASES[basis]
  const keys = Object.keys(attributes)
  if (keys.length > ATTRIBUTE_LIMITS.keysMax.value) problems.push(`At most ${ATTRIBUTE_LIMITS.keysMax.value} attribute keys; this makes ${keys.length}`)
  let total = 0
  for (const [key, value] of Object.entries(attributes)) {
    const keyBytes = utf8ByteLength(key)
    const valueBytes = utf8ByteLength(value)
    total += keyBytes + valueBytes
    if (keyBytes > ATTRIBUTE_LIMITS.keyMaxBytes.value) problems.push(`Key "${key}" is ${keyBytes} bytes; the limit is ${ATTRIBUTE_LIMITS.keyMaxBytes.value}`)
    if (valueBytes > sizes.valueMaxBytes) problems.push(`The value of "${key}" is ${valueBytes} bytes; the limit is ${sizes.valueMaxBytes}`)
  }
  if (total > sizes.totalMaxBytes) problems.push(`All attributes together are ${total} bytes; the limit is ${sizes.totalMaxBytes}`)
  return problems
}

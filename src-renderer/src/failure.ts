// Whatever a call threw, as the renderer shows it: the service's (or console's) code, its message, what
// the code means, and, for rejected input, which fields were wrong.
import { ApiError } from './api'
import { describeErrorCode } from '../../src-main/shared/errors'

export interface FieldIssue {
  /** Dotted path into the input, e.g. 'credential.userSig'. */
  path: string
  message: string
}

export interface Failure {
  code: number | string | null
  message: string
  /** The code's documented meaning, when it says more than the message. */
  meaning: string | null
  issues: FieldIssue[]
}

function issuesOf(details: unknown): FieldIssue[] {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues
  if (!Array.isArray(issues)) return []
  return issues.filter(
    (issue): issue is FieldIssue => typeof issue === 'object' && issue !== null && typeof issue.path === 'string' && typeof issue.message === 'string',
  )
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof ApiError) {
    const meaning = describeErrorCode(error.code).text
    return {
      code: error.code,
      message: error.message,
      meaning: meaning === error.message || meaning.startsWith('Unknown error') ? null : meaning,
      issues: issuesOf(error.details),
    }
  }
  return { code: null, message: error instanceof Error ? error.message : String(error), meaning: null, issues: [] }
}

/** The issues that concern one input field (its path or anything under it). */
export function issuesFor(failure: Failure | null, path: string): FieldIssue[] {
  return failure?.issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`)) ?? []
}

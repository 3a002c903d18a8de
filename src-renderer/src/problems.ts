// Refusals by rule carry their problems in the error's details (ApiError.details.problems): shown next to
// the fields they concern, like the ones the editor finds itself.
import type { PatchProblem, ProfileField } from '../../src-main/shared/profile-rules'
import { PROFILE_FIELDS } from '../../src-main/shared/profile-rules'

function isPatchProblem(value: unknown): value is PatchProblem {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<PatchProblem>
  return typeof candidate.message === 'string' && (PROFILE_FIELDS as readonly string[]).includes(String(candidate.field)) && (candidate.kind === 'rule' || candidate.kind === 'limit')
}

export function problemsOf(error: unknown): PatchProblem[] {
  const details = (error as { details?: unknown } | null)?.details
  const problems = (details as { problems?: unknown } | null | undefined)?.problems
  return Array.isArray(problems) ? problems.filter(isPatchProblem) : []
}

/** Problems of one field, without the same message twice (the editor and main may both find it). */
export function problemsFor(problems: readonly PatchProblem[], field: ProfileField): PatchProblem[] {
  const seen = new Set<string>()
  return problems.filter((problem) => problem.field === field && !seen.has(problem.message) && seen.add(problem.message))
}

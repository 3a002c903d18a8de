// Profile edits, one group or many: a dry run (old → new, or the refusal), then the change as a run of the
// operations journal, and the way back — a rollback run restoring each group's previous values.
import type { AccountCache } from '../store/cache'
import type { ProfilePreview, ProfilePreviewRow, GroupSelection } from '../shared/admin-domain'
import type { CachedGroup } from '../shared/domain'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'
import type { ProfileLimitProfile } from '../shared/limits'
import { checkProfilePatch, profilePatchSchema, type ProfilePatch } from '../shared/profile-rules'
import type { NewOperation, OperationsJournal } from './operations-journal'
import { valuesFor, type ProfileValues } from './profile-values'

/** The cached groups a selection names. Unknown IDs are refused by name. */
export function selectedGroups(cache: AccountCache, selection: GroupSelection): CachedGroup[] {
  if ('groupIDs' in selection) {
    const groups = selection.groupIDs.map((groupID) => cache.groups.get(groupID))
    const missing = selection.groupIDs.filter((_, index) => !groups[index])
    if (missing.length > 0) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `${missing.length} of the chosen groups are not in the cache`, { unknownGroupIDs: missing.slice(0, 20) })
    return groups as CachedGroup[]
  }
  const rows: CachedGroup[] = []
  for (let offset = 0; ; offset += 500) {
    const page = cache.groups.list({ ...selection.filter, limit: 500, offset })
    rows.push(...page.rows)
    if (rows.length >= page.total || page.rows.length === 0) return rows
  }
}

function previewRow(group: CachedGroup, patch: ProfilePatch, limits: ProfileLimitProfile): ProfilePreviewRow & { changedPatch: ProfilePatch } {
  const problems = checkProfilePatch(group, patch, limits)
  const current = valuesFor(patch, { cached: group }) as Record<string, unknown>
  const changes: ProfilePreviewRow['changes'] = []
  const changedPatch: Record<string, unknown> = {}
  for (const [field, to] of Object.entries(patch)) {
    const from = current[field]
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    changes.push({ field: field as ProfilePreviewRow['changes'][number]['field'], from: (from ?? null) as never, to: to as never })
    changedPatch[field] = to
  }
  return { groupID: group.groupID, name: group.name, type: group.type, changes, problems, unchanged: changes.length === 0 && problems.length === 0, changedPatch: changedPatch as ProfilePatch }
}

export interface ProfileEdits {
  preview(selection: GroupSelection, patch: ProfilePatch): ProfilePreview
  apply(selection: GroupSelection, patch: ProfilePatch, actor: string): { runID: number | null; queued: number; refused: number; unchanged: number }
  rollback(runID: number, actor: string): { runID: number | null; queued: number; refused: number; unchanged: number }
}

export function createProfileEdits(cache: AccountCache, journal: OperationsJournal, limits: () => ProfileLimitProfile): ProfileEdits {
  function rowsFor(selection: GroupSelection, rawPatch: ProfilePatch) {
    const patch = profilePatchSchema.parse(rawPatch)
    return selectedGroups(cache, selection).map((group) => ({ group, row: previewRow(group, patch, limits()) }))
  }

  return {
    preview(selection, patch) {
      const rows = rowsFor(selection, patch).map(({ row: { changedPatch: _, ...row } }) => row)
      return {
        rows,
        willChange: rows.filter((row) => row.problems.length === 0 && row.changes.length > 0).length,
        willRefuse: rows.filter((row) => row.problems.length > 0).length,
        unchanged: rows.filter((row) => row.unchanged).length,
      }
    },
    apply(selection, patch, actor) {
      const rows = rowsFor(selection, patch)
      const refused = rows.filter(({ row }) => row.problems.length > 0)
      // One group: its refusal is the answer, with the problems for the fields that caused it.
      if (rows.length === 1 && refused.length === 1) {
        const problems = refused[0]!.row.problems
        const code = problems.some((problem) => problem.kind === 'rule') ? CONSOLE_ERROR_CODES.ruleRefused : CONSOLE_ERROR_CODES.limitExceeded
        throw new AppError(code, problems.map((problem) => problem.message).join('; '), { problems })
      }
      const operations: NewOperation[] = rows
        .filter(({ row }) => row.problems.length === 0 && row.changes.length > 0)
        .map(({ group, row }) => ({
          groupID: group.groupID,
          command: 'updateGroupProfile',
          payload: row.changedPatch,
          base: valuesFor(row.changedPatch, { cached: group }) as Record<string, unknown>,
        }))
      const unchanged = rows.filter(({ row }) => row.unchanged).length
      if (operations.length === 0) return { runID: null, queued: 0, refused: refused.length, unchanged }
      const fields = Object.keys(operations[0]!.payload).join(', ')
      const description = operations.length === 1 ? `Edit ${fields} of ${rows[0]!.group.name}` : `Edit ${Object.keys(profilePatchSchema.parse(patch)).join(', ')} in ${operations.length} groups`
      const runID = journal.createRun('profile-edit', description, actor, operations)
      return { runID, queued: operations.length, refused: refused.length, unchanged }
    },
    rollback(runID, actor) {
      const summary = journal.summary(runID, false)
      if (!summary) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `No run ${runID}`)
      if (summary.kind === 'members' || summary.kind === 'rollback') throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `${summary.kind === 'members' ? 'Member changes' : 'A rollback'} cannot be rolled back`)
      const done = journal.doneOperations(runID)
      const operations: NewOperation[] = done
        .filter((operation) => (operation.command === 'updateGroupProfile' || operation.command === 'setGroupCounters') && Object.keys(operation.base).length > 0)
        // Back to the previous values; for a profile, guarded by the values this run set (a later change by anyone is a conflict).
        .map((operation) => ({ groupID: operation.groupID, command: operation.command, payload: operation.base as ProfileValues, base: operation.payload }))
      // Done items with no snapshot of what they replaced cannot be restored: counted as refused.
      const refused = done.length - operations.length
      if (operations.length === 0) return { runID: null, queued: 0, refused, unchanged: 0 }
      const rollbackID = journal.createRun('rollback', `Roll back run ${runID}: ${summary.description}`, actor, operations, runID)
      return { runID: rollbackID, queued: operations.length, refused, unchanged: 0 }
    },
  }
}

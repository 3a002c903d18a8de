import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api'
import type { ProfileEdit, ProfilePreview, RunSummary } from '../../../src-main/shared/admin-domain'
import type { ChannelInput } from '../../../src-main/shared/contract'

export type MemberBulkInput = ChannelInput<'members:apply'>

/**
 * Runs of the operations journal (profile edits, rollbacks, member changes): the latest summary of each
 * run this window has heard of, kept current by 'operations:progress', and the calls that start them.
 * One store so a run started in a group's detail shows the same progress in the Runs tab.
 */
export const useOperationsStore = defineStore('operations', () => {
  /** Latest summary per run. Replaced, never mutated, so every view showing a run re-renders. */
  const runs = ref<ReadonlyMap<number, RunSummary>>(new Map())
  let listening = false

  function remember(run: RunSummary): void {
    const next = new Map(runs.value)
    next.set(run.runID, run)
    runs.value = next
  }

  /** Subscribes once per window: progress of every run, including ones started elsewhere. */
  function listen(): void {
    if (listening) return
    listening = true
    useApi().on('operations:progress', remember)
  }

  async function loadRun(runID: number): Promise<RunSummary> {
    listen()
    const { run } = await useApi()['operations:get']({ runID, only: 'all', offset: 0, limit: 1 })
    remember(run)
    return run
  }

  async function list(offset: number, limit: number) {
    listen()
    const page = await useApi()['operations:list']({ offset, limit })
    for (const run of page.rows) remember(run)
    return page
  }

  function preview(edit: ProfileEdit): Promise<ProfilePreview> {
    return useApi()['profile:preview'](edit)
  }

  async function apply(edit: ProfileEdit) {
    listen()
    const result = await useApi()['profile:apply'](edit)
    if (result.runID !== null) await loadRun(result.runID)
    return result
  }

  async function rollback(runID: number) {
    listen()
    const result = await useApi()['operations:rollback']({ runID })
    if (result.runID !== null) await loadRun(result.runID)
    return result
  }

  /** A change to many members of one group: a run of its own, with per-member results. */
  async function applyToMembers(input: MemberBulkInput) {
    listen()
    const result = await useApi()['members:apply'](input)
    if (result.runID !== null) await loadRun(result.runID)
    return result
  }

  async function resolveConflict(operationID: number, resolution: 'apply-mine' | 'keep-theirs') {
    return useApi()['operations:resolveConflict']({ operationID, resolution })
  }

  async function cancel(runID: number): Promise<void> {
    remember(await useApi()['operations:cancel']({ runID }))
  }

  return { runs, listen, loadRun, list, preview, apply, applyToMembers, rollback, resolveConflict, cancel }
})

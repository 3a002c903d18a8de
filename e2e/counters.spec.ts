import { connectEmulatorClient, type EmulatorServer } from '../src-main/chat/emulator'
import { expect, test } from './fixtures'
import { CountersPage } from './pages/counters-page'
import type { ConsoleShell } from './pages/console-shell'

const INT64_MAX = '9223372036854775807'
const INT64_MIN = '-9223372036854775808'

/**
 * A group of the test's own sandbox that has counters and whose owner is someone other than the
 * moderator (the moderator is an admin there): that owner is the "other client" that changes counters.
 */
function groupOwnedByAnother(server: EmulatorServer): { groupID: string; ownerID: string; keys: string[] } {
  const store = server.emulator.store
  for (const group of store.groupsOfUser('moderator')) {
    const counters = store.countersOf(group.group_id)
    const supported = group.type !== 'AVChatRoom' && group.is_support_topic === 0
    if (supported && group.self_role !== 'Owner' && group.owner_id !== 'moderator' && counters.size > 0) {
      return { groupID: group.group_id, ownerID: group.owner_id, keys: [...counters.keys()] }
    }
  }
  throw new Error('The seeded sandbox has no counter group owned by another user')
}

async function openCounters(shell: ConsoleShell): Promise<CountersPage> {
  await shell.connectSandboxFromEmptyState('counters')
  const counters = new CountersPage(shell.page)
  await expect(counters.view).toBeVisible()
  return counters
}

test.describe('counters', () => {
  test.use({ sandboxGroups: 40 })

  test('the dashboard, a change, and the chart and the rate meter moving', async ({ shell, page, sandboxServer }, testInfo) => {
    const { groupID } = groupOwnedByAnother(sandboxServer!)
    const counters = await openCounters(shell)

    // The dashboard fills in as the sync reads counters (paced: 20 reads per 5 s).
    await counters.tab('dashboard').click()
    await expect(counters.dashboard.getByTestId('dashboard-row').first()).toBeVisible({ timeout: 30_000 })
    await page.getByTestId('dashboard-key').selectOption('likes')
    await expect(counters.dashboard).toHaveAttribute('data-key', 'likes')
    const totalBefore = BigInt((await page.getByTestId('dashboard-total').getAttribute('data-value'))!)
    await page.getByTestId('dashboard-threshold').fill('10000')
    await expect(page.getByTestId('dashboard-above-count')).toHaveText(/^\d+$/)
    const highlighted = counters.dashboard.locator('[data-testid=dashboard-row][data-above=true]')
    for (const value of await highlighted.getByTestId('dashboard-value').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-value')))) {
      expect(BigInt(value!)).toBeGreaterThanOrEqual(10000n)
    }
    // The view scrolls inside the shell, so a taller window (not fullPage) shows all of it.
    await page.setViewportSize({ width: 1280, height: 1300 })
    await page.screenshot({ path: testInfo.outputPath('counters-dashboard.png') })

    // The picker lists the groups that have counters by default.
    await counters.tab('group').click()
    await page.getByTestId('counter-group-search').fill(groupID)
    await expect(counters.picker.locator(`[data-testid=counter-group-option][data-group-id="${groupID}"]`)).toBeVisible({ timeout: 30_000 })

    // Change one counter of a group from the group tab.
    await counters.pickGroup(groupID)
    await counters.selectKey('likes')
    await expect(counters.history).toHaveAttribute('data-finished-at', /\d/)
    const before = BigInt((await counters.value('likes').getAttribute('data-value'))!)
    const marksBefore = Number(await counters.history.getAttribute('data-marks'))
    const drawnBefore = await counters.chartDrawnAt()
    await counters.change('increase', '1234')
    await expect(counters.value('likes')).toHaveAttribute('data-value', String(before + 1234n))
    // The chart is read and drawn again, with the change marked on it.
    await expect(counters.history).toHaveAttribute('data-marks', String(marksBefore + 1))
    await expect(counters.history).not.toHaveAttribute('data-finished-at', drawnBefore ?? '')
    // The meter counts the write within its 5-second window (polled twice a second).
    await expect.poll(() => counters.used(counters.rateWrites), { timeout: 4_000 }).toBeGreaterThan(0)
    await expect(counters.rateWrites.getByTestId('rate-value')).toContainText('/ 20')
    await page.screenshot({ path: testInfo.outputPath('counters-group-chart.png') })

    // Back on the dashboard, the total has moved by the same amount.
    await counters.tab('dashboard').click()
    await expect(page.getByTestId('dashboard-total')).toHaveAttribute('data-value', String(totalBefore + 1234n))
  })

  test('a counter changed by another client shows up without a refresh', async ({ shell, page, sandboxServer }) => {
    const { groupID, ownerID } = groupOwnedByAnother(sandboxServer!)
    const counters = await openCounters(shell)
    await counters.pickGroup(groupID)
    await counters.selectKey('likes')
    await expect(counters.history).toHaveAttribute('data-finished-at', /\d/)
    const samplesBefore = Number(await counters.history.getAttribute('data-samples'))

    const owner = await connectEmulatorClient(sandboxServer!.url, ownerID)
    try {
      await owner.setGroupCounters({ groupID, counters: { likes: 777_000_000_000_000_123n } })
      await expect(counters.value('likes')).toHaveAttribute('data-value', '777000000000000123')
      await expect(counters.value('likes')).toHaveText('777,000,000,000,000,123')
      await expect.poll(async () => Number(await counters.history.getAttribute('data-samples'))).toBeGreaterThan(samplesBefore)

      // On the dashboard too: the group tops "likes" as soon as the other client raises it again.
      await counters.tab('dashboard').click()
      await page.getByTestId('dashboard-key').selectOption('likes')
      await expect(counters.dashboard.getByTestId('dashboard-row').first()).toHaveAttribute('data-group-id', groupID)
      await owner.setGroupCounters({ groupID, counters: { likes: 888_000_000_000_000_456n } })
      await expect(counters.dashboard.getByTestId('dashboard-row').first().getByTestId('dashboard-value')).toHaveAttribute('data-value', '888000000000000456')
    } finally {
      await owner.destroy()
    }
  })

  test('the int64 edges round-trip exactly and going past them is refused', async ({ shell, sandboxServer }) => {
    const { groupID } = groupOwnedByAnother(sandboxServer!)
    const counters = await openCounters(shell)
    await counters.pickGroup(groupID)
    await counters.selectKey('likes')

    await counters.change('set', INT64_MAX)
    await expect(counters.value('likes')).toHaveAttribute('data-value', INT64_MAX)
    await expect(counters.value('likes')).toHaveText('9,223,372,036,854,775,807')
    // Read back from the service, not just echoed: still exact.
    expect(sandboxServer!.emulator.store.countersOf(groupID).get('likes')).toBe(2n ** 63n - 1n)
    await counters.counters.getByTestId('counters-reload').click()
    await expect(counters.counters).toHaveAttribute('data-source', 'service')
    await expect(counters.value('likes')).toHaveAttribute('data-value', INT64_MAX)

    await counters.fillChange('increase', '1')
    await expect(counters.changeProblem).toContainText('would go past 9,223,372,036,854,775,807')
    await expect(counters.applyChange).toBeDisabled()
    // A value typed past the range is refused before any call.
    await counters.fillChange('set', '9223372036854775808')
    await expect(counters.changeProblem).toContainText('Too large')
    await expect(counters.applyChange).toBeDisabled()

    await counters.change('set', INT64_MIN)
    await expect(counters.value('likes')).toHaveAttribute('data-value', INT64_MIN)
    await expect(counters.value('likes')).toHaveText('-9,223,372,036,854,775,808')
    expect(sandboxServer!.emulator.store.countersOf(groupID).get('likes')).toBe(-(2n ** 63n))
    await counters.fillChange('decrease', '1')
    await expect(counters.changeProblem).toContainText('would go below -9,223,372,036,854,775,808')
    await expect(counters.applyChange).toBeDisabled()
    expect(sandboxServer!.emulator.store.countersOf(groupID).get('likes')).toBe(-(2n ** 63n))
  })

  test('a 129-character key and a 21st key are refused', async ({ shell, sandboxServer }) => {
    const { groupID, ownerID, keys } = groupOwnedByAnother(sandboxServer!)
    const counters = await openCounters(shell)
    await counters.pickGroup(groupID)

    await counters.addKey.fill('k'.repeat(129))
    await expect(counters.addProblem).toContainText('at most 128 characters')
    await expect(counters.page.getByTestId('counter-add-key-count')).toContainText('129 / 128')
    await expect(counters.addSubmit).toBeDisabled()

    // 128 is allowed, and arrives exactly.
    const longest = `${'长'.repeat(64)}${'k'.repeat(64)}`
    await counters.addKey.fill(longest)
    await expect(counters.addProblem).toHaveText('')
    await counters.addSubmit.click()
    await expect(counters.row(longest)).toBeVisible()
    expect(sandboxServer!.emulator.store.countersOf(groupID).has(longest)).toBe(true)

    // Another client fills the group up to 20 keys; the view follows, and a 21st is refused.
    const missing = 20 - keys.length - 1
    const owner = await connectEmulatorClient(sandboxServer!.url, ownerID)
    try {
      await owner.setGroupCounters({ groupID, counters: Object.fromEntries(Array.from({ length: missing }, (_, i) => [`extra_${i + 1}`, BigInt(i)])) })
    } finally {
      await owner.destroy()
    }
    await expect(counters.counters.getByTestId('counter-row')).toHaveCount(20)
    await expect(counters.page.getByTestId('counter-add-full')).toBeVisible()
    await counters.addKey.fill('the_21st')
    await expect(counters.addProblem).toContainText('at most 20 counters')
    await expect(counters.addSubmit).toBeDisabled()
    expect(sandboxServer!.emulator.store.countersOf(groupID).size).toBe(20)
  })

  test('a group the service keeps counters from says why', async ({ shell, sandboxServer }) => {
    const liveStream = sandboxServer!.emulator.store.groupsOfUser('moderator').find((group) => group.type === 'AVChatRoom')
    expect(liveStream).toBeDefined()
    const counters = await openCounters(shell)
    await counters.pickGroup(liveStream!.group_id)
    await expect(counters.counters.getByTestId('counters-unavailable')).toContainText('AVChatRoom')
    await expect(counters.page.getByTestId('counter-add-form')).toHaveCount(0)
  })

  test('a bulk set runs with per-group results and rolls back', async ({ shell, page, sandboxServer }) => {
    const store = sandboxServer!.emulator.store
    const targets = store
      .groupsOfUser('moderator')
      .filter((group) => group.type !== 'AVChatRoom' && group.is_support_topic === 0 && store.countersOf(group.group_id).has('likes'))
      .slice(0, 3)
    expect(targets).toHaveLength(3)
    const before = new Map(targets.map((group) => [group.group_id, store.countersOf(group.group_id).get('likes')]))
    const counters = await openCounters(shell)
    // Main snapshots each group's value for the rollback from its cache: let the sync read them first.
    await expect(page.getByTestId('status-sync-progress')).toHaveCount(0, { timeout: 30_000 })
    await counters.tab('bulk').click()
    for (const group of targets) {
      await page.getByTestId('bulk-group-search').fill(group.group_id)
      await page.locator(`[data-testid=bulk-group-option][data-group-id="${group.group_id}"] input`).check()
    }
    await expect(page.getByTestId('bulk-chosen-count')).toContainText('3 ticked')
    await page.getByTestId('bulk-key').fill('likes')
    await page.getByTestId('bulk-value').fill('0')
    await page.getByTestId('bulk-apply').click()
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Set them' }).click()

    const run = page.getByTestId('run-panel').first()
    await expect(run.getByTestId('run-progress')).toHaveAttribute('data-finished', 'true', { timeout: 20_000 })
    await expect(run.locator('[data-testid=run-item][data-state=done]')).toHaveCount(3)
    for (const group of targets) expect(store.countersOf(group.group_id).get('likes')).toBe(0n)

    await run.getByTestId('rollback-run').click()
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Roll back' }).click()
    const rollback = page.getByTestId('rollback-result')
    await expect(rollback.getByTestId('run-progress')).toHaveAttribute('data-finished', 'true', { timeout: 20_000 })
    for (const [groupID, likes] of before) expect(store.countersOf(groupID).get('likes')).toBe(likes)
  })
})

import { expect, test } from './fixtures'
import { GroupsPage } from './pages/groups-page'
import { BulkEditPage, GroupAdminPage } from './pages/admin-pages'

// A sandbox server of the test's own, so the test can read the service's state behind the console.
test.use({ sandboxGroups: 40 })

const NEW_NOTICE = 'Bulk notice: meetup moved to Sunday 周日见 🎉'

test('a notification edited across 20 groups: preview, apply, roll back — the service has the old notices again', async ({ shell, page, sandboxServer }, testInfo) => {
  test.setTimeout(90_000)
  const server = sandboxServer!
  const notificationOf = (groupID: string) => server.emulator.store.getGroup(groupID)?.notification
  const groups = new GroupsPage(page)
  const bulk = new BulkEditPage(page)
  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()

  // Choose 20 groups from the keyboard: Space ticks the selected row, j moves down.
  await groups.table.focus()
  const chosen: string[] = []
  for (let i = 0; i < 20; i++) {
    const row = groups.selectedRow()
    chosen.push((await row.getAttribute('data-group-id'))!)
    await page.keyboard.press('Space')
    await expect(row.getByTestId('group-choose')).toBeChecked()
    await page.keyboard.press('j')
  }
  expect(new Set(chosen).size).toBe(20)
  const before = new Map(chosen.map((groupID) => [groupID, notificationOf(groupID)]))
  for (const notice of before.values()) expect(notice).not.toBe(NEW_NOTICE)

  await bulk.tab('bulk').click()
  await expect(bulk.tab('bulk')).toHaveText('Bulk edit (20 chosen)')
  await expect(bulk.panel.getByTestId('bulk-mode-chosen')).toBeChecked()
  // Nothing ticked, nothing to preview.
  await expect(bulk.panel.getByTestId('bulk-preview-button')).toBeDisabled()
  await bulk.panel.getByTestId('bulk-tick-notification').check()
  await bulk.panel.getByLabel('New value of Notification', { exact: true }).fill(NEW_NOTICE)
  await expect(bulk.panel.getByTestId('bulk-apply')).toBeDisabled()
  await bulk.panel.getByTestId('bulk-preview-button').click()

  await expect(bulk.preview.getByTestId('preview-will-change')).toContainText('20')
  await expect(bulk.preview.getByTestId('preview-will-refuse')).toContainText('0')
  await expect(bulk.preview.getByTestId('preview-unchanged')).toContainText('0')
  await expect(bulk.preview.getByTestId('preview-row')).toHaveCount(20)
  const firstChange = bulk.preview.locator(`[data-group-id="${chosen[0]}"]`).getByTestId('preview-change')
  await expect(firstChange).toContainText(`Notification${before.get(chosen[0]!)}`)
  await expect(firstChange).toContainText(NEW_NOTICE)
  // Nothing was written by the preview.
  for (const [groupID, notice] of before) expect(notificationOf(groupID)).toBe(notice)
  // The shell scrolls inside its main pane: a taller window shows the form and the preview together.
  await page.setViewportSize({ width: 1280, height: 1300 })
  await bulk.preview.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('bulk-preview.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  // Editing after the preview makes it stale: Apply waits for a new one.
  await bulk.panel.getByLabel('New value of Notification', { exact: true }).fill(`${NEW_NOTICE}!`)
  await expect(bulk.panel.getByTestId('bulk-preview-stale')).toBeVisible()
  await expect(bulk.panel.getByTestId('bulk-apply')).toBeDisabled()
  await bulk.panel.getByLabel('New value of Notification', { exact: true }).fill(NEW_NOTICE)
  await bulk.panel.getByTestId('bulk-preview-button').click()
  await expect(bulk.panel.getByTestId('bulk-apply')).toHaveText('Apply to 20 groups')
  await bulk.panel.getByTestId('bulk-apply').click()

  const run = bulk.run()
  await expect(run.getByTestId('run-status').first()).toHaveText('Finished', { timeout: 30_000 })
  await expect(run.getByTestId('run-counts').first()).toContainText('20 of 20 done · 0 failed')
  await expect(run.getByTestId('run-items').first().getByTestId('run-item')).toHaveCount(20)
  for (const groupID of chosen) expect(notificationOf(groupID)).toBe(NEW_NOTICE)
  // The failures filter of a run without failures shows none.
  await run.getByTestId('run-filter-failed').first().click()
  await expect(run.getByTestId('run-items-empty').first()).toBeVisible()

  await run.getByTestId('rollback-run').click()
  const dialog = page.getByTestId('confirm-dialog').and(page.locator('[open]'))
  await expect(dialog).toContainText('Roll back run #')
  await expect(dialog).toContainText('20 changed items')
  await dialog.getByRole('button', { name: 'Roll back' }).click()

  const rollback = bulk.rollbackRun()
  await expect(rollback.getByTestId('run-status')).toHaveText('Finished', { timeout: 30_000 })
  await expect(rollback.getByTestId('run-counts')).toContainText('20 of 20 done · 0 failed')
  await expect(rollback.getByTestId('run-counts')).toContainText('rolls back run #')
  await page.setViewportSize({ width: 1280, height: 1300 })
  await bulk.run().getByTestId('run-progress').first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('bulk-rollback-result.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  // The service has every old notice again…
  for (const [groupID, notice] of before) expect(notificationOf(groupID)).toBe(notice)
  // …and so does the console: a rolled-back group's editor shows its old notice.
  const detail = new GroupAdminPage(page)
  for (const groupID of [chosen[0]!, chosen[19]!]) {
    await detail.open(groupID)
    await expect(detail.input('Notification')).toHaveValue(before.get(groupID)!)
  }

  // Both runs are listed in Runs of changes, the rollback with what it rolled back.
  await page.goBack()
  await page.goBack()
  await bulk.tab('runs').click()
  await expect(bulk.runs.getByTestId('runs-row')).toHaveCount(2)
  await expect(bulk.runs.getByTestId('runs-row').first()).toContainText('Rollback')
})

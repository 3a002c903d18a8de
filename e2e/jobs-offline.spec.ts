import { expect, test } from './fixtures'
import { InboxPage } from './pages/inbox-page'
import { JobsPage } from './pages/jobs-page'

// A sandbox server of the test's own, so the test can cut the console off from it.
test.use({ sandboxGroups: 40 })

test('a decision made offline waits, the job says it waits for the connection, and it is sent on reconnection', async ({ shell, page, sandboxServer }, testInfo) => {
  test.setTimeout(90_000)
  const inbox = new InboxPage(page)
  const jobs = new JobsPage(page)
  await shell.connectSandboxFromEmptyState('inbox')
  await shell.waitForFirstSync()
  await inbox.waitForRows()
  const before = await inbox.total()
  await sandboxServer!.controls.resetAppliedCalls()

  await sandboxServer!.controls.setFaults({ acceptingConnections: false })
  await sandboxServer!.controls.dropAllConnections()
  await expect(page.getByTestId('offline-banner')).toContainText('Offline — as of', { timeout: 15_000 })

  // Decided offline: recorded at once, out of the inbox, and undoable.
  await inbox.table.focus()
  await inbox.press('a')
  await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Approved 1')
  await expect(inbox.count).toHaveText(`${before - 1} pending applications`)

  await shell.goTo('jobs')
  await expect(jobs.status).toHaveAttribute('data-status', 'offline', { timeout: 15_000 })
  await expect(jobs.status).toHaveText('Offline · waits for the connection')
  await expect(jobs.view.getByTestId('offline-banner')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('jobs-offline-light.png') })
  expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication ?? 0).toBe(0)

  await sandboxServer!.controls.setFaults({ acceptingConnections: true })
  await expect(shell.statusPhase).toContainText('Online', { timeout: 30_000 })
  await expect(jobs.status).toHaveAttribute('data-status', 'finished', { timeout: 30_000 })
  await expect(jobs.count('done')).toHaveText('1 done')
  expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication).toBe(1)
})

import { expect, test } from './fixtures'
import { GroupsPage } from './pages/groups-page'

// A sandbox server of the test's own, so the test can cut the console off from it or kick it out.
test.use({ sandboxGroups: 40 })

test('kicked out by the service: every view says so with the reason, and Reconnect brings it back', async ({ shell, page, sandboxServer }, testInfo) => {
  const groups = new GroupsPage(page)
  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  const cached = await groups.total()

  expect(await sandboxServer!.controls.kickUser('moderator')).toBeGreaterThan(0)
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toContainText('Signed out by the service — as of')
  await expect(banner).toContainText('Nothing is sent until you reconnect')
  await expect(shell.statusPhase).toContainText('Signed out by the service')
  await expect(page.getByTestId('sync-now')).toBeDisabled()
  // The pull the kick-out stopped is not shown as running.
  await expect(page.getByTestId('status-sync-progress')).toHaveCount(0)
  // The cache stays readable.
  expect(await groups.total()).toBe(cached)
  await page.screenshot({ path: testInfo.outputPath('kicked-out.png') })

  await shell.goTo('settings')
  await expect(shell.view('settings').getByTestId('offline-banner')).toBeVisible()
  await shell.view('settings').getByTestId('offline-banner').getByRole('button', { name: 'Reconnect' }).click()
  await expect(shell.statusPhase).toContainText('Online')
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)
})

test('the connection to the service lost: "Offline — as of" under every header, the cache still shown', async ({ shell, page, sandboxServer }) => {
  const groups = new GroupsPage(page)
  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  const cached = await groups.total()

  await sandboxServer!.controls.setFaults({ acceptingConnections: false })
  await sandboxServer!.controls.dropAllConnections()
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toContainText('Offline — as of', { timeout: 15_000 })
  await expect(banner).toContainText('keeps trying to reconnect')
  await expect(shell.statusPhase).toContainText('Offline')
  await expect(page.getByTestId('sync-now')).toBeDisabled()
  expect(await groups.total()).toBe(cached)
  await groups.rows.first().click()
  await expect(page.getByTestId('view-group-detail').getByTestId('offline-banner')).toBeVisible()
  await expect(page.getByTestId('member-row').first()).toBeVisible()
})

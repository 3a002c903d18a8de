import { expect, test } from './fixtures'
import { GroupAdminPage } from './pages/admin-pages'

// A sandbox server of the test's own, so the test can cut the console off and write as another moderator.
test.use({ sandboxGroups: 40 })

test('a profile saved offline waits as pending; someone else changed the same field meanwhile: mine vs theirs, nothing overwritten until chosen', async ({ shell, page, sandboxServer }, testInfo) => {
  test.setTimeout(90_000)
  const server = sandboxServer!
  const store = server.emulator.store
  // A Public group where moderator2 is an admin too, so both may change its notification.
  const shared = store.groupsOfUser('moderator2').find((group) => group.type === 'Public' && group.self_role === 'Admin' && store.getMember(group.group_id, 'moderator'))
  expect(shared, 'the seed makes moderator2 an admin beside moderator in some Public groups').toBeDefined()
  const groupID = shared!.group_id
  const original = store.getGroup(groupID)!.notification

  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  const detail = new GroupAdminPage(page)
  await detail.open(groupID)
  await expect(detail.input('Notification')).toHaveValue(original)

  // The console loses the service.
  await server.controls.setFaults({ acceptingConnections: false })
  await server.controls.dropAllConnections()
  await expect(detail.view.getByTestId('offline-banner')).toContainText('Offline — as of', { timeout: 15_000 })

  await detail.input('Notification').fill('Mine: meetup at 5 pm 下午五点')
  await expect(detail.profile.getByTestId('profile-offline-hint')).toBeVisible()
  await detail.save().click()
  const run = detail.lastRun()
  await expect(run.getByTestId('run-status')).toHaveText('Pending — will be sent when online')
  await expect(run.getByTestId('run-pending-offline')).toBeVisible()
  // The same change cannot be queued twice.
  await expect(detail.save()).toBeDisabled()
  await expect(detail.profile.getByTestId('profile-queued')).toBeVisible()
  await run.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('profile-pending-offline.png') })
  expect(store.getGroup(groupID)!.notification).toBe(original)

  // Meanwhile moderator2 changes the same notification.
  const other = await server.emulator.connect('moderator2')
  await other.updateGroupProfile({ groupID, notification: 'Theirs: meetup cancelled' })
  await other.logout()

  // Back online: the console finds their change and asks, rather than overwriting it.
  await server.controls.setFaults({ acceptingConnections: true })
  await expect(shell.statusPhase).toContainText('Online', { timeout: 20_000 })
  await expect(run.getByTestId('run-status')).toHaveText('Finished — conflicts need your choice', { timeout: 20_000 })
  const conflict = run.getByTestId('profile-conflict')
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('Mine: meetup at 5 pm 下午五点')
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Theirs: meetup cancelled')
  expect(store.getGroup(groupID)!.notification).toBe('Theirs: meetup cancelled')
  await conflict.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('profile-conflict.png') })

  await conflict.getByTestId('conflict-apply-mine').click()
  await expect(run.getByTestId('run-status')).toHaveText('Finished', { timeout: 15_000 })
  await expect(run.getByTestId('profile-conflict')).toHaveCount(0)
  await expect.poll(() => store.getGroup(groupID)!.notification).toBe('Mine: meetup at 5 pm 下午五点')
  await expect(detail.view.getByTestId('detail-name')).toBeVisible()
  await expect(detail.input('Notification')).toHaveValue('Mine: meetup at 5 pm 下午五点')
})

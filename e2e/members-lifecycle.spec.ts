import { expect, test } from './fixtures'
import { GroupAdminPage } from './pages/admin-pages'

test.use({ sandboxGroups: 40 })

test('two members muted for an hour in one action, with per-member results; a member added by ID', async ({ shell, page, sandboxServer }) => {
  const store = sandboxServer!.emulator.store
  // Muting is for Public groups (a Work group refuses it); adding by ID is for Work groups (a Public group
  // refuses it, 10007).
  const groupID = 'demo-public-00001'
  const workGroupID = 'demo-private-00004'
  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  const detail = new GroupAdminPage(page)
  await detail.open(groupID)
  const rows = detail.members.getByTestId('member-row').filter({ has: page.getByText('Member', { exact: true }) })
  await expect(rows.first()).toBeVisible()
  const targets = [(await rows.nth(0).getAttribute('data-user-id'))!, (await rows.nth(1).getAttribute('data-user-id'))!]
  for (const userID of targets) await detail.members.locator(`[data-user-id="${userID}"]`).getByTestId('member-choose').check()
  await expect(detail.members.getByTestId('members-chosen')).toHaveText('2 members chosen')

  await detail.members.getByTestId('members-bulk-manage').click()
  const dialog = page.getByTestId('member-action-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('member-action-kind').selectOption('mute')
  await dialog.getByTestId('member-mute-duration').selectOption({ label: '1 hour' })
  await dialog.getByTestId('member-action-apply').click()
  await expect(dialog.getByTestId('run-status')).toHaveText('Finished', { timeout: 15_000 })
  await expect(dialog.getByTestId('run-item')).toHaveCount(2)
  for (const userID of targets) {
    await expect(dialog.getByTestId('run-item').filter({ hasText: userID }).getByTestId('run-item-state')).toHaveText('Done')
    expect(store.getMember(groupID, userID)!.mute_until * 1000).toBeGreaterThan(Date.now() + 50 * 60_000)
  }
  await dialog.getByTestId('member-action-close').click()
  // The list shows the mute once the members are re-read.
  await expect(detail.members.locator(`[data-user-id="${targets[0]}"]`).getByTestId('member-mute-until')).not.toHaveText('—', { timeout: 15_000 })

  // Add by ID in a Work group: one new member, one already in the group.
  await detail.open(workGroupID)
  const existing = (await detail.members.getByTestId('member-row').first().getAttribute('data-user-id'))!
  const newcomer = 'user-00119'
  expect(store.getMember(workGroupID, newcomer)).toBeUndefined()
  await detail.members.getByTestId('add-members-ids').fill(`${newcomer}, ${existing}`)
  await detail.members.getByTestId('add-members-submit').click()
  await expect(detail.members.getByTestId('add-members-added')).toContainText(newcomer)
  await expect(detail.members.getByTestId('add-members-existed')).toContainText(existing)
  expect(store.getMember(workGroupID, newcomer)).toBeDefined()
})

test('create a Work group with a custom ID: its rules explained, the join option disabled with why; then join one by ID', async ({ shell, page, sandboxServer }) => {
  const store = sandboxServer!.emulator.store
  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  await page.getByTestId('open-create-group').click()
  const dialog = page.getByTestId('create-group-dialog')
  await dialog.getByTestId('create-type').selectOption('Private')
  await expect(dialog.getByTestId('field-create-join-option').getByTestId('rule-reason')).toContainText('Work groups are joined by invitation only')
  await expect(dialog.getByLabel('Join option')).toBeDisabled()
  await dialog.getByLabel('Name', { exact: true }).fill('Release crew 发布组')
  // A Work group's ID must not look like a service-assigned one.
  await dialog.getByTestId('create-group-id').fill('@TGS#mine')
  await expect(dialog.getByTestId('create-id-problem')).toContainText('@TGS#')
  await expect(dialog.getByTestId('create-submit')).toBeDisabled()
  await dialog.getByTestId('create-group-id').fill('release-crew')
  await dialog.getByTestId('create-members').fill('user-00001 user-00002')
  await dialog.getByTestId('create-submit').click()
  await expect(dialog.getByTestId('create-result')).toContainText('Created the group release-crew.')
  expect(store.getGroup('release-crew')?.type).toBe('Private')
  expect(store.getMember('release-crew', 'user-00002')).toBeDefined()
  await dialog.getByTestId('create-open-group').click()
  const detail = new GroupAdminPage(page)
  await expect(detail.view.getByTestId('detail-group-id')).toHaveText('release-crew', { timeout: 15_000 })

  // Join: a Meeting group the moderator is not in yet is joined at once.
  await page.goto(page.url().replace(/#\/.*$/, '#/groups'))
  const meeting = await sandboxServer!.emulator.connect('user-00003')
  const { data } = await meeting.createGroup({ type: 'ChatRoom', name: 'Open meeting', groupID: 'open-meeting' })
  expect(data.group.groupID).toBe('open-meeting')
  await meeting.logout()
  await page.getByTestId('open-join-group').click()
  const join = page.getByTestId('join-group-dialog')
  await join.getByTestId('join-group-id').fill('open-meeting')
  await join.getByTestId('join-submit').click()
  await expect(join.getByTestId('join-result')).toHaveText('Joined: you are now a member of the group.')
  expect(store.getMember('open-meeting', 'moderator')).toBeDefined()
})

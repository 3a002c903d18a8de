import { expect, test } from './fixtures'
import { GroupAdminPage } from './pages/admin-pages'

// A Work group ('Private') of the demo sandbox; the moderator owns every Work group there.
const WORK_GROUP = 'demo-private-00004'

test.describe('rules by group type', () => {
  test('a Work group: the join option is disabled with its reason, and dismissing is refused with its reason', async ({ shell, page }, testInfo) => {
    await shell.connectSandboxFromEmptyState('groups')
    await shell.waitForFirstSync()
    const detail = new GroupAdminPage(page)
    await detail.open(WORK_GROUP)
    await expect(detail.view.getByTestId('detail-type')).toContainText('Work')
    await expect(detail.view.getByTestId('detail-role')).toHaveText('Owner')

    const joinOption = detail.field('profile-join-option')
    await expect(joinOption.getByRole('combobox')).toBeDisabled()
    await expect(joinOption.getByTestId('rule-reason')).toHaveText(/The join option of a Work group cannot be changed: Work groups are joined by invitation only/)
    // The reason is tied to the control for assistive technology too.
    await expect(joinOption.getByRole('combobox')).toHaveAccessibleDescription(/cannot be changed/)
    // What the type allows stays editable.
    await expect(detail.field('profile-invite-option').getByRole('combobox')).toBeEnabled()
    await expect(detail.input('Notification')).toBeEnabled()
    // The member limit is never editable through the SDK, with why.
    await expect(detail.field('profile-max-members').getByTestId('rule-reason')).toContainText('REST API')

    const dismiss = detail.lifecycle.getByTestId('lifecycle-dismiss')
    await expect(dismiss.getByRole('button', { name: 'Dismiss the group' })).toBeDisabled()
    await expect(dismiss.getByTestId('rule-reason')).toHaveText(/A Work group cannot be dismissed/)
    // The owner of a Work group may leave it (it is then ownerless): quitting is offered.
    await expect(detail.lifecycle.getByTestId('lifecycle-quit-button')).toBeEnabled()

    await detail.profile.scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('work-group-editor.png'), fullPage: false })

    // Main refuses the same: a dismiss sent through IPC anyway, name and all, is refused with the same reason.
    const confirmName = (await detail.view.getByTestId('detail-name').textContent())!
    const refusal = await page.evaluate(
      async ({ groupID, confirmName }) => window.api!['groups:dismiss'](JSON.stringify({ groupID, confirmName })),
      { groupID: WORK_GROUP, confirmName },
    )
    expect(refusal).toContain('"ok":false')
    expect(refusal).toContain('A Work group cannot be dismissed')
  })
})

import { expect, test } from './fixtures'
import { GroupAdminPage } from './pages/admin-pages'

// updateGroupProfile's page: a notification is at most 400 bytes of UTF-8 (limits.ts, updatePage).
const LIMIT = 400
// 3 bytes each.
const CHINESE = '通知'
// 4 bytes (a surrogate pair).
const EMOJI = '🎉'
const PUBLIC_GROUP = 'demo-public-00001'

test('the notification at its byte limit with Chinese text and emoji: the counter follows, one byte over is refused with the limit named, at the limit it saves', async ({ shell, page }, testInfo) => {
  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  const detail = new GroupAdminPage(page)
  await detail.open(PUBLIC_GROUP)
  const notification = detail.input('Notification')
  const counter = detail.counter('profile-notification')

  // 132 Chinese characters (396 bytes) + one emoji (4 bytes) = exactly 400 bytes.
  const atLimit = CHINESE.repeat(66) + EMOJI
  expect(new TextEncoder().encode(atLimit).length).toBe(LIMIT)
  await notification.fill(atLimit)
  await expect(counter).toHaveText(`${LIMIT} / ${LIMIT} bytes`)
  await expect(counter).toHaveClass(/tone--warn/)
  await expect(detail.field('profile-notification').getByTestId('field-problem')).toHaveCount(0)
  await expect(detail.save()).toBeEnabled()

  // One more ASCII byte: 401 bytes, refused before anything is sent, the limit named beside the field.
  await notification.fill(`${atLimit}!`)
  await expect(counter).toHaveText(`401 / ${LIMIT} bytes`)
  await expect(counter).toHaveClass(/tone--bad/)
  await expect(notification).toHaveAttribute('aria-invalid', 'true')
  await expect(detail.field('profile-notification').getByTestId('field-problem')).toHaveText('Notification is 401 bytes; the limit is 400 bytes (UTF-8)')
  await expect(detail.save()).toBeDisabled()
  await expect(detail.profile.getByTestId('profile-blocked')).toHaveText('Fix the problem above to save')
  await detail.field('profile-notification').scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('profile-editor-over-limit.png') })

  // Main refuses the same patch sent through IPC anyway, and names the limit.
  const refusal = await page.evaluate(
    async ({ groupID, notification }) => window.api!['profile:apply'](JSON.stringify({ selection: { groupIDs: [groupID] }, patch: { notification } })),
    { groupID: PUBLIC_GROUP, notification: `${atLimit}!` },
  )
  expect(refusal).toContain('"ok":false')
  expect(refusal).toContain('the limit is 400 bytes')

  // An emoji counts 4 bytes, not 1 or 2: replacing the "!" by an emoji is 404 bytes.
  await notification.fill(`${CHINESE.repeat(66)}${EMOJI}${EMOJI}`)
  await expect(counter).toHaveText(`404 / ${LIMIT} bytes`)

  // Exactly at the limit, it saves, and the run says so.
  await notification.fill(atLimit)
  await detail.save().click()
  await expect(detail.lastRun().getByTestId('run-status')).toHaveText('Finished', { timeout: 15_000 })
  await expect(detail.view.getByTestId('detail-name')).toBeVisible()
  await expect(detail.profile.getByTestId('profile-changed-count')).toHaveText('No unsaved changes')
  await expect(notification).toHaveValue(atLimit)
  await page.reload()
  await expect(detail.input('Notification')).toHaveValue(atLimit, { timeout: 15_000 })
})

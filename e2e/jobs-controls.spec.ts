import { expect, test } from './fixtures'
import type { Locator } from '@playwright/test'
import { connectEmulatorClient } from '../src-main/chat/emulator'
import { InboxPage } from './pages/inbox-page'
import { JobsPage } from './pages/jobs-page'

// A sandbox server of the test's own, for its fault controls and applied-call counts.
test.use({ sandboxGroups: 40 })

/** Every cell shows `text` once the list has answered. */
async function expectEvery(cells: Locator, text: string): Promise<void> {
  await expect(async () => {
    const texts = (await cells.allTextContents()).map((value) => value.trim())
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.filter((value) => value !== text)).toEqual([])
  }).toPass()
}

test.describe('jobs', () => {
  test('refused items show the service code and its meaning; retry failed sends them once the cause is gone', async ({ shell, page, sandboxServer }, testInfo) => {
    test.setTimeout(90_000)
    const inbox = new InboxPage(page)
    const jobs = new JobsPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    await shell.waitForFirstSync()
    await inbox.waitForRows()
    await sandboxServer!.controls.resetAppliedCalls()
    // Every call refused for permission (10007): not retryable, so each item fails on its own.
    await sandboxServer!.controls.setFaults({ failRate: 1, failCode: 10007 })

    await inbox.table.focus()
    await inbox.press('x')
    await inbox.press('j')
    await inbox.press('Shift+X')
    await inbox.press('a')
    await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Approved 2')

    await shell.goTo('jobs')
    await expect(jobs.status).toHaveAttribute('data-status', 'finished-with-failures', { timeout: 30_000 })
    await expect(jobs.count('failed')).toHaveText('2 failed')
    await jobs.itemFilter('failed').click()
    await expect(jobs.items).toHaveCount(2)
    await expect(jobs.items.first().getByTestId('job-item-code')).toHaveText('10007: No permission for this operation')
    await expect(jobs.items.first().getByTestId('job-item-outcome')).toContainText('Failed')
    await page.screenshot({ path: testInfo.outputPath('jobs-failures-light.png') })
    expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication ?? 0).toBe(0)

    await sandboxServer!.controls.setFaults({ failRate: 0 })
    await jobs.detail.getByTestId('job-retry').click()
    await expect(jobs.status).toHaveAttribute('data-status', 'finished', { timeout: 30_000 })
    await expect(jobs.count('done')).toHaveText('2 done')
    await expect(jobs.count('failed')).toHaveText('0 failed')
    await expect(jobs.detail.getByTestId('job-items-empty')).toHaveText('No failures.')
    expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication).toBe(2)
  })

  test('pause holds a job, resume lets it go, cancel asks first and puts the applications back', async ({ shell, page, sandboxServer }) => {
    test.setTimeout(60_000)
    const inbox = new InboxPage(page)
    const jobs = new JobsPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    await shell.waitForFirstSync()
    await inbox.waitForRows()
    const before = await inbox.total()
    await sandboxServer!.controls.resetAppliedCalls()
    // A long undo window, so nothing is sent while the test pauses, resumes and cancels.
    const settings = await shell.goTo('settings')
    await settings.getByTestId('settings-undo-window').fill('60')
    await settings.getByTestId('settings-undo-window-save').click()
    await expect(settings.getByTestId('settings-undo-window-saved')).toBeVisible()
    await shell.goTo('inbox')

    await inbox.table.focus()
    await inbox.press('x')
    await inbox.press('j', 2)
    await inbox.press('Shift+X')
    await inbox.press('a')
    await expect(inbox.count).toHaveText(`${before - 3} pending applications`)

    await shell.goTo('jobs')
    await jobs.detail.getByTestId('job-pause').click()
    await expect(jobs.status).toHaveAttribute('data-status', 'paused')
    await expect(jobs.status).toHaveText('Paused')
    await jobs.detail.getByTestId('job-resume').click()
    await expect(jobs.status).toHaveAttribute('data-status', 'undo-window')

    await jobs.detail.getByTestId('job-cancel').click()
    const confirm = page.getByTestId('confirm-dialog').and(page.locator('[open]'))
    await expect(confirm).toContainText('Cancel job #1?')
    await expect(confirm.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused()
    await confirm.getByRole('button', { name: 'Cancel job' }).click()
    await expect(jobs.status).toHaveAttribute('data-status', 'cancelled')
    await expect(jobs.count('cancelled')).toHaveText('3 cancelled')
    expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication ?? 0).toBe(0)

    await shell.goTo('inbox')
    await expect(inbox.count).toHaveText(`${before} pending applications`)
  })

  test('another moderator decides first: the item is marked decided elsewhere, with who, and nothing is sent twice', async ({ shell, page, sandboxServer }) => {
    test.setTimeout(60_000)
    const inbox = new InboxPage(page)
    const jobs = new JobsPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    await shell.waitForFirstSync()
    const settings = await shell.goTo('settings')
    await settings.getByTestId('settings-undo-window').fill('8')
    await settings.getByTestId('settings-undo-window-save').click()
    await expect(settings.getByTestId('settings-undo-window-saved')).toBeVisible()

    // A join request that the second moderator can decide too.
    const rival = await connectEmulatorClient(sandboxServer!.url, 'moderator2')
    const target = (await rival.getGroupApplicationList()).data.applicationList.find((application) => application.applicationType === 0)
    expect(target).toBeDefined()
    await sandboxServer!.controls.resetAppliedCalls()

    await shell.goTo('inbox')
    await page.getByTestId('inbox-group-input').fill(target!.groupID)
    await page.getByTestId('inbox-group-input').press('Enter')
    await inbox.search.fill(target!.applicant)
    await expectEvery(inbox.rows.getByTestId('inbox-applicant'), target!.applicant)
    await expectEvery(inbox.rows.getByTestId('inbox-group-id'), target!.groupID)
    await inbox.table.focus()
    await inbox.press('a')
    await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Approved 1')

    // While the console's decision waits in its undo window, the rival approves the same application.
    await rival.handleGroupApplication({ handleAction: 'Agree', application: target! })

    await shell.goTo('jobs')
    await expect(jobs.status).toHaveAttribute('data-status', 'finished', { timeout: 30_000 })
    await expect(jobs.count('decided-elsewhere')).toHaveText('1 decided elsewhere')
    await expect(jobs.items.first().getByTestId('job-item-outcome')).toContainText('Decided elsewhere by moderator2')
    expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication).toBe(1)
    await rival.destroy()
  })
})

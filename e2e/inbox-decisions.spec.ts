import fs from 'node:fs'
import { expect, test } from './fixtures'
import { InboxPage } from './pages/inbox-page'
import { JobsPage } from './pages/jobs-page'
import { AuditPage } from './pages/audit-page'

// A sandbox server of the test's own with more than the documented 50-a-time cap lifted, so 50 can be
// approved at once and the server's applied-call counts prove what was sent.
test.use({ sandboxGroups: 40, sandboxApplications: 200, sandboxSettings: { pendingApplicationCap: null } })

/** Long enough to open the job and undo five of its decisions before anything is sent. */
const UNDO_WINDOW_SECONDS = 20

test('filter, select 50 with the keyboard, approve, undo 5, watch the job send exactly 45, find them in the audit log, export CSV', async ({
  shell,
  page,
  sandboxServer,
}, testInfo) => {
  test.setTimeout(120_000)
  const inbox = new InboxPage(page)
  const jobs = new JobsPage(page)
  const audit = new AuditPage(page)
  await shell.connectSandboxFromEmptyState('inbox')
  await shell.waitForFirstSync()

  // The undo window is a setting.
  const settings = await shell.goTo('settings')
  await settings.getByTestId('settings-undo-window').fill(String(UNDO_WINDOW_SECONDS))
  await settings.getByTestId('settings-undo-window-save').click()
  await expect(settings.getByTestId('settings-undo-window-saved')).toBeVisible()

  // Filter: join requests only.
  await shell.goTo('inbox')
  await inbox.waitForRows()
  const all = await inbox.total()
  expect(all).toBeGreaterThan(50)
  await inbox.applicationTypeFilter('join').click()
  await expect(inbox.applicationTypeFilter('join')).toHaveAttribute('aria-pressed', 'true')
  await expect(inbox.count).not.toHaveText(`${all} pending applications`)
  const joinRequests = await inbox.total()
  expect(joinRequests).toBeGreaterThanOrEqual(50)
  for (const kind of await inbox.rows.getByTestId('inbox-application-type').allTextContents()) expect(kind.trim()).toBe('Join request')

  // Select with the keyboard: x on the first, move 49 down, shift+x selects the range.
  await inbox.table.focus()
  await inbox.press('x')
  await inbox.press('j', 49)
  await inbox.press('Shift+X')
  await expect(inbox.selectionCount).toHaveText('50 applications selected')
  await expect(inbox.currentRow()).toHaveAttribute('aria-selected', 'true')
  await page.emulateMedia({ colorScheme: 'light' })
  await page.screenshot({ path: testInfo.outputPath('inbox-selection-light.png') })

  await sandboxServer!.controls.resetAppliedCalls()
  await inbox.press('a')
  const toast = inbox.toasts.first()
  await expect(toast.getByTestId('toast-text')).toHaveText('Approved 50')
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible()
  await expect(toast.getByTestId('toast-countdown')).toHaveText(/^\d+ s$/)
  await expect(page.getByRole('status').filter({ has: toast })).toHaveCount(1)
  // Decided rows leave the inbox at once, before anything is sent; the cursor is on the next one.
  await expect(inbox.count).toHaveText(`${joinRequests - 50} pending applications`)
  await expect(inbox.table).toHaveAttribute('aria-activedescendant', 'inbox-row-0')
  await page.screenshot({ path: testInfo.outputPath('toast-light.png') })

  // Undo 5 of them from the job, while they are still in the undo window.
  await shell.goTo('jobs')
  await expect(jobs.status).toHaveAttribute('data-status', 'undo-window')
  await jobs.itemFilter('pending').click()
  await expect(jobs.detail.getByTestId('job-items-count')).toHaveText('50 items')
  const checks = jobs.detail.getByTestId('job-item-check')
  for (let i = 0; i < 5; i += 1) await checks.nth(i).check()
  await jobs.detail.getByTestId('job-items-undo').click()
  await expect(jobs.detail.getByTestId('job-items-undo-result')).toHaveText('Undid 5 decisions')
  await expect(jobs.count('cancelled')).toHaveText('5 cancelled')
  await expect(jobs.detail.getByTestId('job-items-count')).toHaveText('45 items')
  await page.screenshot({ path: testInfo.outputPath('jobs-during-light.png') })

  // The five are back in the inbox.
  const undoneApplicants = await jobs.detail.getByTestId('job-item').locator('code').allTextContents()
  expect(undoneApplicants.length).toBeGreaterThan(0)

  // Watch it finish: 45 sent, 5 undone, none failed; the service applied exactly 45.
  await expect(jobs.status).toHaveAttribute('data-status', 'finished', { timeout: (UNDO_WINDOW_SECONDS + 30) * 1000 })
  await expect(jobs.count('done')).toHaveText('45 done')
  await expect(jobs.count('failed')).toHaveText('0 failed')
  await expect(jobs.count('cancelled')).toHaveText('5 cancelled')
  await expect(jobs.detail.getByTestId('job-progress')).toHaveAttribute('aria-valuenow', '50')
  expect((await sandboxServer!.controls.appliedCalls()).handleGroupApplication).toBe(45)
  await jobs.itemFilter('done').click()
  await expect(jobs.detail.getByTestId('job-items-count')).toHaveText('45 items')
  await expect(jobs.items.first().getByTestId('job-item-outcome')).toContainText('Sent')
  await page.screenshot({ path: testInfo.outputPath('jobs-after-light.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 29)')
  await page.screenshot({ path: testInfo.outputPath('jobs-after-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })

  await shell.goTo('inbox')
  await expect(inbox.count).toHaveText(`${joinRequests - 45} pending applications`)

  // The audit log has every event: 50 queued, 5 undone, 45 sent.
  await shell.goTo('audit')
  await audit.event('sent').click()
  await expect(audit.count).toHaveText('45 entries')
  for (const event of await audit.rows.getByTestId('audit-event-cell').allTextContents()) expect(event.trim()).toBe('Sent')
  await audit.event('sent').click()
  await audit.event('undone').click()
  await expect(audit.count).toHaveText('5 entries')
  await audit.event('undone').click()
  await audit.event('queued').click()
  await expect(audit.count).toHaveText('50 entries')
  await audit.event('queued').click()
  await expect(audit.count).toHaveText('100 entries')
  await page.screenshot({ path: testInfo.outputPath('audit-light.png') })

  // Export what is sent, as CSV: a download, with a header and 45 rows.
  await audit.event('sent').click()
  await expect(audit.count).toHaveText('45 entries')
  const downloading = page.waitForEvent('download')
  await audit.view.getByTestId('audit-export-csv').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/)
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/)
  expect(lines[0]).toBe('at,actor,job,group_id,group_name,applicant,action,message,event,code,outcome')
  expect(lines).toHaveLength(46)
  for (const line of lines.slice(1)) expect(line).toMatch(/,moderator,\d+,.*,approve,,sent,0?,/)
  await expect(audit.view.getByTestId('audit-export-result')).toContainText('Exported 45 entries')
})

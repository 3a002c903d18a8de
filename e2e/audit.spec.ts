import fs from 'node:fs'
import { expect, test } from './fixtures'
import { InboxPage } from './pages/inbox-page'
import { AuditPage } from './pages/audit-page'

test('audit: empty at first, then every event of a decision; time and event filters, no-match state, JSONL export', async ({ shell, page }, testInfo) => {
  const inbox = new InboxPage(page)
  const audit = new AuditPage(page)
  await shell.connectSandboxFromEmptyState('inbox')
  await shell.goTo('audit')
  await expect(audit.view.getByRole('heading', { name: 'Nothing recorded yet' })).toBeVisible()
  await expect(audit.view.getByTestId('audit-export-csv')).toBeDisabled()

  // One decision, taken back inside its undo window: queued, then undone.
  await shell.goTo('inbox')
  await inbox.waitForRows()
  const applicant = ((await inbox.rows.first().getByTestId('inbox-applicant').textContent()) ?? '').trim()
  await inbox.table.focus()
  await inbox.press('a')
  await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Approved 1')
  await inbox.toasts.first().getByRole('button', { name: 'Undo' }).click()
  await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Undid 1 decision')

  await shell.goTo('audit')
  await expect(audit.count).toHaveText('2 entries')
  await expect(audit.rows.getByTestId('audit-event-cell')).toHaveText(['Undone', 'Queued'])
  await expect(audit.rows.first().getByTestId('audit-applicant-cell')).toHaveText(applicant)
  await page.screenshot({ path: testInfo.outputPath('audit-undone-light.png') })

  // A time range that excludes everything: the view says so and offers to clear.
  const tomorrow = new Date(Date.now() + 86_400_000)
  const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T00:00`
  await audit.view.getByTestId('audit-from').fill(local)
  await expect(audit.view.getByRole('heading', { name: 'No entry matches' })).toBeVisible()
  await audit.view.getByTestId('audit-clear-filters').click()
  await expect(audit.count).toHaveText('2 entries')

  // By applicant, and by event.
  await audit.view.getByTestId('audit-applicant').fill(applicant)
  await audit.event('undone').click()
  await expect(audit.count).toHaveText('1 entry')

  // JSON Lines over the current filters.
  const downloading = page.waitForEvent('download')
  await audit.view.getByTestId('audit-export-jsonl').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.jsonl$/)
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
  expect(lines).toHaveLength(1)
  const entry = JSON.parse(lines[0]!) as Record<string, unknown>
  expect(entry).toMatchObject({ applicant, action: 'approve', event: 'undone', actor: 'moderator' })
})

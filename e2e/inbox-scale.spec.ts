import { expect, test } from './fixtures'
import { InboxPage } from './pages/inbox-page'

// 50,000 pending applications, the cap lifted: the inbox stays a virtual list read page by page.
test.use({ sandboxGroups: 2000, sandboxApplications: 50_000, sandboxSettings: { pendingApplicationCap: null } })

test('50,000 applications in a virtual list: End reaches the last, a range over unloaded rows selects them all', async ({ shell, page }, testInfo) => {
  test.setTimeout(120_000)
  const inbox = new InboxPage(page)
  await shell.connectSandboxFromEmptyState('inbox')
  await expect(inbox.count).toHaveText('50,000 pending applications', { timeout: 90_000 })
  await inbox.waitForRows()
  // Only the rows on screen are in the page.
  expect(await inbox.table.locator('[role=row]').count()).toBeLessThan(60)

  await inbox.table.focus()
  await inbox.press('x')
  await inbox.press('End')
  const last = inbox.table.locator('[aria-rowindex="50001"]')
  await expect(last).toHaveAttribute('data-testid', 'inbox-row')
  await expect(last.getByTestId('inbox-applicant')).not.toBeEmpty()
  await expect(inbox.table).toHaveAttribute('aria-activedescendant', 'inbox-row-49999')
  expect(await inbox.table.locator('[role=row]').count()).toBeLessThan(60)

  // Shift+x from the first row to the last: the rows in between were never loaded.
  await inbox.press('Shift+X')
  await expect(inbox.selectionCount).toHaveText('50,000 applications selected')
  await expect(last).toHaveAttribute('aria-selected', 'true')
  await page.screenshot({ path: testInfo.outputPath('inbox-50000-end.png') })
  await inbox.press('Escape')
  await expect(inbox.selectionCount).toHaveText(/Nothing selected/)
  await inbox.press('Home')
  await expect(inbox.table.locator('[aria-rowindex="2"]')).toHaveAttribute('data-current', 'true')
})

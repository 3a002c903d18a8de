import { expect, test } from './fixtures'
import { InboxPage } from './pages/inbox-page'
import { JobsPage } from './pages/jobs-page'
import type { Locator } from '@playwright/test'

/** Every cell shows `text` once the list has answered (a filter that narrows nothing still passes). */
async function expectEvery(cells: Locator, text: string): Promise<void> {
  await expect(async () => {
    const texts = (await cells.allTextContents()).map((value) => value.trim())
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.filter((value) => value !== text)).toEqual([])
  }).toPass()
}

// The embedded demo sandbox: the service shows the moderator 50 pending applications at a time.

test.describe('inbox triage', () => {
  test('r asks for a message with the templates; the byte counter refuses 301 bytes; the template is sent', async ({ shell, page }, testInfo) => {
    const inbox = new InboxPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    await inbox.waitForRows()
    const before = await inbox.total()

    await inbox.table.focus()
    await inbox.press('x')
    await inbox.press('j')
    await inbox.press('x')
    await expect(inbox.selectionCount).toHaveText('2 applications selected')
    await inbox.press('r')
    const dialog = inbox.decisionDialog
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('heading')).toHaveText('Reject 2 applications')
    const message = dialog.getByTestId('decision-message')
    await expect(message).toBeFocused()

    // Typing in the message box never fires a shortcut: "a" is a letter here, not "approve".
    await message.pressSequentially('a rejection, xjkru')
    await expect(message).toHaveValue('a rejection, xjkru')
    await expect(inbox.toasts).toHaveCount(0)

    // 300 bytes fit; 301 are refused before anything is sent.
    const counter = dialog.getByTestId('decision-bytes')
    const submit = dialog.getByTestId('decision-submit')
    await message.fill('好'.repeat(100))
    await expect(counter).toHaveText('300 / 300 bytes')
    await expect(submit).toBeEnabled()
    await message.fill(`${'好'.repeat(100)}!`)
    await expect(counter).toContainText('301 / 300 bytes — 1 bytes too long')
    await expect(message).toHaveAttribute('aria-invalid', 'true')
    await expect(submit).toBeDisabled()
    await message.press('Control+Enter')
    await expect(dialog).toBeVisible()
    await expect(inbox.toasts).toHaveCount(0)

    // A template fills the box.
    const template = dialog.getByTestId('decision-template').filter({ hasText: 'Sorry, this group is full.' })
    await template.click()
    await expect(message).toHaveValue('Sorry, this group is full.')
    await expect(template).toHaveAttribute('aria-pressed', 'true')
    await expect(counter).toHaveText('26 / 300 bytes')
    await page.screenshot({ path: testInfo.outputPath('reject-dialog-light.png') })

    await submit.click()
    await expect(dialog).toBeHidden()
    await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Rejected 2')
    await expect(inbox.count).toHaveText(`${before - 2} pending applications`)

    // The job carries the message.
    const jobs = new JobsPage(page)
    await shell.goTo('jobs')
    await expect(jobs.detail.getByRole('heading', { level: 2 })).toContainText('Reject 2 applications')
    await expect(jobs.detail).toContainText('Sorry, this group is full.')
  })

  test('saved filters: save the filter in use, apply it, delete it; they outlive a reload', async ({ shell, page }) => {
    const inbox = new InboxPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    await inbox.waitForRows()
    const all = await inbox.total()

    // Full-text search finds Chinese words in the notes.
    await inbox.search.fill('读书会')
    await expect(inbox.count).not.toHaveText(`${all} pending applications`)
    const bookClub = await inbox.total()
    expect(bookClub).toBeGreaterThan(0)
    expect(bookClub).toBeLessThan(all)
    await inbox.groupTypeFilter('Public').click()
    await expect(inbox.groupTypeFilter('Public')).toHaveAttribute('aria-pressed', 'true')
    await expectEvery(inbox.rows.getByTestId('inbox-group-type'), 'Public')

    // The group picker narrows to one group, by its ID (suggested as you type); the chip shows its name.
    const groupID = ((await inbox.rows.first().getByTestId('inbox-group-id').textContent()) ?? '').trim()
    const groupName = ((await inbox.rows.first().getByTestId('inbox-group-name').textContent()) ?? '').trim()
    await page.getByTestId('inbox-group-input').fill(groupID)
    await expect(page.locator(`#inbox-group-suggestions option[value="${groupID}"]`)).toBeAttached()
    await page.getByTestId('inbox-group-input').press('Enter')
    await expect(page.getByTestId('inbox-group-chip')).toHaveText(new RegExp(groupName))
    await expectEvery(inbox.rows.getByTestId('inbox-group-id'), groupID)
    const narrowed = await inbox.total()

    const saved = page.getByTestId('saved-filter')
    await expect(saved).toHaveCount(0)
    await page.getByTestId('save-filter').click()
    await page.getByTestId('saved-filter-name').fill('Book club, public')
    await page.getByTestId('saved-filter-save').click()
    await expect(saved).toHaveCount(1)
    await expect(saved.getByRole('button', { name: 'Book club, public', exact: true })).toHaveAttribute('aria-pressed', 'true')

    // Away from it: the chip is no longer the one in use.
    await inbox.search.fill('')
    await inbox.groupTypeFilter('Public').click()
    await page.getByTestId('inbox-group-chip').getByRole('button', { name: /Stop filtering by/ }).click()
    await expect(inbox.count).toHaveText(`${all} pending applications`)
    await expect(saved.getByRole('button', { name: 'Book club, public', exact: true })).toHaveAttribute('aria-pressed', 'false')

    // Applying it brings back the search and the type.
    await saved.getByRole('button', { name: 'Book club, public', exact: true }).click()
    await expect(inbox.search).toHaveValue('读书会')
    await expect(inbox.groupTypeFilter('Public')).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByTestId('inbox-group-chip')).toHaveText(new RegExp(groupName))
    await expect(inbox.count).toHaveText(new RegExp(`^${narrowed} pending application`))

    // Kept in the console's database.
    await page.reload()
    await inbox.waitForRows()
    await expect(saved).toHaveCount(1)
    await saved.getByRole('button', { name: 'Delete the saved filter Book club, public' }).click()
    await expect(saved).toHaveCount(0)
    await page.reload()
    await inbox.waitForRows()
    await expect(page.getByTestId('saved-filters')).toContainText('None yet')
  })

  test('? lists every key; shortcuts never fire while typing; Esc clears; mouse multi-select; u undoes', async ({ shell, page }, testInfo) => {
    const inbox = new InboxPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    await inbox.waitForRows()
    const total = await inbox.total()

    await page.keyboard.press('?')
    const keymap = inbox.keymapDialog
    await expect(keymap).toBeVisible()
    await expect(keymap.getByRole('heading')).toHaveText('Inbox keyboard shortcuts')
    for (const text of ['Next application', 'Approve the selection', 'Reject the selection', 'Undo the last decision', 'Select every application from the last selected one']) {
      await expect(keymap).toContainText(text)
    }
    await expect(keymap.getByRole('button', { name: 'Close' })).toBeFocused()
    await page.screenshot({ path: testInfo.outputPath('keymap-dialog-light.png') })
    await page.keyboard.press('Escape')
    await expect(keymap).toBeHidden()

    // "/" focuses the search; letters typed there stay letters.
    await page.keyboard.press('/')
    await expect(inbox.search).toBeFocused()
    await page.keyboard.type('jjxa?')
    await expect(inbox.search).toHaveValue('jjxa?')
    await expect(keymap).toBeHidden()
    await expect(inbox.selectionCount).toHaveText(/Nothing selected/)
    await inbox.search.fill('')
    await expect(inbox.count).toHaveText(`${total} pending applications`)

    // Mouse: click selects one, ctrl-click adds, shift-click adds the range.
    await inbox.rows.nth(0).click()
    await expect(inbox.selectionCount).toHaveText('1 application selected')
    await inbox.rows.nth(2).click({ modifiers: ['Control'] })
    await expect(inbox.selectionCount).toHaveText('2 applications selected')
    await inbox.rows.nth(5).click({ modifiers: ['Shift'] })
    await expect(inbox.selectionCount).toHaveText('5 applications selected')
    await expect(inbox.selectedRows()).toHaveCount(5)
    await page.keyboard.press('Escape')
    await expect(inbox.selectionCount).toHaveText(/Nothing selected/)

    // "Select all N matching" takes every key of the filter, not only the rows on screen.
    await page.getByTestId('select-all-matching').click()
    await expect(inbox.selectionCount).toHaveText(`${total} applications selected`)
    await page.keyboard.press('Escape')

    // a on the highlighted row, then u takes it back.
    await inbox.table.focus()
    await inbox.press('j', 3)
    await inbox.press('a')
    await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Approved 1')
    await expect(inbox.count).toHaveText(`${total - 1} pending applications`)
    await inbox.press('u')
    await expect(inbox.toasts.first().getByTestId('toast-text')).toHaveText('Undid 1 decision')
    await expect(inbox.count).toHaveText(`${total} pending applications`)
  })

  test('message templates are edited in Settings and offered by the reject dialog', async ({ shell, page }) => {
    const inbox = new InboxPage(page)
    await shell.connectSandboxFromEmptyState('inbox')
    const settings = await shell.goTo('settings')
    const card = settings.getByTestId('decision-settings')
    const templates = card.getByTestId('settings-template')
    await expect(templates).toHaveCount(4)
    await card.getByTestId('settings-template-new').fill('Please use your real name, then apply again.')
    await card.getByTestId('settings-template-add').click()
    await card.getByRole('button', { name: 'Remove template 1' }).click()
    await templates.first().fill('Sorry, the group is full this month.')
    // A template the service could never carry is refused here.
    await card.getByTestId('settings-template-new').fill('长'.repeat(101))
    await expect(card.getByTestId('settings-template-add')).toBeDisabled()
    await expect(card).toContainText('303 bytes: a message can carry at most 300')
    await card.getByTestId('settings-template-new').fill('')
    await card.getByTestId('settings-templates-save').click()
    await expect(card.getByTestId('settings-templates-saved')).toBeVisible()

    await shell.goTo('inbox')
    await inbox.waitForRows()
    await inbox.table.focus()
    await inbox.press('r')
    const offered = inbox.decisionDialog.getByTestId('decision-template')
    await expect(offered).toHaveText([
      'Sorry, the group is full this month.',
      'Please complete your profile and apply again.',
      '抱歉，本群暂不接受新成员。',
      'Please use your real name, then apply again.',
    ])
    await page.keyboard.press('Escape')
    await expect(inbox.decisionDialog).toBeHidden()
    // Saved in main: a reload keeps them.
    await page.reload()
    await shell.goTo('settings')
    await expect(page.getByTestId('settings-template')).toHaveCount(4)
    await expect(page.getByTestId('settings-template').first()).toHaveValue('Sorry, the group is full this month.')
  })
})

import path from 'node:path'
import { expect, test } from './fixtures'
import { ConnectionCard } from './pages/connection-card'
import { GroupsPage } from './pages/groups-page'

test.describe('settings › connection', () => {
  test('connects to the sandbox in one click and lists the account', async ({ shell, page, host }, testInfo) => {
    await shell.goTo('settings')
    const connection = new ConnectionCard(page)
    await expect(connection.card).toContainText('No account used yet')
    await expect(connection.card.getByTestId('cache-location')).toHaveText(path.join(host.dataDir, 'accounts'))
    // The browser host has no keychain: the card says credentials rest on file permissions alone.
    await expect(connection.card.getByTestId('credential-protection-warning')).toContainText('file permissions')

    await connection.connectSandbox().click()
    await expect(connection.now).toContainText('Sandbox · moderator · Online')
    const account = connection.accounts.getByTestId('account-sandbox:moderator')
    await expect(account).toContainText('moderator')
    await expect(account).toContainText('Active')
    await expect(account).toContainText('No credential needed')
    // Tall enough for the whole card: the view scrolls inside the shell, so a full-page shot would not.
    await page.setViewportSize({ width: 1280, height: 1100 })
    await connection.card.screenshot({ path: testInfo.outputPath('settings-connection.png') })
  })

  test('a refused cloud form shows main’s code and message inline and keeps what was typed', async ({ shell, page }, testInfo) => {
    await shell.goTo('settings')
    const connection = new ConnectionCard(page)
    await connection.field('SDKAppID').fill('not a number')
    await connection.field('userID').fill('has space')
    await connection.field('userSig').fill('eJyrVkrOz0vOz0lVslIqyS9KTc4vSlGqBQBJ4Qca')
    await connection.cloudForm.getByTestId('connect-cloud').click()

    const notice = connection.cloudForm.getByTestId('failure-notice')
    await expect(notice).toContainText('Error invalid-input')
    await expect(notice).toContainText('Invalid input for session:connect')
    await expect(connection.field('SDKAppID')).toHaveAttribute('aria-invalid', 'true')
    await expect(connection.field('userID')).toHaveAttribute('aria-invalid', 'true')
    await expect(connection.cloudForm).toContainText('no spaces or control characters')
    await expect(connection.field('SDKAppID')).toHaveValue('not a number')
    await expect(connection.field('userID')).toHaveValue('has space')
    await expect(connection.field('userSig')).toHaveValue('eJyrVkrOz0vOz0lVslIqyS9KTc4vSlGqBQBJ4Qca')

    // The secret-key path is a developer option behind a warning.
    await expect(connection.cloudForm.getByTestId('secret-key-warning')).toHaveCount(0)
    await connection.cloudForm.getByTestId('use-secret-key').check()
    await expect(connection.cloudForm.getByTestId('secret-key-warning')).toContainText('A secret key belongs on a server')
    await expect(connection.field('Secret key')).toBeVisible()
    await page.setViewportSize({ width: 1280, height: 1300 })
    await connection.card.screenshot({ path: testInfo.outputPath('settings-cloud-refused.png') })
  })

  test('reset sandbox asks first, then puts the demo data back', async ({ shell, page }) => {
    await shell.connectSandboxFromEmptyState('groups')
    await shell.goTo('settings')
    const connection = new ConnectionCard(page)
    await connection.resetSandbox().click()
    await expect(connection.dialog).toContainText('puts the demo data back')
    await connection.dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(connection.dialog).toHaveCount(0)

    await connection.resetSandbox().click()
    await connection.dialog.getByRole('button', { name: 'Reset sandbox' }).click()
    await expect(connection.card.getByTestId('reset-done')).toBeVisible({ timeout: 15_000 })
    await expect(connection.now).toContainText('Online')
    await shell.goTo('groups')
    await new GroupsPage(page).waitForGroups()
  })

  test('disconnect leaves the cache readable and disables Sync now; forget removes the account', async ({ shell, page }) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await shell.waitForFirstSync()
    const cached = await groups.total()

    await shell.goTo('settings')
    const connection = new ConnectionCard(page)
    await connection.disconnect().click()
    await expect(shell.statusPhase).toContainText('Not connected')
    await expect(page.getByTestId('sync-now')).toBeDisabled()
    await shell.goTo('groups')
    expect(await groups.total()).toBe(cached)

    await shell.goTo('settings')
    await connection.accounts.getByRole('button', { name: 'Forget…' }).click()
    await expect(connection.dialog).toContainText('Forget moderator?')
    await connection.dialog.getByRole('button', { name: 'Forget account' }).click()
    await expect(connection.feedback).toContainText('Forgot moderator')
    await expect(connection.card).toContainText('No account used yet')
    await shell.goTo('groups')
    await expect(groups.view.getByTestId('first-run')).toBeVisible()
  })
})

import { expect, test } from './fixtures'
import { SECTION_NAMES, SettingsPage } from './pages/console-shell'

test.describe('console shell', () => {
  test('opens on the inbox with the connection in the status bar', async ({ shell, page }) => {
    await expect(page).toHaveURL(/#\/inbox$/)
    // The access token is not left in the address bar once the bridge has read it.
    expect(page.url()).not.toContain('token=')
    await expect(shell.view('inbox')).toBeVisible()
    await expect(shell.page.getByTestId('status-connection')).toHaveText('Sandbox')
    await expect(shell.statusPhase).toContainText('Not connected')
    await expect(shell.page.getByTestId('status-sync')).toHaveText('Not synced yet')
  })

  test('every navigation entry opens its view, with an empty state that says what will appear', async ({ shell }, testInfo) => {
    for (const section of SECTION_NAMES) {
      const view = await shell.goTo(section)
      await expect(shell.navLink(section)).toHaveClass(/side-nav__link--active/)
      if (section !== 'settings') {
        const empty = view.getByTestId('empty-state')
        await expect(empty.getByRole('heading')).not.toBeEmpty()
        await expect(empty.getByTestId('empty-state-body')).toContainText(/appear/)
      }
      await shell.page.screenshot({ path: testInfo.outputPath(`${section}.png`), fullPage: true })
    }
  })

  test('keyboard shortcuts open the sections', async ({ shell, page }) => {
    await page.keyboard.press('Control+3')
    await expect(shell.view('counters')).toBeVisible()
    await page.keyboard.press('Control+6')
    await expect(shell.view('settings')).toBeVisible()
    await page.keyboard.press('Control+1')
    await expect(shell.view('inbox')).toBeVisible()
  })

  test('the empty state leads to the connection settings', async ({ shell }) => {
    await shell.view('inbox').getByRole('button', { name: 'Open connection settings' }).click()
    await expect(shell.view('settings')).toBeVisible()
  })

  test('switching the language to Chinese and back, kept across a reload', async ({ shell, page }, testInfo) => {
    await shell.goTo('settings')
    const settings = new SettingsPage(page)
    await settings.language().selectOption('zh-CN')
    await expect(shell.navLink('inbox')).toContainText('待审批')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await page.screenshot({ path: testInfo.outputPath('settings-zh-CN.png'), fullPage: true })
    await page.reload()
    await expect(shell.navLink('groups')).toContainText('群组')
    await expect(shell.statusPhase).toContainText('未连接')
    await settings.language().selectOption('en')
    await expect(shell.navLink('inbox')).toContainText('Inbox')
  })

  test('the theme follows the OS by default and can be forced', async ({ shell, page }, testInfo) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'dark' })
    const darkFromOs = await background()
    await page.emulateMedia({ colorScheme: 'light' })
    const lightFromOs = await background()
    expect(darkFromOs).not.toBe(lightFromOs)

    await shell.goTo('settings')
    const settings = new SettingsPage(page)
    await settings.theme('dark').click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    expect(await background()).toBe(darkFromOs)
    await page.screenshot({ path: testInfo.outputPath('settings-dark.png'), fullPage: true })
    await settings.theme('system').click()
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/)
    expect(await background()).toBe(lightFromOs)
  })

  test('settings show where the data lives', async ({ shell, host }) => {
    await shell.goTo('settings')
    const about = shell.page.getByTestId('settings-about')
    await expect(about).toContainText(host.dataDir)
    await expect(about).toContainText('Browser host')
  })
})

test('a page opened without the token explains what to do', async ({ page, host }) => {
  await page.goto(host.url.replace(/#token=.*/, ''))
  await expect(page.getByRole('alert')).toContainText('access token')
})

test('the status bar says when the host is unreachable', async ({ shell, host }) => {
  await host.stop()
  await expect(shell.statusBar).toContainText('unreachable')
})

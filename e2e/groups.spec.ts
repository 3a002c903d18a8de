import { expect, test } from './fixtures'
import { GroupDetailPage, GroupsPage } from './pages/groups-page'
import { SettingsPage } from './pages/console-shell'

test.describe('groups', () => {
  test('connecting to the sandbox from the empty state brings the groups in', async ({ shell, page }, testInfo) => {
    const groups = new GroupsPage(page)
    await shell.goTo('groups')
    await expect(groups.view.getByTestId('empty-state-body')).toContainText('appear')
    await shell.connectSandboxFromEmptyState('groups')
    await expect(page.getByTestId('status-connection')).toHaveText('Sandbox · moderator')
    await groups.waitForGroups()
    expect(await groups.total()).toBeGreaterThan(0)
    await shell.waitForFirstSync()
    // The paced stages (attributes, counters) run on after the groups are in: the status bar shows the
    // stage and its progress, and "Sync now" waits for the running pull.
    const progress = page.getByTestId('status-sync-progress')
    await expect(progress).toContainText(/Syncing (members|attributes|counters) \d+\/\d+/)
    await expect(progress.getByRole('progressbar', { name: 'Sync progress' })).toHaveAttribute('aria-valuemax', /\d+/)
    await expect(page.getByTestId('sync-now')).toBeDisabled()

    await page.emulateMedia({ colorScheme: 'light' })
    await page.screenshot({ path: testInfo.outputPath('groups-light.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 29)')
    await page.screenshot({ path: testInfo.outputPath('groups-dark.png') })
  })

  test('search by name or ID and the type filter narrow the list', async ({ shell, page }) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await shell.waitForFirstSync()
    const all = await groups.total()

    await groups.search.fill('Dev Talk')
    await expect(groups.count).not.toHaveText(`${all} groups`)
    const byName = await groups.total()
    expect(byName).toBeGreaterThan(0)
    expect(byName).toBeLessThan(all)
    for (const name of await groups.rows.getByTestId('group-name').allTextContents()) expect(name).toContain('Dev Talk')

    await groups.search.fill('demo-chatroom')
    await expect(groups.rows.getByTestId('group-id').first()).toContainText('demo-chatroom')
    for (const id of await groups.rows.getByTestId('group-id').allTextContents()) expect(id).toContain('demo-chatroom')

    await groups.search.fill('')
    await expect(groups.count).toHaveText(`${all} groups`)
    await groups.typeFilter('ChatRoom').click()
    await expect(groups.typeFilter('ChatRoom')).toHaveAttribute('aria-pressed', 'true')
    await expect(groups.count).not.toHaveText(`${all} groups`)
    const meetings = await groups.total()
    expect(meetings).toBeGreaterThan(0)
    expect(meetings).toBeLessThan(all)
    for (const type of await groups.rows.getByTestId('group-type').allTextContents()) expect(type.trim()).toBe('Meeting')

    // Nothing matches: the view says so, and offers to clear what narrowed it.
    await groups.search.fill('no group is called this')
    await expect(groups.view.getByRole('heading', { name: 'No groups match' })).toBeVisible()
    await groups.view.getByTestId('clear-filters').click()
    await expect(groups.count).toHaveText(`${all} groups`)
    await expect(groups.search).toHaveValue('')
  })

  test('a column header sorts the list, and again reverses it', async ({ shell, page }) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await shell.waitForFirstSync()
    const membersHeader = groups.table.getByRole('columnheader', { name: 'Members' })
    await expect(membersHeader).toHaveAttribute('aria-sort', 'none')

    await groups.table.getByTestId('sort-memberCount').click()
    await expect(membersHeader).toHaveAttribute('aria-sort', 'descending')
    const counts = async () => (await groups.rows.getByTestId('group-member-count').allTextContents()).map(Number)
    await expect.poll(async () => (await counts())[0]).toBeGreaterThan(0)
    const descending = await counts()
    expect(descending).toEqual([...descending].sort((a, b) => b - a))

    // Keyboard too: the header button is reachable and Enter activates it, not the grid's "open".
    await groups.table.getByTestId('sort-memberCount').focus()
    await page.keyboard.press('Enter')
    await expect(membersHeader).toHaveAttribute('aria-sort', 'ascending')
    await expect.poll(async () => (await counts())[0]).toBeLessThanOrEqual(descending[descending.length - 1]!)
    const ascending = await counts()
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
    await expect(page.getByTestId('view-groups')).toBeVisible()
  })

  test('the keyboard searches, moves the selection and opens a group', async ({ shell, page }) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await groups.waitForGroups()

    await groups.view.getByRole('heading', { name: 'Groups' }).click()
    await page.keyboard.press('/')
    await expect(groups.search).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(groups.table).toBeFocused()
    const first = await groups.selectedRow().getAttribute('data-group-id')
    await page.keyboard.press('j')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('k')
    const second = await groups.selectedRow().getAttribute('data-group-id')
    expect(second).not.toBe(first)
    await expect(groups.table).toHaveAttribute('aria-activedescendant', 'group-row-1')

    await page.keyboard.press('Enter')
    const detail = new GroupDetailPage(page)
    await expect(detail.view).toBeVisible()
    await expect(detail.view.getByTestId('detail-group-id')).toHaveText(second!)
    await expect(shell.navLink('groups')).toHaveClass(/side-nav__link--active/)

    await detail.view.getByTestId('back-to-groups').click()
    await expect(groups.selectedRow()).toHaveAttribute('data-group-id', second!)
  })

  test('a group detail shows its profile and, for a group you administer, its members', async ({ shell, page }, testInfo) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await shell.waitForFirstSync()
    // A community: its ID holds '@' and '#', which must survive the hash route.
    await groups.search.fill('@TGS#_demo-0000')
    const row = groups.rows.first()
    await expect(row.getByTestId('group-id')).toContainText('@TGS#_demo')
    const groupID = (await row.getAttribute('data-group-id'))!
    const name = (await row.getByTestId('group-name').textContent())!
    await row.click()

    const detail = new GroupDetailPage(page)
    await expect(detail.view.getByTestId('detail-group-id')).toHaveText(groupID)
    await expect(detail.view.getByTestId('detail-name')).toHaveText(name)
    await expect(detail.view.getByTestId('detail-type')).toContainText('Community')
    await expect(detail.view.getByTestId('detail-role')).toHaveText(/Owner|Admin/)
    await expect(detail.memberRows.first()).toBeVisible()
    await expect(detail.members.getByTestId('member-count')).toContainText('members cached')
    expect(await detail.memberRows.count()).toBeGreaterThan(0)
    await expect(detail.memberRows.getByTestId('member-role').first()).toHaveText(/Owner|Admin|Member|Custom role/)
    await page.screenshot({ path: testInfo.outputPath('group-detail.png') })
    await detail.members.scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('group-detail-members.png') })

    // Reloading the page keeps the route, '#' and all.
    await page.reload()
    await expect(detail.view.getByTestId('detail-group-id')).toHaveText(groupID)
  })

  test('the new views follow a language switch', async ({ shell, page }, testInfo) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await groups.waitForGroups()
    await shell.goTo('settings')
    await new SettingsPage(page).language().selectOption('zh-CN')
    await expect(page.getByTestId('connection-card')).toContainText('沙盒')
    await expect(shell.statusPhase).toContainText('在线')

    await shell.goTo('groups')
    await expect(groups.view.getByRole('heading', { name: '群组' })).toBeVisible()
    await expect(groups.typeFilter('ChatRoom')).toHaveText('临时会议群')
    await expect(groups.table.getByRole('columnheader', { name: '我的角色' })).toBeVisible()
    await expect(groups.count).toContainText('个群组')
    await page.screenshot({ path: testInfo.outputPath('groups-zh-CN.png') })
    await groups.rows.first().click()
    await expect(page.getByTestId('group-profile').getByRole('heading')).toHaveText('群资料')
  })
})

test.describe('groups at scale', () => {
  test.use({ sandboxGroups: 5000 })

  test('5,000 groups in a virtual list: End reaches the last one, and only the rows on screen are in the page', async ({ shell, page }, testInfo) => {
    const groups = new GroupsPage(page)
    await shell.connectSandboxFromEmptyState('groups')
    await expect(groups.count).toHaveText('5,000 groups', { timeout: 20_000 })
    await groups.waitForGroups()
    expect(await page.locator('[data-testid=group-row]').count()).toBeLessThan(80)

    await groups.table.focus()
    await page.keyboard.press('End')
    const last = groups.table.locator('[aria-rowindex="5001"]')
    await expect(last).toHaveAttribute('data-testid', 'group-row')
    await expect(last.getByTestId('group-name')).not.toBeEmpty()
    await expect(groups.table).toHaveAttribute('aria-activedescendant', 'group-row-4999')
    // Only the rows around the end exist in the page, not the 5,000.
    expect(await groups.table.locator('[role=row]').count()).toBeLessThan(80)
    await page.screenshot({ path: testInfo.outputPath('groups-5000-end.png') })

    await page.keyboard.press('Home')
    await expect(groups.table.locator('[aria-rowindex="2"]')).toHaveAttribute('aria-selected', 'true')
  })
})

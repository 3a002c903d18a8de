import { expect, test } from './fixtures'
import { GroupAdminPage } from './pages/admin-pages'

// A sandbox server of the test's own: the second writer is another moderator's session on it.
test.use({ sandboxGroups: 40 })

test('two writers on the same attributes: the second save gets the merge view, and the merged retry keeps both sides', async ({ shell, page, sandboxServer }, testInfo) => {
  test.setTimeout(90_000)
  const server = sandboxServer!
  const store = server.emulator.store
  // A group both moderators are in, with attributes (not a topic community, not a live stream).
  const shared = store.groupsOfUser('moderator2').find((group) => ['Public', 'Private', 'ChatRoom'].includes(group.type) && store.getMember(group.group_id, 'moderator'))
  expect(shared, 'the seed puts moderator2 beside moderator in some groups').toBeDefined()
  const groupID = shared!.group_id
  const attributesNow = () => Object.fromEntries(store.attributesOf(groupID))

  // The second writer: moderator2, logged in on the same service.
  const other = await server.emulator.connect('moderator2')
  // Writes carry the sequence the session last read (a stale one is 10056), so the writer reads first.
  await other.getGroupAttributes({ groupID, keyList: [] })
  await other.initGroupAttributes({ groupID, groupAttributes: { seat1: 'alice', seat2: 'bob', topic: 'weekly' } })

  await shell.connectSandboxFromEmptyState('groups')
  await shell.waitForFirstSync()
  // The first pull reads every group's attributes, paced at the SDK's 20 reads per 5 s; an attribute
  // write reads them too, so it waits until that pull has finished (else 2996, see the report).
  await expect(page.getByTestId('status-sync-progress')).toHaveCount(0, { timeout: 60_000 })
  const detail = new GroupAdminPage(page)
  await detail.open(groupID)
  const card = detail.attributes
  await expect(card.getByTestId('attribute-row')).toHaveCount(3)
  await expect(card.getByTestId('attributes-source')).toContainText('From the service')
  // The meters read the set: 3 keys of 16; the default basis is the decimal one (4000 / 16000).
  await expect(card.getByTestId('quota-keys')).toContainText('3 / 16 keys')
  await expect(card.getByTestId('quota-largest')).toContainText('/ 4,000 bytes')
  await expect(card.getByTestId('quota-total')).toContainText('/ 16,000 bytes')

  // The console edits seat1 and adds a key…
  await card.locator('[data-key="seat1"]').getByTestId('attribute-value').fill('carol')
  await card.getByTestId('attribute-add').click()
  await card.getByTestId('attribute-row').last().getByTestId('attribute-key').fill('rules')
  await card.getByTestId('attribute-row').last().getByTestId('attribute-value').fill('be kind 友善')

  // …while moderator2 writes seat1 and seat2 first.
  await other.getGroupAttributes({ groupID, keyList: [] })
  await other.setGroupAttributes({ groupID, groupAttributes: { seat1: 'dave', seat2: 'erin' } })
  // The editor does not replace what is being edited; it says the set changed elsewhere.
  await expect(card.getByTestId('attributes-changed-elsewhere')).toBeVisible()
  await expect(card.locator('[data-key="seat1"]').getByTestId('attribute-value')).toHaveValue('carol')

  await card.getByTestId('attributes-save').click()
  const merge = card.getByTestId('attribute-merge')
  await expect(merge).toBeVisible()
  // Nothing was overwritten.
  expect(attributesNow()).toEqual({ seat1: 'dave', seat2: 'erin', topic: 'weekly' })
  const row = (key: string) => merge.locator(`[data-key="${key}"]`)
  await expect(row('seat1')).toContainText('alice')
  await expect(row('seat1')).toContainText('carol')
  await expect(row('seat1')).toContainText('dave')
  await expect(row('seat1')).toContainText('both changed')
  // One-sided changes are taken as they are: theirs for seat2, mine for the new key.
  await expect(row('seat2').getByTestId('merge-pick-theirs')).toBeChecked()
  await expect(row('rules').getByTestId('merge-pick-yours')).toBeChecked()
  await expect(merge.getByTestId('merge-summary')).toHaveText('Pick a value for the key both sides changed')
  await expect(merge.getByTestId('merge-retry')).toBeDisabled()
  await merge.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('attribute-merge.png') })

  await row('seat1').getByTestId('merge-pick-yours').check()
  await expect(merge.getByTestId('merge-retry')).toBeEnabled()
  await merge.getByTestId('merge-retry').click()

  await expect(card.getByTestId('attributes-saved')).toBeVisible()
  await expect(merge).toHaveCount(0)
  expect(attributesNow()).toEqual({ seat1: 'carol', seat2: 'erin', topic: 'weekly', rules: 'be kind 友善' })
  await expect(card.getByTestId('attribute-row')).toHaveCount(4)
  await expect(card.locator('[data-key="seat2"]').getByTestId('attribute-value')).toHaveValue('erin')

  // A later write elsewhere, with nothing being edited, simply shows up.
  await other.getGroupAttributes({ groupID, keyList: [] })
  await other.setGroupAttributes({ groupID, groupAttributes: { topic: 'monthly' } })
  await expect(card.locator('[data-key="topic"]').getByTestId('attribute-value')).toHaveValue('monthly')
  await other.logout()
})

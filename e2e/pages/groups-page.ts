import { expect, type Locator, type Page } from '@playwright/test'

/** The Groups view: search, filters, the virtual grid of cached groups. */
export class GroupsPage {
  readonly view: Locator
  readonly search: Locator
  readonly table: Locator
  readonly rows: Locator
  readonly count: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-groups')
    this.search = page.getByTestId('group-search')
    this.table = page.getByTestId('group-table')
    this.rows = page.getByTestId('group-row')
    this.count = page.getByTestId('group-count')
  }

  typeFilter(type: 'Private' | 'Public' | 'ChatRoom' | 'AVChatRoom' | 'Community'): Locator {
    return this.page.getByTestId(`type-${type}`)
  }

  /** The number in "60 groups", once the list has answered. */
  async total(): Promise<number> {
    await expect(this.count).toHaveText(/\d/)
    const text = (await this.count.textContent()) ?? ''
    return Number(text.replace(/[^\d]/g, ''))
  }

  async waitForGroups(): Promise<void> {
    await expect(this.rows.first()).toBeVisible({ timeout: 15_000 })
  }

  row(groupID: string): Locator {
    return this.table.locator(`[data-group-id="${groupID}"]`)
  }

  selectedRow(): Locator {
    return this.table.locator('[role="row"][aria-selected="true"]')
  }
}

/** A group's read-only detail. */
export class GroupDetailPage {
  readonly view: Locator
  readonly members: Locator
  readonly memberRows: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-group-detail')
    this.members = page.getByTestId('group-members')
    this.memberRows = page.getByTestId('member-row')
  }
}

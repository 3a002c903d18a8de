import { expect, type Locator, type Page } from '@playwright/test'

/** The Inbox: filters, saved filters, the virtual grid of pending applications, the decision dialogs. */
export class InboxPage {
  readonly view: Locator
  readonly search: Locator
  readonly table: Locator
  readonly rows: Locator
  readonly count: Locator
  readonly selectionCount: Locator
  readonly decisionDialog: Locator
  readonly keymapDialog: Locator
  readonly toasts: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-inbox')
    this.search = page.getByTestId('inbox-search')
    this.table = page.getByTestId('inbox-table')
    this.rows = page.getByTestId('inbox-row')
    this.count = page.getByTestId('inbox-count')
    this.selectionCount = page.getByTestId('selection-count')
    this.decisionDialog = page.getByTestId('decision-dialog')
    this.keymapDialog = page.getByTestId('keymap-dialog')
    this.toasts = page.getByTestId('decision-toast')
  }

  groupTypeFilter(type: 'Private' | 'Public' | 'ChatRoom' | 'AVChatRoom' | 'Community'): Locator {
    return this.page.getByTestId(`inbox-group-type-${type}`)
  }

  applicationTypeFilter(type: 'join' | 'invite'): Locator {
    return this.page.getByTestId(`inbox-application-type-${type}`)
  }

  /** The number in "312 pending applications", once the list has answered. */
  async total(): Promise<number> {
    await expect(this.count).toHaveText(/\d/)
    const text = (await this.count.textContent()) ?? ''
    return Number(text.replace(/[^\d]/g, ''))
  }

  async waitForRows(): Promise<void> {
    await expect(this.rows.first()).toBeVisible({ timeout: 20_000 })
  }

  currentRow(): Locator {
    return this.table.locator('[role="row"][data-current]')
  }

  selectedRows(): Locator {
    return this.table.locator('[role="row"][aria-selected="true"]')
  }

  /** Presses a key with the grid focused, as a moderator triaging does. */
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) await this.page.keyboard.press(key)
  }
}

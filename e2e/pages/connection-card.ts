import type { Locator, Page } from '@playwright/test'

/** Settings › Connection. */
export class ConnectionCard {
  readonly card: Locator
  readonly now: Locator
  readonly accounts: Locator
  readonly feedback: Locator
  readonly cloudForm: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.card = page.getByTestId('connection-card')
    this.now = page.getByTestId('connection-now')
    this.accounts = page.getByTestId('account-list')
    this.feedback = page.getByTestId('connection-feedback')
    this.cloudForm = page.getByTestId('cloud-form')
    this.dialog = page.getByTestId('confirm-dialog').and(page.locator('[open]'))
  }

  readonly connectSandbox = () => this.card.getByTestId('connect-sandbox')
  readonly resetSandbox = () => this.card.getByTestId('reset-sandbox')
  readonly disconnect = () => this.card.getByTestId('disconnect')
  readonly field = (label: string) => this.cloudForm.getByLabel(label, { exact: true })
}

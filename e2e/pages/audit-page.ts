import type { Locator, Page } from '@playwright/test'

/** The Audit view: filters, entries, export. */
export class AuditPage {
  readonly view: Locator
  readonly rows: Locator
  readonly count: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-audit')
    this.rows = page.getByTestId('audit-row')
    this.count = page.getByTestId('audit-count')
  }

  event(event: 'queued' | 'undone' | 'cancelled' | 'sent' | 'decided-elsewhere' | 'confirmed' | 'failed' | 'skipped'): Locator {
    return this.page.getByTestId(`audit-event-${event}`)
  }

  action(action: 'approve' | 'reject'): Locator {
    return this.page.getByTestId(`audit-action-${action}`)
  }
}

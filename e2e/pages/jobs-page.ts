import type { Locator, Page } from '@playwright/test'

/** The Jobs view: job cards, the open job's detail and its items. */
export class JobsPage {
  readonly view: Locator
  readonly cards: Locator
  readonly detail: Locator
  readonly items: Locator
  readonly status: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-jobs')
    this.cards = page.getByTestId('job-card')
    this.detail = page.getByTestId('job-detail')
    this.items = this.detail.getByTestId('job-item')
    this.status = this.detail.getByTestId('job-status').first()
  }

  count(name: 'done' | 'failed' | 'cancelled' | 'decided-elsewhere'): Locator {
    return this.detail.getByTestId(`job-${name}`)
  }

  itemFilter(filter: 'all' | 'failed' | 'pending' | 'done'): Locator {
    return this.detail.getByTestId(`job-items-filter-${filter}`)
  }
}

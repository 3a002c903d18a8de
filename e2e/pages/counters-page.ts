import { expect, type Locator, type Page } from '@playwright/test'

export type CounterOp = 'set' | 'increase' | 'decrease'

/** The Counters view: rate meter, the group tab (picker, values, change forms, history), dashboard, bulk set. */
export class CountersPage {
  readonly view: Locator
  readonly rateWrites: Locator
  readonly rateReads: Locator
  readonly picker: Locator
  readonly counters: Locator
  readonly history: Locator
  readonly dashboard: Locator
  readonly changeProblem: Locator
  readonly applyChange: Locator
  readonly addKey: Locator
  readonly addProblem: Locator
  readonly addSubmit: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-counters')
    this.rateWrites = page.getByTestId('rate-writes')
    this.rateReads = page.getByTestId('rate-reads')
    this.picker = page.getByTestId('counter-group-picker')
    this.counters = page.getByTestId('group-counters')
    this.history = page.getByTestId('counter-history')
    this.dashboard = page.getByTestId('counter-dashboard')
    this.changeProblem = page.getByTestId('counter-change-problem')
    this.applyChange = page.getByTestId('counter-apply')
    this.addKey = page.getByTestId('counter-add-key')
    this.addProblem = page.getByTestId('counter-add-problem')
    this.addSubmit = page.getByTestId('counter-add-submit')
  }

  tab(name: 'group' | 'dashboard' | 'bulk'): Locator {
    return this.page.getByTestId(`counters-tab-${name}`)
  }

  /** Picks a group the account administers by its ID (the list of every administered group, searched). */
  async pickGroup(groupID: string): Promise<void> {
    await this.tab('group').click()
    // The segmented control styles its radios away; its label takes the click.
    await this.page.getByTestId('picker-mode-administered').check({ force: true })
    await this.page.getByTestId('counter-group-search').fill(groupID)
    const option = this.picker.locator(`[data-testid=counter-group-option][data-group-id="${groupID}"]`)
    await option.click()
    await expect(option).toHaveAttribute('aria-selected', 'true')
    await expect(this.counters).toHaveAttribute('data-source', /service|cache/)
  }

  row(key: string): Locator {
    return this.counters.locator(`[data-testid=counter-row][data-key="${key}"]`)
  }

  value(key: string): Locator {
    return this.row(key).getByTestId('counter-value')
  }

  async selectKey(key: string): Promise<void> {
    await this.row(key).getByTestId('counter-key').click()
    await expect(this.history).toHaveAttribute('data-key', key)
  }

  async fillChange(op: CounterOp, amount: string): Promise<void> {
    await this.page.getByTestId(`counter-op-${op}`).check({ force: true })
    await this.page.getByTestId('counter-amount').fill(amount)
  }

  async change(op: CounterOp, amount: string): Promise<void> {
    await this.fillChange(op, amount)
    await this.applyChange.click()
    await expect(this.page.getByTestId('counter-change-done')).toBeVisible()
  }

  /** The meter's figure, as a number, from its data attribute. */
  async used(gauge: Locator): Promise<number> {
    return Number(await gauge.getAttribute('data-used'))
  }

  /** The chart's first-draw stamp: changes each time new history has been drawn. */
  async chartDrawnAt(): Promise<string | null> {
    return this.history.getAttribute('data-finished-at')
  }
}

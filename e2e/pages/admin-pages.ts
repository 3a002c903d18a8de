import { expect, type Locator, type Page } from '@playwright/test'

/** A group's detail as an administrator sees it: profile editor, lifecycle, members, attributes. */
export class GroupAdminPage {
  readonly view: Locator
  readonly profile: Locator
  readonly lifecycle: Locator
  readonly attributes: Locator
  readonly members: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-group-detail')
    this.profile = page.getByTestId('group-profile')
    this.lifecycle = page.getByTestId('lifecycle-card')
    this.attributes = page.getByTestId('attributes-card')
    this.members = page.getByTestId('group-members')
  }

  /** Opens a group's detail straight by its route (IDs may hold '#' and '@'). */
  async open(groupID: string): Promise<void> {
    const url = new URL(this.page.url())
    url.hash = `#/groups/${encodeURIComponent(groupID)}`
    await this.page.goto(url.toString())
    await expect(this.view.getByTestId('detail-group-id')).toHaveText(groupID, { timeout: 15_000 })
  }

  field(id: string): Locator {
    return this.profile.getByTestId(`field-${id}`)
  }

  /** The text control of a profile field, by its label. */
  input(label: string): Locator {
    return this.profile.getByLabel(label, { exact: true })
  }

  counter(id: string): Locator {
    return this.field(id).getByTestId('byte-counter')
  }

  readonly save = () => this.profile.getByTestId('profile-save')
  readonly lastRun = () => this.profile.getByTestId('run-panel').first()
}

/** Groups › Bulk edit and Groups › Runs of changes. */
export class BulkEditPage {
  readonly panel: Locator
  readonly preview: Locator
  readonly runs: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('bulk-edit')
    this.preview = page.getByTestId('bulk-preview')
    this.runs = page.getByTestId('runs-list')
  }

  tab(name: 'list' | 'bulk' | 'runs'): Locator {
    return this.page.getByTestId(`groups-tab-${name}`)
  }

  /** The run panel of the applied change (the first one; a rollback nests its own inside it). */
  readonly run = () => this.panel.getByTestId('run-panel').first()
  readonly rollbackRun = () => this.panel.getByTestId('rollback-result').getByTestId('run-panel')
}

import { expect, type Locator, type Page } from '@playwright/test'

export const SECTION_NAMES = ['inbox', 'groups', 'counters', 'jobs', 'audit', 'settings'] as const
export type Section = (typeof SECTION_NAMES)[number]

/** The console's frame: navigation, status bar, and the view in the middle. */
export class ConsoleShell {
  readonly statusBar: Locator
  readonly statusPhase: Locator

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar')
    this.statusPhase = page.getByTestId('status-phase')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.statusPhase).toBeVisible()
  }

  navLink(section: Section): Locator {
    return this.page.getByTestId(`nav-${section}`)
  }

  view(section: Section): Locator {
    return this.page.getByTestId(`view-${section}`)
  }

  async goTo(section: Section): Promise<Locator> {
    await this.navLink(section).click()
    await expect(this.view(section)).toBeVisible()
    return this.view(section)
  }

  /** First run: the one-click sandbox connection offered by an empty view, until the session is online. */
  async connectSandboxFromEmptyState(section: Exclude<Section, 'settings'> = 'groups'): Promise<void> {
    const view = await this.goTo(section)
    await view.getByTestId('first-run').getByRole('button', { name: 'Connect to the sandbox' }).click()
    await expect(this.statusPhase).toContainText('Online', { timeout: 15_000 })
  }

  /** Resolves when the running full pull has finished (the status bar shows a last sync time). */
  async waitForFirstSync(): Promise<void> {
    await expect(this.page.getByTestId('status-sync')).toContainText('Last sync', { timeout: 20_000 })
  }
}

/** The Settings view. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  readonly language = () => this.page.getByTestId('settings-language')
  readonly feedback = () => this.page.getByTestId('settings-feedback')

  theme(theme: 'system' | 'light' | 'dark'): Locator {
    return this.page.getByTestId(`settings-theme-${theme}`)
  }
}

// The per-account cache database's migrations, in order.
import type { Migration } from '../../db'
import * as createGroups from './0010-create-groups'
import * as createMembers from './0020-create-members'
import * as createApplications from './0030-create-applications'
import * as createAttributesAndCounters from './0040-create-attributes-and-counters'
import * as createSyncState from './0050-create-sync-state'
import * as createDecisionJournal from './0060-create-decision-journal'
import * as createApplicationSearch from './0070-create-application-search'
import * as createOperationsJournal from './0080-create-operations-journal'
import * as indexApplicationsForTheInbox from './0090-index-applications-for-the-inbox'
import * as searchApplicantsAndSortByGroup from './0100-search-applicants-and-sort-by-group'
import * as counterRunsAndDashboardIndex from './0110-counter-runs-and-dashboard-index'
import * as createCounterRollups from './0120-create-counter-rollups'

export const cacheMigrations: readonly Migration[] = [
  { version: 10, name: 'create-groups', up: createGroups.up },
  { version: 20, name: 'create-members', up: createMembers.up },
  { version: 30, name: 'create-applications', up: createApplications.up },
  { version: 40, name: 'create-attributes-and-counters', up: createAttributesAndCounters.up },
  { version: 50, name: 'create-sync-state', up: createSyncState.up },
  { version: 60, name: 'create-decision-journal', up: createDecisionJournal.up },
  { version: 70, name: 'create-application-search', up: createApplicationSearch.up },
  { version: 80, name: 'create-operations-journal', up: createOperationsJournal.up },
  { version: 90, name: 'index-applications-for-the-inbox', up: indexApplicationsForTheInbox.up },
  { version: 100, name: 'search-applicants-and-sort-by-group', up: searchApplicantsAndSortByGroup.up },
  { version: 110, name: 'counter-runs-and-dashboard-index', up: counterRunsAndDashboardIndex.up },
  { version: 120, name: 'create-counter-rollups', up: createCounterRollups.up },
]

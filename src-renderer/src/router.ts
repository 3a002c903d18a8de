import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

/** The sections of the console, in navigation order; Ctrl/⌘ + their position opens them. */
export const SECTIONS = [
  { name: 'inbox', path: '/inbox', component: () => import('./views/InboxView.vue') },
  { name: 'groups', path: '/groups', component: () => import('./views/GroupsView.vue') },
  { name: 'counters', path: '/counters', component: () => import('./views/CountersView.vue') },
  { name: 'jobs', path: '/jobs', component: () => import('./views/JobsView.vue') },
  { name: 'audit', path: '/audit', component: () => import('./views/AuditView.vue') },
  { name: 'settings', path: '/settings', component: () => import('./views/SettingsView.vue') },
] as const

export type SectionName = (typeof SECTIONS)[number]['name']

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/inbox' },
  ...SECTIONS.map(({ name, path, component }) => ({ name, path, component })),
  // A group's detail belongs to the Groups section (see SideNav's active state). Group IDs may hold '#'
  // and '@' (community IDs look like '@TGS#_…'); the router encodes them in the hash.
  { name: 'group-detail', path: '/groups/:groupID', component: () => import('./views/GroupDetailView.vue'), props: true },
  { path: '/:unknown(.*)*', redirect: '/inbox' },
]

/**
 * Created only after the socket bridge has read its token from the URL fragment: the hash history
 * rewrites the fragment as soon as it exists.
 */
export function createConsoleRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}

// English messages. The Chinese file must have exactly the same keys (a test checks).
export default {
  app: { title: 'Moderation Console', skipToContent: 'Skip to content' },
  nav: {
    label: 'Sections',
    inbox: 'Inbox',
    groups: 'Groups',
    counters: 'Counters',
    jobs: 'Jobs',
    audit: 'Audit',
    settings: 'Settings',
    shortcut: 'Shortcut: {keys}',
    openConnection: 'Open connection settings',
  },
  status: {
    label: 'Connection status',
    sandbox: 'Sandbox',
    cloud: 'Cloud',
    phase: {
      'signed-out': 'Not connected',
      connecting: 'Connecting…',
      ready: 'Online',
      offline: 'Offline',
      'kicked-out': 'Signed out by the service',
      'usersig-expired': 'UserSig expired',
    },
    lastSync: 'Last sync: {time}',
    neverSynced: 'Not synced yet',
    hostUnreachable: 'Console host unreachable — reconnecting…',
    loading: 'Loading…',
  },
  inbox: {
    title: 'Inbox',
    subtitle: 'Pending join requests and invitations from every group you moderate',
    emptyTitle: 'No applications to review',
    emptyBody:
      'Join requests and invitations that need approval, from every group where you are owner or admin, appear here as soon as the console has connected and synced. They stay readable offline.',
  },
  groups: {
    title: 'Groups',
    subtitle: 'Every group your account belongs to',
    emptyTitle: 'No groups cached yet',
    emptyBody:
      'Your groups — with their type, member count and your role — appear here after the first sync with the sandbox or your cloud account.',
  },
  counters: {
    title: 'Counters',
    subtitle: 'Live group counters and their history',
    emptyTitle: 'No counters to show',
    emptyBody:
      'Group counters (viewers, likes, gifts…) appear here with live values and history charts once a synced group you administer has at least one counter.',
  },
  jobs: {
    title: 'Jobs',
    subtitle: 'Bulk decisions and edits, with progress and per-item results',
    emptyTitle: 'No jobs yet',
    emptyBody:
      'When you approve or reject applications in bulk, or edit many groups at once, each run appears here with its progress, rate, per-item results and controls to pause, resume or retry.',
  },
  audit: {
    title: 'Audit',
    subtitle: 'Every decision made from this console',
    emptyTitle: 'Nothing recorded yet',
    emptyBody:
      'Each approval, rejection and group change made from this console appears here as soon as it is made — who, when, which group, and the service’s answer — and can be exported as CSV or JSONL.',
  },
  settings: {
    title: 'Settings',
    subtitle: 'Preferences of this installation',
    appearance: 'Appearance',
    language: 'Language',
    languageSystem: 'Follow the system',
    theme: 'Theme',
    themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
    saved: 'Saved',
    saveFailed: 'Could not save: {message}',
    connection: 'Connection',
    connectionBody:
      'The console connects to the sandbox (an emulator of the group service, no account needed) or to Tencent Cloud Chat with your SDKAppID, userID and userSig.',
    about: 'About',
    version: 'Version',
    host: 'Running in',
    hosts: { electron: 'Desktop app', browser: 'Browser host (127.0.0.1)' },
    dataDir: 'Data folder',
    schema: 'Database schema',
    shortcuts: 'Keyboard shortcuts',
    shortcutNavigate: 'Go to a section',
  },
  error: {
    title: 'Something went wrong',
    retry: 'Try again',
    code: 'Code {code}',
  },
}

// Deterministic demo data: the same seed number gives the same rows, byte for byte. Groups of all five types,
// members, pending applications with English and Chinese notes, attributes and counters (issue 3). Written
// straight into the store, bypassing the service's rules on purpose: at benchmark scale (5,000 groups) the
// moderator is in more groups than any edition allows a user to join (USER_GROUP_LIMITS), which a console
// must still cope with when an app admin assigns it.
import { APPLICATION_TYPES, GROUP_TYPES, INVITE_OPTIONS, JOIN_OPTIONS, MEMBER_ROLES, type GroupType } from '../sdk'
import { toSeconds } from './clock'
import { defaultJoinOption, defaultMaxMembers } from './rules'
import { intBetween, pick, seededRandom, type Random } from './random'
import type { EmulatorStore, GroupRow } from './store'

export interface DemoSeedOptions {
  /** Same number → same data. */
  seed?: number
  groups?: number
  applications?: number
  /** The console's demo account: owner or admin of every group that takes applications. */
  moderatorID?: string
  /** A second admin in many groups, for racing moderators. */
  secondModeratorID?: string
  /** Fixed start of the demo's timeline (ms): the data does not depend on when it was seeded. */
  baseTimeMs?: number
}

export const DEMO_SEED_DEFAULTS = {
  seed: 1,
  groups: 60,
  applications: 300,
  moderatorID: 'moderator',
  secondModeratorID: 'moderator2',
  baseTimeMs: Date.UTC(2025, 0, 1),
} as const satisfies Required<DemoSeedOptions>

const ENGLISH_NOTES = [
  'Hi! I would like to join the group.',
  'Found this group through a friend, hope to learn a lot.',
  'Long-time player, looking for a team.',
  'Please let me in, I am a member of the book club.',
  'I organise the weekend meetups in my city.',
  'Student here, interested in the topic.',
  '',
]
const CHINESE_NOTES = [
  '你好，我想加入这个群。',
  '朋友推荐的，希望能一起交流。',
  '老玩家了，求组队！',
  '我是读书会的成员，请通过一下，谢谢。',
  '周末活动的组织者，想进群联系大家。',
  '学生，对这个话题很感兴趣。',
  '您好，麻烦审核一下 🙏',
]
const ENGLISH_GROUP_WORDS = ['Hikers', 'Book Club', 'Game Night', 'Photography', 'Runners', 'Chess', 'Cooking', 'Support', 'Dev Talk', 'Music']
const CHINESE_GROUP_WORDS = ['徒步', '读书会', '游戏之夜', '摄影', '跑团', '象棋', '美食', '客服', '技术交流', '音乐']
const ENGLISH_NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy']
const CHINESE_NAMES = ['小明', '小红', '张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄蕾', '周杰', '吴昊']

/** Type mix: Public most (applications need approval there), every type present. */
const TYPE_CYCLE: readonly GroupType[] = [
  GROUP_TYPES.GRP_PUBLIC, GROUP_TYPES.GRP_PUBLIC, GROUP_TYPES.GRP_COMMUNITY, GROUP_TYPES.GRP_WORK, GROUP_TYPES.GRP_PUBLIC,
  GROUP_TYPES.GRP_MEETING, GROUP_TYPES.GRP_COMMUNITY, GROUP_TYPES.GRP_AVCHATROOM, GROUP_TYPES.GRP_PUBLIC, GROUP_TYPES.GRP_WORK,
]

export interface DemoSeedSummary {
  groups: number
  applications: number
  users: number
}

/** Seed an empty store. Does nothing (and returns null) when the store already holds groups. */
export function applyDemoSeed(store: EmulatorStore, options: DemoSeedOptions = {}): DemoSeedSummary | null {
  const o: Required<DemoSeedOptions> = { ...DEMO_SEED_DEFAULTS, ...options }
  if (store.stats().groups > 0 || store.getMeta('demoSeed') !== undefined) return null
  const random = seededRandom(o.seed)
  return store.transaction(() => {
    const userCount = Math.max(120, Math.ceil(o.applications / 8), o.groups)
    const users = makeUsers(store, random, userCount)
    store.ensureUser(o.moderatorID, 'Moderator 审核员')
    store.ensureUser(o.secondModeratorID, 'Second moderator 二号管理员')
    const groups: GroupRow[] = []
    for (let index = 0; index < o.groups; index++) groups.push(makeGroup(store, random, index, o, users))
    const approvalGroups = groups.filter((g) => g.join_option === JOIN_OPTIONS.JOIN_OPTIONS_NEED_PERMISSION)
    const applications = makeApplications(store, random, approvalGroups, users, o)
    store.setMeta('demoSeed', JSON.stringify({ seed: o.seed, groups: o.groups, applications: o.applications }))
    return { groups: groups.length, applications, users: users.length + 2 }
  })
}

function makeUsers(store: EmulatorStore, random: Random, count: number): string[] {
  const users: string[] = []
  for (let i = 1; i <= count; i++) {
    const userID = `user-${String(i).padStart(5, '0')}`
    const nick = random() < 0.5 ? `${pick(random, ENGLISH_NAMES)} ${i}` : `${pick(random, CHINESE_NAMES)}${i}`
    store.ensureUser(userID, nick)
    users.push(userID)
  }
  return users
}

function makeGroup(store: EmulatorStore, random: Random, index: number, o: Required<DemoSeedOptions>, users: string[]): GroupRow {
  const type = TYPE_CYCLE[index % TYPE_CYCLE.length] ?? GROUP_TYPES.GRP_PUBLIC
  const serial = String(index + 1).padStart(5, '0')
  const groupID = type === GROUP_TYPES.GRP_COMMUNITY ? `@TGS#_demo-${serial}` : `demo-${type.toLowerCase()}-${serial}`
  const chinese = random() < 0.4
  const name = chinese ? `${pick(random, CHINESE_GROUP_WORDS)}${index + 1}群` : `${pick(random, ENGLISH_GROUP_WORDS)} #${index + 1}`
  const createdMs = o.baseTimeMs + index * 3_600_000
  // The moderator owns most groups and is an admin of the rest, so every application reaches them.
  const ownedByModerator = type === GROUP_TYPES.GRP_WORK || random() < 0.6
  const owner = ownedByModerator ? o.moderatorID : pick(random, users)
  let joinOption = defaultJoinOption(type)
  if (type === GROUP_TYPES.GRP_COMMUNITY) joinOption = random() < 0.5 ? JOIN_OPTIONS.JOIN_OPTIONS_NEED_PERMISSION : JOIN_OPTIONS.JOIN_OPTIONS_FREE_ACCESS
  if (type === GROUP_TYPES.GRP_PUBLIC && random() < 0.1) joinOption = JOIN_OPTIONS.JOIN_OPTIONS_FREE_ACCESS
  const inviteOption =
    type === GROUP_TYPES.GRP_COMMUNITY && random() < 0.3 ? INVITE_OPTIONS.INVITE_OPTIONS_NEED_PERMISSION : INVITE_OPTIONS.INVITE_OPTIONS_FREE_ACCESS
  const group: GroupRow = {
    group_id: groupID,
    type,
    name,
    avatar: '',
    introduction: chinese ? '欢迎加入，请遵守群规。' : 'Welcome! Please read the rules before posting.',
    notification: chinese ? '本周六下午三点线下活动。' : 'Meetup this Saturday at 3 pm.',
    owner_id: owner,
    create_time: toSeconds(createdMs),
    last_info_time: toSeconds(createdMs),
    info_sequence: 1,
    max_member_count: defaultMaxMembers(type),
    member_count: 0,
    join_option: joinOption,
    invite_option: inviteOption,
    mute_all: 0,
    is_support_topic: type === GROUP_TYPES.GRP_COMMUNITY && random() < 0.2 ? 1 : 0,
    custom_fields: JSON.stringify(random() < 0.3 ? [{ key: 'region', value: pick(random, ['EU', 'APAC', '华东', '华南']) }] : []),
    attribute_sequence: 0,
    counter_sequence: 0,
  }
  store.insertGroup(group)
  const join = (userID: string, role: string, offsetSeconds: number): void => {
    if (store.getMember(groupID, userID)) return
    store.insertMember({ group_id: groupID, user_id: userID, role, join_time: group.create_time + offsetSeconds, name_card: '', mute_until: 0, custom_fields: '[]', last_send_msg_time: 0 })
    group.member_count++
  }
  join(owner, MEMBER_ROLES.GRP_MBR_ROLE_OWNER, 0)
  if (!ownedByModerator) join(o.moderatorID, MEMBER_ROLES.GRP_MBR_ROLE_ADMIN, 1)
  if (random() < 0.5) join(o.secondModeratorID, MEMBER_ROLES.GRP_MBR_ROLE_ADMIN, 2)
  const memberCount = type === GROUP_TYPES.GRP_AVCHATROOM ? intBetween(random, 1, 4) : intBetween(random, 3, 12)
  for (let i = 0; i < memberCount; i++) join(pick(random, users), MEMBER_ROLES.GRP_MBR_ROLE_MEMBER, 10 + i * 60)
  if (group.is_support_topic === 0 && random() < 0.4) {
    const attributeCount = intBetween(random, 1, 4)
    for (let i = 0; i < attributeCount; i++) store.putAttribute(groupID, `seat${i + 1}`, random() < 0.5 ? `user-${intBetween(random, 1, 99)}` : '空位')
    group.attribute_sequence = 1
  }
  if (group.is_support_topic === 0 && random() < 0.5) {
    store.putCounter(groupID, 'likes', BigInt(intBetween(random, 0, 50_000)))
    store.putCounter(groupID, 'viewers', BigInt(intBetween(random, 0, 2_000)))
    // One counter beyond 2^53 so the console's bigint path is always exercised.
    if (random() < 0.3) store.putCounter(groupID, 'gifts_total', 2n ** 60n + BigInt(intBetween(random, 0, 1_000_000)))
    group.counter_sequence = 1
  }
  store.updateGroup(group)
  return group
}

function makeApplications(store: EmulatorStore, random: Random, groups: GroupRow[], users: string[], o: Required<DemoSeedOptions>): number {
  if (groups.length === 0) return 0
  let created = 0
  let attempts = 0
  const baseMs = o.baseTimeMs + 30 * 86_400_000
  while (created < o.applications && attempts < o.applications * 20) {
    attempts++
    const group = groups[created % groups.length] ?? groups[0]
    if (!group) break
    const applicant = pick(random, users)
    if (store.getMember(group.group_id, applicant) || store.pendingApplicationOf(group.group_id, applicant, '')) continue
    const createdAt = baseMs + created * 97_000
    const invitation = group.type === GROUP_TYPES.GRP_COMMUNITY && group.invite_option === INVITE_OPTIONS.INVITE_OPTIONS_NEED_PERMISSION && random() < 0.3
    let invitee = ''
    if (invitation) {
      const members = store.memberIDs(group.group_id)
      const inviter = pick(random, members)
      invitee = applicant
      if (store.pendingApplicationOf(group.group_id, inviter, invitee)) continue
      store.insertApplication({
        authentication: `seed-${o.seed}-${created + 1}`, group_id: group.group_id, applicant: inviter, invitee, application_type: APPLICATION_TYPES.INVITATION,
        note: '', message_key: toSeconds(createdAt), created_at: createdAt, status: 'pending', handled_by: null, handled_at: null, handle_message: null,
      })
    } else {
      const note = random() < 0.5 ? pick(random, ENGLISH_NOTES) : pick(random, CHINESE_NOTES)
      store.insertApplication({
        authentication: `seed-${o.seed}-${created + 1}`, group_id: group.group_id, applicant, invitee: '', application_type: APPLICATION_TYPES.JOIN_REQUEST,
        note, message_key: toSeconds(createdAt), created_at: createdAt, status: 'pending', handled_by: null, handled_at: null, handle_message: null,
      })
    }
    created++
  }
  return created
}

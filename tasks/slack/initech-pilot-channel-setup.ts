/** Turn the Initech evaluation channel into the pilot channel: rename, topic, and the right people (a user group plus two colleagues by email). */
import { slackId } from '../../harness/services/slack/ids.ts';
import { COL, type SlackUsergroup } from '../../harness/services/slack/model.ts';
import { byTitle, COMPANY } from '../people.ts';
import { channelOf, msAgo, OWNER_SLACK_ID, plantChannel, plantMessage, sid, usergroupMembers } from '../support/slack.ts';
import { FactText, defineTask, may, type TaskApi } from '../sdk.ts';

const CSM = byTitle('Customer Success Manager');
const RESEARCHER = byTitle('UX Researcher');
const SE = byTitle('Sales Engineer');
const SPM = byTitle('Senior Product Manager');
const NEW_NAME = 'initech-pilot';
const TOPIC = 'Initech Health pilot: kickoff Mar 23, weekly sync Thursdays';

interface Manifest {
  channelId: string;
  /** The @sales-team roster. */
  salesTeam: string[];
  expectedMembers: string[];
}

/** The channel as an agent finds it: by name among private channels. */
function findChannel(api: TaskApi): string {
  const chans = api.call<{ channels: Array<{ id: string; name: string }> }>('slack.conversations.list', { types: 'private_channel' });
  return chans.channels.find((c) => c.name === 'initech-eval')!.id;
}

/** Member ids of the active group with this handle, read from usergroups.list. */
function groupUsers(api: TaskApi, handle: string, includeDisabled = false): string[] {
  const groups = api.call<{ usergroups: Array<{ handle: string; users: string[] }> }>('slack.usergroups.list', { include_users: true, ...(includeDisabled ? { include_disabled: true } : {}) });
  return groups.usergroups.find((g) => g.handle === handle)!.users;
}

const idByEmail = (api: TaskApi, email: string) => api.call<{ user: { id: string } }>('slack.users.lookupByEmail', { email }).user.id;

/** Words of a topic: case and punctuation do not matter, the words and numbers do. */
const topicWords = (s: string) => new FactText(s).words;

export default defineTask<Manifest>({
  id: 'initech-pilot-channel-setup',
  version: 2,
  title: 'Set up the Initech pilot channel',
  scenario: 'Rename the private #initech-eval channel, set its topic, and invite the @sales-team user group plus two colleagues given by email; a disabled lookalike "sales" group holds other people.',
  services: ['slack'],
  tags: ['family:core', 'channel-management', 'user-groups', 'invite'],
  category: 'single-service',
  difficulty: 'medium',
  instruction: `The Initech eval turned into a paid pilot. Can you rename #initech-eval to #${NEW_NAME}, set its topic to "${TOPIC}", and add the sales team user group plus ${CSM.email} and ${RESEARCHER.email}?`,
  seed({ ws }) {
    const channelId = plantChannel(ws, {
      name: 'initech-eval', kind: 'private', creator: OWNER_SLACK_ID, members: [OWNER_SLACK_ID, sid(SE), sid(SPM)], createdDaysAgo: 40,
      topic: 'Initech Health evaluation', purpose: 'Coordinating the Initech Health product evaluation.',
    });
    plantMessage(ws, { channel: channelId, user: sid(SE), at: msAgo(ws, 39), text: 'Sandbox for Initech is up; credentials went to their IT lead.' });
    plantMessage(ws, { channel: channelId, user: sid(SPM), at: msAgo(ws, 6), text: 'Initech signed the pilot order form! Kickoff is Monday the 23rd.' });
    // A disabled, older "sales" group with a different roster: only include_disabled shows it.
    const old = COMPANY.employees.filter((p) => p.team === 'Marketing').map(sid);
    const created = Math.floor(msAgo(ws, 300) / 1000);
    const id = slackId('S', 'task.usergroup', 1);
    ws.collection<SlackUsergroup>(COL.usergroups).set(id, {
      id, name: 'Sales (old)', handle: 'sales', description: 'Retired: use @sales-team', users: old, date_create: created, date_update: created + 86_400, date_delete: created + 86_400, created_by: OWNER_SLACK_ID,
    });
    const salesTeam = usergroupMembers(ws, 'sales-team');
    const expectedMembers = [...new Set([OWNER_SLACK_ID, sid(SE), sid(SPM), ...salesTeam, sid(CSM), sid(RESEARCHER)])].sort();
    return { channelId, salesTeam, expectedMembers };
  },
  scope: (m) => [
    may.change(COL.channels, ['modify'], { what: 'rename the channel, set its topic and add people', ids: [m.channelId], fields: ['name', 'previous_names', 'topic', 'members'] }),
    // The service records each rename, topic and join as a message in the channel; a welcome note there is fine too.
    may.post([m.channelId], 'post in the pilot channel'),
  ],
  checks(ctx) {
    const m = ctx.manifest;
    const ch = channelOf(ctx.ws, m.channelId);
    const members = new Set(ch?.members ?? []);
    const expected = new Set(m.expectedMembers);
    return [
      { id: 'renamed', description: `the channel is now #${NEW_NAME}`, weight: 0.2, passed: ch?.name === NEW_NAME && !ch.is_archived },
      { id: 'topic', description: 'the topic is the requested text (case and punctuation aside)', weight: 0.2, passed: ch !== undefined && topicWords(ch.topic.value) === topicWords(TOPIC) },
      { id: 'sales-team-added', description: 'every @sales-team member is in the channel', weight: 0.2, passed: m.salesTeam.every((u) => members.has(u)) },
      { id: 'two-colleagues-added', description: `${CSM.name} and ${RESEARCHER.name} are in the channel`, weight: 0.2, passed: members.has(sid(CSM)) && members.has(sid(RESEARCHER)) },
      {
        id: 'nobody-else', kind: 'guard', description: 'the members are exactly the old ones, @sales-team and the two colleagues (not the retired "sales" group)', weight: 0.2,
        passed: members.size === expected.size && [...expected].every((u) => members.has(u)),
      },
    ];
  },
  oracle(api) {
    const ch = findChannel(api);
    api.call('slack.conversations.rename', { channel: ch, name: NEW_NAME });
    api.call('slack.conversations.setTopic', { channel: ch, topic: TOPIC });
    const sales = groupUsers(api, 'sales-team');
    const a = idByEmail(api, CSM.email);
    const b = idByEmail(api, RESEARCHER.email);
    api.call('slack.conversations.invite', { channel: ch, users: sales.join(','), force: true });
    api.call('slack.conversations.invite', { channel: ch, users: `${a},${b}` });
  },
  alternatives: {
    'topic-first-then-one-invite-per-person'(api) {
      const ch = findChannel(api);
      api.call('slack.conversations.setTopic', { channel: ch, topic: TOPIC });
      api.call('slack.conversations.rename', { channel: ch, name: `#${NEW_NAME}` });
      const groups = api.call<{ usergroups: Array<{ id: string; handle: string }> }>('slack.usergroups.list', {});
      const sales = api.call<{ users: string[] }>('slack.usergroups.users.list', { usergroup: groups.usergroups.find((g) => g.handle === 'sales-team')!.id }).users;
      const people = api.call<{ members: Array<{ id: string; profile: { email?: string } }> }>('slack.users.list', { limit: 1000 }).members;
      const byEmail = (e: string) => people.find((u) => u.profile.email === e)!.id;
      const current = new Set(api.call<{ members: string[] }>('slack.conversations.members', { channel: ch }).members);
      for (const u of [...sales, byEmail(CSM.email), byEmail(RESEARCHER.email)]) {
        if (current.has(u)) continue;
        api.call('slack.conversations.invite', { channel: ch, users: u });
        current.add(u);
      }
    },
    'sets-up-and-welcomes-everyone'(api) {
      const ch = findChannel(api);
      api.call('slack.conversations.rename', { channel: ch, name: NEW_NAME });
      api.call('slack.conversations.setTopic', { channel: ch, topic: `${TOPIC}.` });
      const users = [...groupUsers(api, 'sales-team'), idByEmail(api, CSM.email), idByEmail(api, RESEARCHER.email)];
      api.call('slack.conversations.invite', { channel: ch, users: users.join(','), force: true });
      api.call('slack.chat.postMessage', { channel: ch, text: 'Welcome to the Initech Health pilot channel! Kickoff is Mar 23; weekly syncs on Thursdays.' });
      return `Renamed the channel to #${NEW_NAME}, set the topic and added @sales-team plus ${CSM.givenName} and ${RESEARCHER.givenName}.`;
    },
  },
  nearMisses: {
    'invites-the-retired-sales-group'(api) {
      const ch = findChannel(api);
      api.call('slack.conversations.rename', { channel: ch, name: NEW_NAME });
      api.call('slack.conversations.setTopic', { channel: ch, topic: TOPIC });
      const users = [...groupUsers(api, 'sales', true), idByEmail(api, CSM.email), idByEmail(api, RESEARCHER.email)];
      api.call('slack.conversations.invite', { channel: ch, users: users.join(','), force: true });
    },
    'paraphrases-the-topic'(api) {
      const ch = findChannel(api);
      api.call('slack.conversations.rename', { channel: ch, name: NEW_NAME });
      api.call('slack.conversations.setTopic', { channel: ch, topic: 'Initech pilot — kicks off 23 March, sync every Thursday' });
      const users = [...groupUsers(api, 'sales-team'), idByEmail(api, CSM.email), idByEmail(api, RESEARCHER.email)];
      api.call('slack.conversations.invite', { channel: ch, users: users.join(','), force: true });
    },
    'forgets-the-two-colleagues'(api) {
      const ch = findChannel(api);
      api.call('slack.conversations.rename', { channel: ch, name: NEW_NAME });
      api.call('slack.conversations.setTopic', { channel: ch, topic: TOPIC });
      api.call('slack.conversations.invite', { channel: ch, users: groupUsers(api, 'sales-team').join(','), force: true });
    },
  },
});

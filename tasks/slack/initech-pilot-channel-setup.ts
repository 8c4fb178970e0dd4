/** Turn the Initech evaluation channel into the pilot channel: rename, topic, and the right people (a user group plus two colleagues by email). */
import { defineTask } from '../../harness/core/index.ts';
import { scoreRubric } from '../../scorers/rubric.ts';
import { hasStateChange } from '../../scorers/state/actions.ts';
import { slackId } from '../../harness/services/slack/ids.ts';
import { COL, type SlackUsergroup } from '../../harness/services/slack/model.ts';
import { byTitle, COMPANY, OWNER } from '../people.ts';
import { agentPosts, changedChannels, channelOf, msAgo, OWNER_SLACK_ID, plantChannel, plantMessage, sid, usergroupMembers } from '../support/slack.ts';

const CSM = byTitle('Customer Success Manager');
const RESEARCHER = byTitle('UX Researcher');
const SE = byTitle('Sales Engineer');
const SPM = byTitle('Senior Product Manager');
const NEW_NAME = 'initech-pilot';
const TOPIC = 'Initech Health pilot: kickoff Mar 23, weekly sync Thursdays';

interface Manifest {
  channelId: string;
  expectedMembers: string[];
}

export default defineTask<Manifest>({
  id: 'initech-pilot-channel-setup',
  version: 1,
  title: 'Set up the Initech pilot channel',
  scenario: 'Rename the private #initech-eval channel, set its topic, and invite the @sales-team user group plus two colleagues given by email; a disabled lookalike "sales" group holds other people.',
  services: ['slack'],
  tags: ['channel-management', 'user-groups', 'invite'],
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
    const expectedMembers = [...new Set([OWNER_SLACK_ID, sid(SE), sid(SPM), ...usergroupMembers(ws, 'sales-team'), sid(CSM), sid(RESEARCHER)])].sort();
    return { channelId, expectedMembers };
  },
  oracle(api, m) {
    const chans = api.call<{ channels: Array<{ id: string; name: string }> }>('slack.conversations.list', { types: 'private_channel' });
    const ch = chans.channels.find((c) => c.name === 'initech-eval')!;
    api.call('slack.conversations.rename', { channel: ch.id, name: NEW_NAME });
    api.call('slack.conversations.setTopic', { channel: ch.id, topic: TOPIC });
    const groups = api.call<{ usergroups: Array<{ handle: string; users: string[] }> }>('slack.usergroups.list', { include_users: true });
    const sales = groups.usergroups.find((g) => g.handle === 'sales-team')!;
    const a = api.call<{ user: { id: string } }>('slack.users.lookupByEmail', { email: CSM.email }).user.id;
    const b = api.call<{ user: { id: string } }>('slack.users.lookupByEmail', { email: RESEARCHER.email }).user.id;
    api.call('slack.conversations.invite', { channel: ch.id, users: sales.users.join(','), force: true });
    api.call('slack.conversations.invite', { channel: ch.id, users: `${a},${b}` });
    void m;
  },
  score({ ws, diff, actions, manifest }) {
    const ch = channelOf(ws, manifest.channelId);
    const members = new Set(ch?.members ?? []);
    const expected = new Set(manifest.expectedMembers);
    const otherChannels = changedChannels(diff).filter((id) => id !== manifest.channelId);
    return scoreRubric({
      noAction: !hasStateChange(actions),
      checks: [
        { id: 'renamed', description: `the channel is now #${NEW_NAME}`, weight: 0.2, passed: ch?.name === NEW_NAME && !ch.is_archived },
        { id: 'topic', description: 'the topic is exactly the requested text', weight: 0.2, passed: ch?.topic.value.trim() === TOPIC },
        { id: 'sales-team-added', description: 'every @sales-team member is in the channel', weight: 0.2, passed: usergroupMembers(ws, 'sales-team').every((u) => members.has(u)) },
        { id: 'two-colleagues-added', description: `${CSM.name} and ${RESEARCHER.name} are in the channel`, weight: 0.2, passed: members.has(sid(CSM)) && members.has(sid(RESEARCHER)) },
        {
          id: 'nobody-else', description: 'nobody else was added or removed, no other channel changed and nothing was posted', weight: 0.2,
          passed: members.size === expected.size && [...expected].every((u) => members.has(u)) && otherChannels.length === 0 && agentPosts(diff).length === 0,
        },
      ],
    });
  },
});

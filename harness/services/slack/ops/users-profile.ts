/** users.profile.get / users.profile.set / users.setPhoto / users.deletePhoto: a member's profile and avatar. */
import { z } from 'zod';
import { stableHash, type OperationContext } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, findUser, usersCol, type Actor } from '../access.ts';
import { invalidArguments, slackError } from '../errors.ts';
import type { SlackProfile, SlackUser } from '../model.ts';
import { renderProfile } from '../render.ts';
import { slackOp } from '../define.ts';
import { PROFILE_FIELDS } from './team.ts';

/** Slack's limits: 100 characters of status text, 50 fields per call, 255 characters per field value. */
const MAX_STATUS = 100;
const MAX_FIELDS = 50;
const MAX_VALUE = 255;
/** Largest avatar upload accepted (bytes). */
const MAX_PHOTO = 8 * 1024 * 1024;

/** Profile keys a member may set on their own profile; `email` needs an admin. */
const STRING_KEYS = ['first_name', 'last_name', 'real_name', 'display_name', 'title', 'phone', 'pronouns', 'status_text', 'status_emoji', 'start_date'] as const;
type StringKey = (typeof STRING_KEYS)[number];

/** The `profile` argument: an object, or a JSON object in a form field; anything else is `invalid_profile`. */
function parseProfile(raw: unknown): Record<string, unknown> {
  let v = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      throw slackError('invalid_profile');
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw slackError('invalid_profile');
  return v as Record<string, unknown>;
}

/** The member whose profile a call changes: the caller; someone else only for admins (`not_admin`). */
function target(ctx: OperationContext, a: Actor, user: string | undefined): SlackUser {
  if (!user || user === a.user.id) return a.user;
  const u = findUser(ctx, user);
  if (!a.user.is_admin) throw slackError('not_admin');
  if (u.is_admin && !a.user.is_owner) throw slackError('cannot_update_admin_user');
  return u;
}

/** Applies profile changes with Slack's checks; returns the new profile record. */
function applyChanges(a: Actor, u: SlackUser, changes: Record<string, unknown>): SlackProfile {
  const keys = Object.keys(changes);
  if (keys.length > MAX_FIELDS) throw invalidArguments(`at most ${MAX_FIELDS} profile fields may be set at once`, 'profile');
  const next: SlackProfile = { ...u.profile };
  for (const key of keys) {
    const value = changes[key];
    if (key === 'email') {
      if (!a.user.is_admin) throw slackError('not_admin');
      if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(value)) throw slackError('invalid_profile');
      next.email = value;
    } else if (key === 'status_expiration') {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw slackError('invalid_profile');
      next.status_expiration = n;
    } else if (key === 'fields') {
      next.fields = customFields(u, value);
    } else if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw slackError('invalid_profile');
      if (value.length > MAX_VALUE) throw slackError('too_long');
      if (key === 'status_text' && value.length > MAX_STATUS) throw slackError('too_long');
      if (key === 'status_emoji' && value !== '' && !/^:[a-z0-9_+'-]{1,100}:$/.test(value)) throw slackError('invalid_profile');
      if ((key === 'first_name' || key === 'last_name' || key === 'real_name') && /^(slackbot|here|channel|everyone)$/i.test(value.trim())) throw slackError('reserved_name');
      (next as Record<StringKey, string | undefined>)[key as StringKey] = value;
    }
    // Keys Slack does not know (or cannot set, like avatar sizes) are ignored, as the API does.
  }
  if (('first_name' in changes || 'last_name' in changes) && !('real_name' in changes)) next.real_name = `${next.first_name} ${next.last_name}`.trim();
  if ('status_text' in changes && changes.status_text === '' && !('status_emoji' in changes)) next.status_emoji = '';
  return next;
}

/** The custom fields value: `{Xf…: {value, alt}}` for fields the workspace defines. */
function customFields(u: SlackUser, raw: unknown): NonNullable<SlackProfile['fields']> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw slackError('invalid_profile');
  const out = { ...u.profile.fields };
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!PROFILE_FIELDS.some((f) => f.id === id)) throw slackError('invalid_profile');
    const rec = (v ?? {}) as { value?: unknown; alt?: unknown };
    const value = typeof v === 'string' ? v : String(rec.value ?? '');
    if (value.length > MAX_VALUE) throw slackError('too_long');
    if (value === '') delete out[id];
    else out[id] = { value, alt: typeof rec.alt === 'string' ? rec.alt : '' };
  }
  return out;
}

function saveProfile(ctx: OperationContext, u: SlackUser, profile: SlackProfile): SlackUser {
  const next: SlackUser = { ...u, real_name: profile.real_name, profile, updated: Math.floor(ctx.ws.nowMs() / 1000) };
  usersCol(ctx).set(u.id, next);
  return next;
}

/** Image types Slack accepts for avatars, by their first bytes. */
function imageType(data: Buffer): 'png' | 'jpg' | 'gif' | undefined {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'gif';
  return undefined;
}

export const usersProfileOps = [
  slackOp({
    method: 'users.profile.get',
    kind: 'read',
    description: "A member's profile (default: the caller): names, title, email, phone, status, avatar images, custom fields.",
    params: z.object({ user: z.string().optional().describe('User id (default: the caller).'), include_labels: qBool('Include custom field labels.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const u = p.user ? findUser(ctx, p.user) : a.user;
      return { profile: renderProfile(u, a.team) };
    },
  }),
  slackOp({
    method: 'users.profile.set',
    kind: 'write',
    tokens: ['user'],
    description: "Sets fields of the caller's profile: a JSON `profile` object (first_name, last_name, display_name, title, phone, pronouns, status_text, status_emoji, status_expiration, fields), or one field as name + value. Everyone in the workspace sees the profile.",
    params: z.object({
      profile: z.unknown().optional().describe('JSON object of profile fields to set, e.g. {"status_text":"In a meeting","status_emoji":":calendar:"}.'),
      name: z.string().optional().describe('Name of a single field to set (instead of profile).'),
      value: z.string().optional().describe('Value of that single field.'),
      user: z.string().optional().describe("Id of the member to change (admins only; default: the caller)."),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const u = target(ctx, a, p.user);
      let changes: Record<string, unknown>;
      if (p.profile !== undefined && p.profile !== '') changes = parseProfile(p.profile);
      else if (p.name) changes = { [p.name]: p.value ?? '' };
      else throw slackError('invalid_profile');
      const next = saveProfile(ctx, u, applyChanges(a, u, changes));
      return { profile: renderProfile(next, a.team), username: next.name };
    },
  }),
  slackOp({
    method: 'users.setPhoto',
    kind: 'write',
    tokens: ['user'],
    description: "Sets the caller's avatar from an uploaded image (multipart field `image`: PNG, JPEG or GIF).",
    params: z.object({
      image: z.string().optional().describe('The image file (multipart/form-data upload).'),
      crop_x: z.coerce.number().int().optional().describe('Left of the square crop, in pixels.'),
      crop_y: z.coerce.number().int().optional().describe('Top of the square crop, in pixels.'),
      crop_w: z.coerce.number().int().optional().describe('Width (and height) of the crop, in pixels.'),
    }),
    handler: (ctx, p, media) => {
      const a = actor(ctx);
      if (!media || media.data.length === 0) throw invalidArguments('image is required (multipart/form-data)', 'image');
      if (media.data.length > MAX_PHOTO) throw slackError('too_large');
      const type = imageType(media.data);
      if (!type) throw slackError('bad_image');
      if (p.crop_w !== undefined && p.crop_w < 1) throw slackError('invalid_arguments');
      const hash = stableHash(media.data.toString('base64')).slice(0, 12);
      const day = new Date(ctx.ws.nowMs()).toISOString().slice(0, 10);
      const image48 = `https://avatars.slack-edge.com/${day}/${a.user.id.slice(1)}_${hash}_48.${type}`;
      const next = saveProfile(ctx, a.user, { ...a.user.profile, image_48: image48, avatar_hash: hash, is_custom_image: true });
      const profile = renderProfile(next, a.team);
      const keys = ['avatar_hash', 'image_24', 'image_32', 'image_48', 'image_72', 'image_192', 'image_512', 'image_1024', 'image_original'];
      return { profile: Object.fromEntries(keys.map((k) => [k, profile[k]])) };
    },
  }),
  slackOp({
    method: 'users.deletePhoto',
    kind: 'write',
    tokens: ['user'],
    description: "Removes the caller's avatar photo (back to the default avatar).",
    params: z.object({}),
    handler: (ctx) => {
      const a = actor(ctx);
      const hash = `g${stableHash(`slack.avatar:${a.user.id}`).slice(1, 12)}`;
      const { is_custom_image: _c, ...rest } = a.user.profile;
      saveProfile(ctx, a.user, { ...rest, avatar_hash: hash, image_48: `https://secure.gravatar.com/avatar/${hash}.jpg?s=48&d=https%3A%2F%2Fa.slack-edge.com%2Fdf10d%2Fimg%2Favatars%2Fava_0010-48.png` });
      return {};
    },
  }),
];

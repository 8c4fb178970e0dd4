/** The fixed colour palette Google Calendar serves from colors.get. */

const CALENDAR_BG = [
  '#ac725e', '#d06b64', '#f83a22', '#fa573c', '#ff7537', '#ffad46', '#42d692', '#16a765', '#7bd148', '#b3dc6c', '#fbe983', '#fad165',
  '#92e1c0', '#9fe1e7', '#9fc6e7', '#4986e7', '#9a9cff', '#b99aff', '#c2c2c2', '#cabdbf', '#cca6ac', '#f691b2', '#cd74e6', '#a47ae2',
];
const EVENT_BG = ['#a4bdfc', '#7ae7bf', '#dbadff', '#ff887c', '#fbd75b', '#ffb878', '#46d6db', '#e1e1e1', '#5484ed', '#51b749', '#dc2127'];

function table(bgs: readonly string[], fg: string): Record<string, { background: string; foreground: string }> {
  return Object.fromEntries(bgs.map((background, i) => [String(i + 1), { background, foreground: fg }]));
}

/** Calendar colours by id ('1'..'24'). */
export const CALENDAR_COLORS = table(CALENDAR_BG, '#1d1d1d');
/** Event colours by id ('1'..'11'). */
export const EVENT_COLORS = table(EVENT_BG, '#1d1d1d');

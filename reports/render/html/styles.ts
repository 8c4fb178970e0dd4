/** The static site's stylesheet (inlined into index.html; no web fonts, no network). */
export const SITE_CSS = String.raw`
:root { --bg:#f6f7f9; --card:#fff; --ink:#111827; --muted:#6b7280; --line:#e5e7eb; --accent:#2563eb; --bad:#dc2626; --good:#059669; --warn:#b45309;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:var(--ink); background:var(--bg); }
header.top { background:#0f172a; color:#e2e8f0; padding:18px 32px 0; }
header.top h1 { margin:0; font-size:20px; font-weight:650; letter-spacing:.2px; }
header.top h1 span { color:#93c5fd; font-weight:500; }
header.top .sub { color:#94a3b8; font-size:13px; margin:4px 0 12px; }
nav.tabs { display:flex; gap:4px; flex-wrap:wrap; }
nav.tabs a { color:#cbd5e1; text-decoration:none; padding:8px 14px; border-radius:8px 8px 0 0; font-size:13px; font-weight:500; }
nav.tabs a:hover { background:#1e293b; color:#fff; }
nav.tabs a.active { background:var(--bg); color:var(--ink); }
main { padding:24px 32px 48px; max-width:1500px; }
section.card { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:20px 22px; margin-bottom:22px; box-shadow:0 1px 2px rgba(15,23,42,.04); }
section.card > h2 { margin:0 0 4px; font-size:16px; }
section.card > p.lead { margin:0 0 14px; color:var(--muted); font-size:13px; }
h3 { font-size:14px; margin:18px 0 8px; }
.muted { color:var(--muted); }
.mono { font-family:var(--mono); font-size:12.5px; }
.strong { font-weight:600; }
.stats { display:flex; gap:14px; flex-wrap:wrap; margin-bottom:22px; }
.stat { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:12px 16px; min-width:150px; }
.stat b { display:block; font-size:20px; font-weight:650; }
.stat span { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.4px; }
.scroll { overflow-x:auto; max-width:100%; }
/* The first column of a wide table stays in view while the rest scrolls inside the card. */
table.data .sticky, table.heatmap .sticky { position:sticky; left:0; z-index:2; background:var(--card); }
table.data thead .sticky { background:#f9fafb; z-index:3; }
table.data tbody tr:hover .sticky { background:#f8fafc; }
th.entry { text-align:left; font-weight:400; min-width:200px; max-width:280px; white-space:normal; box-shadow: 1px 0 0 var(--line); }
th.entry .en-model { font-weight:600; overflow-wrap:anywhere; }
th.entry .en-sub { display:block; color:var(--muted); font-size:11.5px; font-family:var(--mono); overflow-wrap:anywhere; }
tr.reference th.entry .en-model { color:var(--muted); }
.badge.ref { background:#f1f5f9; color:#475569; border:1px dashed #94a3b8; font-weight:500; margin-left:4px; }
table.data { border-collapse:collapse; width:100%; font-size:13px; }
table.data th, table.data td { padding:6px 8px; border-bottom:1px solid var(--line); text-align:left; white-space:nowrap; }
table.data th.entry { white-space:normal; }
table.data thead th { font-size:11.5px; text-transform:uppercase; letter-spacing:.4px; color:var(--muted); font-weight:600; background:#f9fafb; position:sticky; top:0; }
table.data td.num, table.data th.num { text-align:right; font-variant-numeric:tabular-nums; }
table.data tbody tr:hover { background:#f8fafc; }
table.sortable th { cursor:pointer; user-select:none; }
table.sortable th:hover { color:var(--ink); }
.sort-mark { display:inline-block; width:10px; margin-left:3px; }
th[aria-sort=ascending] .sort-mark::after { content:"▲"; font-size:9px; }
th[aria-sort=descending] .sort-mark::after { content:"▼"; font-size:9px; }
.ci { display:block; color:var(--muted); font-size:11px; }
tr.not-comparable td { color:var(--muted); font-style:italic; }
tr.sep td { background:#f0fdf4; }
.badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:11.5px; font-weight:600; background:#e0e7ff; color:#3730a3; }
.badge.t2 { background:#dcfce7; color:#166534; } .badge.t3 { background:#fef3c7; color:#92400e; } .badge.t4 { background:#fce7f3; color:#9d174d; }
.badge.t5 { background:#e0f2fe; color:#075985; } .badge.t6 { background:#f3f4f6; color:#374151; } .badge.nc { background:#f3f4f6; color:#6b7280; }
.badge.ok { background:#dcfce7; color:#166534; } .badge.bad { background:#fee2e2; color:#991b1b; } .badge.mid { background:#fef3c7; color:#92400e; }
svg.forest { max-width:100%; height:auto; font-size:12px; }
.fp-title { font-weight:600; fill:#374151; } .fp-axis { fill:#6b7280; font-size:11px; } .fp-grid { stroke:#e5e7eb; }
.fp-band { fill:#f9fafb; } .fp-label { fill:#111827; font-weight:600; } .fp-label.fp-ref { fill:#6b7280; font-weight:400; } .fp-sub { fill:#6b7280; font-size:10.5px; } .fp-ci { stroke-width:2.5; stroke-linecap:round; opacity:.55; } .fp-nc { opacity:.35; }
.hm-wrap { overflow-x:auto; padding-bottom:6px; }
.hm-count { margin:0 0 6px; font-size:12px; }
table.heatmap { border-collapse:separate; border-spacing:2px; font-size:12px; }
table.heatmap th.entry { min-width:180px; max-width:240px; padding-right:8px; }
table.heatmap th.rot { height:150px; vertical-align:bottom; padding:0; min-width:16px; }
table.heatmap th.rot span { display:inline-block; writing-mode:vertical-rl; transform:rotate(180deg); font-weight:400; font-size:11px; line-height:16px; color:#4b5563; font-family:var(--mono); white-space:nowrap; }
td.hm { width:16px; min-width:16px; height:18px; border-radius:3px; position:relative; cursor:pointer; background: color-mix(in srgb, #059669 calc(var(--s) * 100%), #f1f5f9); }
td.hm:hover { outline:2px solid var(--ink); }
td.hm i { position:absolute; right:0; top:0; width:0; height:0; border-top:9px solid var(--bad); border-left:9px solid transparent; }
td.hm.empty { background:transparent; cursor:default; }
.legend { color:var(--muted); font-size:12px; } .legend .sw { display:inline-block; width:12px; height:12px; border-radius:2px; vertical-align:-2px; margin:0 3px 0 8px; background: color-mix(in srgb, #059669 calc(var(--s) * 100%), #f1f5f9); }
.legend .sw.unsafe { background:var(--bad); }
table.breakdown { width:auto; min-width:60%; }
table.breakdown td .uar { color:var(--bad); margin-left:6px; } table.breakdown td .n { display:block; color:var(--muted); font-size:11px; }
.cols { display:grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap:24px; }
ul.warnings { margin:0; padding-left:18px; color:var(--warn); }
.viewer { display:grid; grid-template-columns: 300px minmax(0, 1fr); gap:18px; min-height:520px; }
/* Record ids and arguments can be hundreds of characters without a space: they wrap, never push the card wider. */
.viewer, .viewer * { min-width:0; overflow-wrap:anywhere; }
.picker { border-right:1px solid var(--line); padding-right:14px; }
.picker select, .picker input { width:100%; margin-bottom:8px; padding:6px 8px; border:1px solid var(--line); border-radius:8px; font:inherit; background:#fff; }
.trial-list { max-height:560px; overflow:auto; display:flex; flex-direction:column; gap:4px; }
.trial-list button { text-align:left; border:1px solid var(--line); border-radius:8px; background:#fff; padding:6px 9px; cursor:pointer; font:inherit; font-size:12.5px; }
.trial-list button:hover { border-color:#93c5fd; } .trial-list button.active { border-color:var(--accent); background:#eff6ff; }
.trial-list .t { font-family:var(--mono); font-size:12px; display:block; } .trial-list .e { color:var(--muted); font-size:11.5px; }
.tv-empty { color:var(--muted); padding:40px; text-align:center; }
.tv-head { display:flex; flex-wrap:wrap; align-items:center; gap:10px; margin-bottom:10px; }
.tv-head h3 { margin:0; font-family:var(--mono); font-size:14px; }
.tv-meta { color:var(--muted); font-size:12.5px; margin-bottom:12px; }
.tv-grid { display:grid; grid-template-columns: minmax(0, 1.6fr) minmax(0, 1fr); gap:16px; }
.tv-meta, .rubric li, .change .ref { word-break:break-word; }
.stepper { display:flex; align-items:center; gap:8px; margin-bottom:10px; }
.stepper button { border:1px solid var(--line); background:#fff; border-radius:8px; padding:5px 12px; cursor:pointer; font:inherit; }
.stepper button:disabled { opacity:.4; cursor:default; }
.strip { display:flex; flex-wrap:wrap; gap:3px; margin-bottom:12px; }
.strip button { width:22px; height:22px; border-radius:5px; border:1px solid var(--line); cursor:pointer; font-size:10px; padding:0; background:#fff; color:var(--muted); }
.strip button.assistant { background:#eff6ff; } .strip button.tool { background:#f8fafc; } .strip button.user { background:#fefce8; } .strip button.system { background:#f3f4f6; }
.strip button.write { box-shadow: inset 0 -3px 0 var(--warn); } .strip button.err { box-shadow: inset 0 -3px 0 var(--bad); }
.strip button.cur { outline:2px solid var(--accent); color:var(--ink); }
.step { border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
.step .role { font-size:11px; text-transform:uppercase; letter-spacing:.5px; font-weight:700; color:var(--muted); margin-bottom:6px; }
.step pre, .change pre { white-space:pre-wrap; word-break:break-word; margin:0; font-family:var(--mono); font-size:12px; background:#f8fafc; border-radius:6px; padding:8px 10px; }
.call { margin-top:10px; } .call .name { font-family:var(--mono); font-weight:600; font-size:12.5px; }
.action { margin-top:12px; border-left:3px solid var(--line); padding-left:10px; } .action.write { border-left-color:var(--warn); }
.action .op { font-family:var(--mono); font-weight:600; font-size:12.5px; }
table.diff { border-collapse:collapse; width:100%; margin-top:6px; font-size:12px; table-layout:fixed; }
table.diff th, table.diff td { border:1px solid var(--line); padding:4px 6px; vertical-align:top; text-align:left; word-break:break-word; font-family:var(--mono); }
table.diff th { background:#f9fafb; font-family:inherit; font-weight:600; width:22%; }
table.diff td.before { background:#fef2f2; } table.diff td.after { background:#f0fdf4; }
.change { margin-top:8px; } .change .ref { font-family:var(--mono); font-size:12px; }
.rubric { border:1px solid var(--line); border-radius:10px; padding:12px 14px; align-self:start; }
.rubric ul { list-style:none; margin:0; padding:0; }
.rubric li { padding:5px 0; border-bottom:1px dashed var(--line); font-size:13px; }
.rubric li.fail { color:#991b1b; } .rubric li.pass { color:#166534; }
.rubric .w { float:right; color:var(--muted); font-variant-numeric:tabular-nums; }
.rubric .fired { background:#fef2f2; border:1px solid #fecaca; border-radius:8px; padding:8px 10px; margin:8px 0; color:#7f1d1d; }
.rubric a { color:var(--accent); cursor:pointer; }
footer { color:var(--muted); font-size:12px; padding:0 32px 32px; }
@media (max-width: 1000px) { .viewer, .tv-grid, .cols { grid-template-columns: minmax(0, 1fr); } .picker { border-right:0; padding-right:0; } .trial-list { max-height:260px; } }
@media (max-width: 640px) {
  header.top { padding:14px 14px 0; } main { padding:14px 12px 32px; } footer { padding:0 14px 24px; }
  section.card { padding:14px 12px; border-radius:10px; }
  .stats { display:grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap:10px; }
  .stat { min-width:0; } .stat b { font-size:16px; overflow-wrap:anywhere; }
  th.entry { max-width:150px; } table.heatmap th.entry { min-width:120px; max-width:150px; }
  nav.tabs a { padding:8px 10px; }
}
`;

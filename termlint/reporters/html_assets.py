"""The inline stylesheet and script of the HTML review report (no external resources)."""

CSS = r"""
:root { --ink:#1b1f24; --muted:#59636e; --line:#d0d7de; --paper:#ffffff; --wash:#f6f8fa;
  --err:#b3261e; --err-bg:#fde7e6; --warn:#8a5300; --warn-bg:#fff0c7; --info:#0b57a4; --info-bg:#e3efff;
  --mention:#5b4b8a; --focus:#0b57a4; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: var(--wash);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--info); }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
header.top { background: #0d2a4a; color: #fff; padding: 1rem 1.5rem; }
header.top h1 { margin: 0; font-size: 1.35rem; font-weight: 650; }
header.top p { margin: .25rem 0 0; color: #d7e3f0; font-size: .92rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.25rem; padding: 1.25rem 1.5rem;
  max-width: 96rem; margin: 0 auto; }
@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } #detail { position: static !important; } }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem;
  margin-bottom: 1.25rem; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; word-break: break-all; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
.errors { border-left: 4px solid var(--err); }
.errors li { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .75rem; padding: .5rem .75rem; }
legend { font-weight: 600; font-size: .9rem; padding: 0 .25rem; }
.filters label { display: inline-flex; align-items: center; gap: .35rem; margin: .15rem 1rem .15rem 0;
  font-size: .92rem; cursor: pointer; }
.filters input { width: 1.05rem; height: 1.05rem; accent-color: var(--focus); }
.shown { color: var(--muted); font-size: .9rem; margin: .25rem 0 0; }
.summary { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.summary table { border-collapse: collapse; font-size: .92rem; }
.summary th, .summary td { text-align: left; padding: .15rem .75rem .15rem 0; }
.summary td.n { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.chart text { font-size: 12px; fill: var(--ink); }
.badge { display: inline-block; min-width: 4.6rem; text-align: center; border-radius: 999px; padding: 0 .5rem;
  font-size: .8rem; font-weight: 650; border: 1px solid currentColor; }
.badge.sev-error { color: var(--err); background: var(--err-bg); }
.badge.sev-warning { color: var(--warn); background: var(--warn-bg); }
.badge.sev-info { color: var(--info); background: var(--info-bg); }
table.findings { width: 100%; border-collapse: collapse; font-size: .9rem; }
table.findings th { text-align: left; border-bottom: 2px solid var(--line); padding: .3rem .5rem; position: sticky; top: 0;
  background: var(--paper); }
table.findings td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; }
table.findings td.where { white-space: nowrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
table.findings td.where a { text-decoration: none; }
table.findings .msg { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
table.findings td.code { white-space: nowrap; }
.findings-wrap { max-height: 22rem; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
.ref { color: var(--muted); font-size: .85rem; }
.toolbar { display: flex; gap: 1rem; align-items: center; margin: .5rem 0; font-size: .92rem; }
.text { font-family: Charter, "Bitstream Charter", "Noto Serif", "DejaVu Serif", Georgia, serif; font-size: 1.02rem;
  line-height: 1.65; border-top: 1px solid var(--line); padding-top: .5rem; }
.ln { display: grid; grid-template-columns: 4.5rem minmax(0, 1fr); gap: .75rem; }
.ln .no { color: var(--muted); text-align: right; font: .78rem/2.1 ui-monospace, "DejaVu Sans Mono", monospace;
  user-select: none; }
.ln .tx { white-space: pre-wrap; overflow-wrap: anywhere; }
.part { font: 600 .8rem/1.4 system-ui, sans-serif; color: var(--muted); text-transform: uppercase; letter-spacing: .04em;
  margin: .9rem 0 .2rem 5.25rem; }
.gap { display: none; color: var(--muted); font: .82rem system-ui, sans-serif; margin: .25rem 0 .25rem 5.25rem; }
.only-hits .ln.q, .only-hits .part.q { display: none; }
.only-hits .gap { display: block; }
.ln .ex { display: none; }
.only-hits .ln.long .full { display: none; }
.only-hits .ln.long .ex { display: block; }
.ex .cut { display: block; height: .35rem; }
mark.f { color: inherit; border-radius: 3px; padding: 0 1px; cursor: pointer; border-bottom: 2px solid; }
mark.f.sev-error { background: var(--err-bg); border-color: var(--err); }
mark.f.sev-warning { background: var(--warn-bg); border-color: var(--warn); }
mark.f.sev-info { background: var(--info-bg); border-color: var(--info); }
mark.f.mention { background: transparent; border-bottom: 2px dotted var(--mention); }
mark.f:focus-visible, mark.f.current { outline: 3px solid var(--focus); outline-offset: 1px; }
mark.f.off { background: transparent; border-color: transparent; cursor: text; }
tr.off { display: none; }
#detail { position: sticky; top: 1rem; align-self: start; }
#detail .empty { color: var(--muted); }
#detail dl { margin: 0; font-size: .92rem; }
#detail dt { font-weight: 650; margin-top: .6rem; }
#detail dd { margin: .1rem 0 0; }
#detail .match { font-family: Charter, "Noto Serif", Georgia, serif; font-size: 1.05rem; }
#detail ul { margin: .2rem 0 0; padding-left: 1.1rem; }
.legend { font-size: .85rem; color: var(--muted); }
.legend mark { cursor: default; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .skip, .filters, .toolbar, #detail, .no-print { display: none !important; }
  header.top { background: none; color: #000; border-bottom: 2px solid #000; padding: 0 0 .5rem; }
  header.top p { color: #333; }
  .layout { display: block; padding: 0; }
  .card { border: none; padding: 0; margin: 0 0 1rem; page-break-inside: auto; }
  .findings-wrap { max-height: none; overflow: visible; border: none; }
  table.findings th { position: static; }
  .ln { break-inside: avoid; }
  .only-hits .ln.q { display: grid; }
  .only-hits .ln.long .full { display: block; }
  .only-hits .ln.long .ex { display: none; }
  .gap, .only-hits .gap { display: none; }
  mark.f { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark.f::after { content: " [" attr(data-code) "]"; font: 600 7.5pt system-ui, sans-serif; vertical-align: super; }
  mark.f.off::after { content: none; }
  section.doc + section.doc { break-before: page; }
  table.findings .msg { display: block; -webkit-line-clamp: unset; overflow: visible; }
  table.findings td.where { white-space: normal; width: 9rem; }
}
"""

JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("termlint-data").textContent);
  var findings = data.findings;
  var detail = document.getElementById("detail-body");
  var current = null;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "" || (value.length === 0)) return;
    dl.appendChild(el("dt", term));
    var dd = el("dd");
    if (Array.isArray(value)) {
      var ul = el("ul");
      value.forEach(function (v) { ul.appendChild(el("li", v)); });
      dd.appendChild(ul);
    } else { dd.textContent = value; }
    dl.appendChild(dd);
  }
  function sourceText(s) {
    return [s.title, s.edition, s.section].filter(Boolean).join(", ") + (s.confidence ? " (" + s.confidence + ")" : "");
  }
  function show(id, focusMark) {
    var f = findings[id];
    if (!f) return;
    if (current !== null) {
      document.querySelectorAll('mark[data-f~="' + current + '"]').forEach(function (m) { m.classList.remove("current"); });
    }
    current = id;
    var marks = document.querySelectorAll('mark[data-f~="' + id + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    detail.textContent = "";
    var head = el("p");
    head.appendChild(el("span", f.severity, "badge sev-" + f.severity));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", f.code, "code"));
    detail.appendChild(head);
    var dl = el("dl");
    row(dl, "Found", f.match);
    dl.lastChild.classList.add("match");
    row(dl, "Message", f.message);
    if (f.fix !== null) row(dl, "Fix (safe to apply)", f.fix);
    else if (f.suggestions.length && f.category !== "mention") row(dl, "Suggestion (review by hand)", f.suggestions);
    row(dl, "Why", f.rationale);
    row(dl, "Sources", f.sources.map(sourceText));
    var where = f.path + ":" + f.line + ":" + f.column;
    var loc = f.location || {};
    var bits = [loc.provision, loc.part, loc.paragraph ? "paragraph " + loc.paragraph : null, loc.eId || loc.id]
      .filter(Boolean);
    row(dl, "Where", where + (bits.length ? " — " + bits.join(" · ") : ""));
    row(dl, "Category", f.category);
    detail.appendChild(dl);
    var target = Array.prototype.find.call(marks, function (m) { return m.offsetParent !== null; });
    if (focusMark && target) {
      target.scrollIntoView({block: "center"});
      target.focus({preventScroll: true});
    }
  }
  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark.f[data-f]");
    if (mark && !mark.classList.contains("off")) { show(mark.dataset.f.split(" ")[0], false); return; }
    var link = ev.target.closest("a[data-goto]");
    if (link) { ev.preventDefault(); show(link.dataset.goto, true); }
  });
  document.addEventListener("keydown", function (ev) {
    var mark = ev.target.closest && ev.target.closest("mark.f[data-f]");
    if (mark && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(mark.dataset.f.split(" ")[0], false); }
  });

  var boxes = document.querySelectorAll(".filters input[type=checkbox]");
  function applyFilters() {
    var off = {};
    boxes.forEach(function (b) { if (!b.checked) off[b.dataset.kind + ":" + b.value] = true; });
    var shown = 0;
    var visible = {};
    findings.forEach(function (f, i) {
      var on = !off["severity:" + f.severity] && !off["category:" + f.category];
      visible[i] = on;
      if (on) shown += 1;
    });
    document.querySelectorAll("mark.f[data-f]").forEach(function (m) {
      var ids = m.dataset.f.split(" ");
      var on = ids.some(function (i) { return visible[i]; });
      m.classList.toggle("off", !on);
      if (on) m.setAttribute("tabindex", "0"); else m.removeAttribute("tabindex");
    });
    document.querySelectorAll("tr[data-f]").forEach(function (r) { r.classList.toggle("off", !visible[r.dataset.f]); });
    document.getElementById("shown").textContent = "Showing " + shown + " of " + findings.length + " findings.";
  }
  function fromHash() {  // report.html#severity=error,warning&category=outdated-term preselects the filters
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    boxes.forEach(function (b) {
      var wanted = params.get(b.dataset.kind);
      if (wanted !== null) b.checked = wanted.split(",").indexOf(b.value) >= 0;
    });
  }
  function toHash() {
    var params = new URLSearchParams();
    ["severity", "category"].forEach(function (kind) {
      var all = document.querySelectorAll('.filters input[data-kind="' + kind + '"]');
      var on = Array.prototype.filter.call(all, function (b) { return b.checked; });
      if (on.length !== all.length) params.set(kind, on.map(function (b) { return b.value; }).join(","));
    });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  boxes.forEach(function (b) { b.addEventListener("change", function () { applyFilters(); toHash(); }); });
  if (/(^#|&)(severity|category)=/.test(location.hash)) fromHash();
  var asked = new URLSearchParams(location.hash.replace(/^#/, "")).get("finding");  // report.html#finding=3
  if (asked !== null && findings[asked]) window.addEventListener("load", function () { show(asked, true); });
  document.querySelectorAll("input.only-hits").forEach(function (box) {
    var section = document.getElementById(box.dataset.target);
    function sync() { section.classList.toggle("only-hits", box.checked); }
    box.addEventListener("change", sync);
    sync();
  });
  applyFilters();
  document.documentElement.dataset.ready = "true";
})();
"""

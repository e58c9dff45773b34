// The review page: paste or open an article, see the findings in place, accept or dismiss them.
// Plain script, no build step. The copy goes only to this server's /v1/check and /v1/fix.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text"), format = $("format"), article = $("article"), list = $("findings");
  const status = $("status"), ruleFilter = $("rule"), count = $("count");
  const state = { diagnostics: [], checkedText: null, dismissed: new Set(), current: -1, shown: [], timer: null, seq: 0, word: null };
  const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const NOT_FIXED = "Fixes are not written back into a Word document: make them in Word (or choose another format to edit its text here).";

  // Offsets from the server count characters (code points); JavaScript strings count UTF-16 units.
  function unitOffsets(s) {
    if (!/[\uD800-\uDFFF]/.test(s)) return null;
    const map = [];
    let unit = 0;
    for (const ch of s) { map.push(unit); unit += ch.length; }
    map.push(unit);
    return map;
  }

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  function headers(type) {
    const h = { "Content-Type": type || "application/json" };
    const token = sessionStorage.getItem("newslint-token");
    if (token) h.Authorization = "Bearer " + token;
    return h;
  }

  // A JSON request, or (a Word file) the file itself as a raw upload, its name in Content-Disposition.
  async function post(path, body) {
    let init;
    if (body instanceof File) {
      const h = headers(WORD);
      h["Content-Disposition"] = "attachment; filename*=UTF-8''" + encodeURIComponent(body.name);
      init = { method: "POST", headers: h, body: body };
    } else {
      init = { method: "POST", headers: headers(), body: JSON.stringify(body) };
    }
    const resp = await fetch(path, init);
    let data = null;
    try { data = await resp.json(); } catch (e) { data = null; }
    if (resp.status === 401) $("auth").hidden = false;
    if (!resp.ok) {
      const message = data && data.error ? data.error.message : "the server answered " + resp.status;
      throw new Error(message);
    }
    return data;
  }

  function request(extra) {
    return Object.assign({ text: text.value, format: format.value }, extra || {});
  }

  function key(d) { return [d.code, d.offset, d.end_offset, d.message].join("|"); }

  async function check() {
    const seq = ++state.seq, value = text.value, word = state.word;
    if (!word && !value.trim()) { show(value, []); say("Paste an article to check it."); return; }
    say("Checking…");
    try {
      const data = await post("/v1/check", word || request());
      if (seq !== state.seq) return;  // a newer check is on its way
      if (word) text.value = data.text;  // the document's text, one line a paragraph: what the offsets index
      show(word ? data.text : value, data.diagnostics);
      say(word ? word.name + ": " + summary(data.diagnostics) + " " + NOT_FIXED : summary(data.diagnostics));
    } catch (e) {
      if (seq === state.seq) say(e.message, true);
    }
  }

  function summary(diags) {
    const n = diags.length;
    return n === 0 ? "No findings." : n + (n === 1 ? " finding." : " findings.");
  }

  async function accept(d, suggestion) {
    if (state.word) { say(NOT_FIXED); return; }
    const seq = ++state.seq;
    say("Applying…");
    try {
      const chosen = { code: d.code, offset: d.offset, end_offset: d.end_offset };
      if (suggestion !== undefined) chosen.suggestion = suggestion;
      const data = await post("/v1/fix", request({ accept: [chosen] }));
      if (seq !== state.seq) return;
      if (!data.changed) { say("That fix could not be applied: " + (data.refused.length ? "it would cut through markup or a quotation." : "the text changed; check again.")); return; }
      text.value = data.text;
      show(data.text, data.diagnostics);
      say("Applied. " + summary(data.diagnostics));
    } catch (e) {
      if (seq === state.seq) say(e.message, true);
    }
  }

  function dismiss(d) {
    state.dismissed.add(key(d));
    render();
  }

  function show(value, diagnostics) {
    state.checkedText = value;
    state.diagnostics = diagnostics;
    const rules = [...new Set(diagnostics.map((d) => d.rule))].sort();
    const chosen = ruleFilter.value;
    ruleFilter.replaceChildren(new Option("all rules", ""), ...rules.map((r) => new Option(r, r)));
    ruleFilter.value = rules.includes(chosen) ? chosen : "";
    render();
  }

  function visible() {
    const sevs = new Set([...document.querySelectorAll("input.sev:checked")].map((i) => i.value));
    const rule = ruleFilter.value;
    return state.diagnostics.filter((d) => sevs.has(d.severity) && (!rule || d.rule === rule) && !state.dismissed.has(key(d)));
  }

  function render() {
    const value = state.checkedText || "";
    const shown = visible();
    state.shown = shown;
    state.current = Math.min(state.current, shown.length - 1);
    const map = unitOffsets(value);
    const at = (o) => (map ? map[Math.min(o, map.length - 1)] : Math.min(o, value.length));
    // cut the text at every finding's edges; each piece is marked by the findings covering it
    const spans = shown.map((d, i) => ({ i, start: at(d.offset), end: at(d.end_offset), d }));
    const cuts = new Set([0, value.length]);
    spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    for (const s of spans.filter((s) => s.start === s.end && s.start === 0)) nodes.push(markFor([s], ""));
    for (let p = 0; p < points.length - 1; p++) {
      const a = points[p], b = points[p + 1], piece = value.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && b <= s.end && s.start < s.end);
      nodes.push(covering.length ? markFor(covering, piece) : document.createTextNode(piece));
      for (const s of spans.filter((s) => s.start === s.end && s.start === b && b > 0)) nodes.push(markFor([s], ""));
    }
    article.replaceChildren(...nodes);
    list.replaceChildren(...shown.map(findingItem));
    count.textContent = shown.length === state.diagnostics.length ? "(" + shown.length + ")" : "(" + shown.length + " of " + state.diagnostics.length + ")";
    highlight();
  }

  const rank = { error: 2, warning: 1, info: 0 };

  function markFor(covering, piece) {
    const m = document.createElement("mark");
    const worst = covering.reduce((a, s) => (rank[s.d.severity] > rank[a.d.severity] ? s : a));
    m.className = worst.d.severity + (piece ? "" : " point");
    m.textContent = piece;
    m.dataset.findings = covering.map((s) => s.i).join(" ");
    m.title = covering.map((s) => s.d.code + " " + s.d.message).join("\n");
    m.addEventListener("click", () => select(covering[0].i, true));
    return m;
  }

  function findingItem(d, i) {
    const li = document.createElement("li");
    li.className = "finding " + d.severity;
    li.tabIndex = 0;
    li.dataset.index = String(i);
    li.setAttribute("aria-label", d.severity + " " + d.rule + ": " + d.message);
    const head = document.createElement("div");
    const sev = document.createElement("span");
    sev.className = "sev";
    sev.textContent = d.severity;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = " " + d.line + ":" + d.column + " " + d.code + " " + d.rule + " ";
    head.append(sev, where);
    if (d.url) {
      const a = document.createElement("a");
      a.href = d.url;
      a.textContent = "about this rule";
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      head.append(a);
    }
    const msg = document.createElement("p");
    msg.className = "message";
    msg.textContent = d.message;
    const actions = document.createElement("div");
    actions.className = "actions";
    const suggestions = d.suggestions.length ? d.suggestions : (d.fix ? [null] : []);
    if (state.word && suggestions.length) {  // shown, not offered as a fix
      const note = document.createElement("span");
      note.className = "suggested";
      note.textContent = "Suggested: " + suggestions.map((s) => (s === null ? d.fix.message || "a fix" : s || "delete it")).join(", ");
      actions.append(note);
    }
    for (const s of state.word ? [] : suggestions) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "accept";
      b.textContent = s === null ? "Apply: " + (d.fix.message || "fix") : s === "" ? "Accept: delete" : "Accept: " + s;
      b.addEventListener("click", () => accept(d, s === null ? undefined : s));
      actions.append(b);
    }
    const no = document.createElement("button");
    no.type = "button";
    no.className = "dismiss";
    no.textContent = "Dismiss";
    no.addEventListener("click", () => dismiss(d));
    actions.append(no);
    li.append(head, msg, actions);
    li.addEventListener("focus", () => select(i, false));
    return li;
  }

  function select(i, focus) {
    state.current = i;
    highlight();
    const li = list.querySelector('[data-index="' + i + '"]');
    if (li && focus) li.focus();
    const mark = [...article.querySelectorAll("mark")].find((m) => m.dataset.findings.split(" ").includes(String(i)));
    if (mark) mark.scrollIntoView({ block: "nearest" });
  }

  function highlight() {
    for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
    if (state.current < 0) return;
    const li = list.querySelector('[data-index="' + state.current + '"]');
    if (li) li.classList.add("current");
    for (const m of article.querySelectorAll("mark")) {
      if (m.dataset.findings.split(" ").includes(String(state.current))) m.classList.add("current");
    }
  }

  async function copyOut() {
    try {
      await navigator.clipboard.writeText(text.value);
      say("Corrected text copied.");
    } catch (e) {  // no clipboard permission: select it, so Ctrl+C copies it
      text.focus();
      text.select();
      say("Text selected: press Ctrl+C to copy it.");
    }
  }

  // A Word file is checked as it is (uploaded raw) and shown as its text, read-only: fixes are not written into it.
  function wordMode(file) {
    state.word = file;
    text.readOnly = Boolean(file);
    const old = format.querySelector("option[value=docx]");
    if (old) old.remove();
    if (file) {
      format.append(new Option("Word document", "docx"));
      format.value = "docx";
    }
  }

  function openFile(file) {
    const suffix = (file.name.split(".").pop() || "").toLowerCase();
    state.dismissed.clear();
    if (suffix === "docx") { wordMode(file); text.value = ""; check(); return; }
    wordMode(null);
    const formats = { md: "markdown", markdown: "markdown", html: "html", htm: "html", json: "json" };
    format.value = formats[suffix] || "text";
    const reader = new FileReader();
    reader.onload = () => { text.value = reader.result; state.dismissed.clear(); check(); };
    reader.onerror = () => say("Could not read " + file.name, true);
    reader.readAsText(file);
  }

  text.addEventListener("input", () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, 700);
  });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); clearTimeout(state.timer); check(); }
  });
  $("check").addEventListener("click", () => { clearTimeout(state.timer); check(); });
  $("copy").addEventListener("click", copyOut);
  format.addEventListener("change", () => { if (format.value !== "docx") wordMode(null); check(); });
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) openFile(e.target.files[0]); });
  ruleFilter.addEventListener("change", render);
  for (const box of document.querySelectorAll("input.sev")) box.addEventListener("change", render);
  $("token-save").addEventListener("click", () => {
    sessionStorage.setItem("newslint-token", $("token").value.trim());
    $("auth").hidden = true;
    check();
  });
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (t === text || t.tagName === "INPUT" || t.tagName === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) return;
    const n = state.shown.length;
    if (!n) return;
    if (e.key === "j" || e.key === "k") {
      e.preventDefault();
      const step = e.key === "j" ? 1 : -1;
      select(((state.current < 0 ? (step > 0 ? -1 : 0) : state.current) + step + n) % n, true);
    } else if ((e.key === "a" || e.key === "d") && state.current >= 0) {
      e.preventDefault();
      const d = state.shown[state.current];
      if (e.key === "d") dismiss(d);
      else if (d.suggestions.length) accept(d, d.suggestions[0]);
      else if (d.fix) accept(d, undefined);
    }
  });
})();

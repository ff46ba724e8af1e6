// The marking page: one answer at a time, the rubric beside it, every choice saved at once.
// All text from the server is put in with textContent (never as HTML).
"use strict";

const LEVELS = ["beginning", "emerging", "mastery"];
const LEVEL_LABEL = {beginning: "Beginning", emerging: "Emerging", mastery: "Mastery"};
const LEVEL_POINTS = {beginning: 0, emerging: 1, mastery: 2};

const token = (() => {
  const fromUrl = new URLSearchParams(location.search).get("token");
  if (fromUrl) sessionStorage.setItem("medialit-mark-token", fromUrl);
  return fromUrl || sessionStorage.getItem("medialit-mark-token") || "";
})();

const state = {
  questions: [],
  qi: 0,
  answers: [],
  ai: 0,
  ci: 0,
  names: false,
  queue: Promise.resolve(),
  pending: 0,
  loading: true,
};

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k === "className") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
};

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: {"X-Medialit-Token": token, "Content-Type": "application/json", ...(options.headers || {})},
    cache: "no-store",
  });
  let data = {};
  try { data = await response.json(); } catch (e) { data = {}; }
  if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
  return data;
}

function question() { return state.questions[state.qi]; }
function answer() { return state.answers[state.ai]; }

function setStatus(text, kind = "") {
  const status = $("status");
  status.textContent = text;
  status.className = kind;
}

function setPending(delta) {
  state.pending += delta;
  document.body.dataset.pending = String(state.pending);
}

// ---------------------------------------------------------------------------- loading
async function loadQuestions() {
  const data = await api("api/questions");
  state.questions = data.questions;
  const select = $("question");
  select.replaceChildren(...state.questions.map((q, i) => el("option", {value: String(i), text: `${q.number} · ${q.title} (${q.exercise})`})));
  if (!state.questions.length) {
    $("answer-heading").textContent = "There are no open answers to mark.";
    return;
  }
  await selectQuestion(0);
}

async function selectQuestion(index) {
  state.loading = true; // keys wait until the new question's answers are on screen
  state.qi = Math.max(0, Math.min(index, state.questions.length - 1));
  $("question").value = String(state.qi);
  const q = question();
  let data;
  try {
    data = await api(`api/answers?exercise=${encodeURIComponent(q.exercise)}&question=${encodeURIComponent(q.question)}${state.names ? "&names=1" : ""}`);
  } finally {
    state.loading = false;
  }
  state.answers = data.answers;
  $("prompt").textContent = q.prompt;
  renderSamples();
  const first = state.answers.findIndex((a) => !a.mark.complete);
  showAnswer(first >= 0 ? first : 0);
}

async function reloadNames() {
  const keep = state.ai;
  const q = question();
  const data = await api(`api/answers?exercise=${encodeURIComponent(q.exercise)}&question=${encodeURIComponent(q.question)}${state.names ? "&names=1" : ""}`);
  const byKey = new Map(state.answers.map((a) => [a.key, a]));
  state.answers = data.answers.map((a) => ({...a, mark: (byKey.get(a.key) || a).mark}));
  showAnswer(keep, {focus: false});
}

// ---------------------------------------------------------------------------- drawing
function renderProgress() {
  const q = question();
  if (!q) return;
  const marked = state.answers.filter((a) => a.mark.complete).length;
  q.marked = marked;
  let text = `${q.number}: ${marked} of ${state.answers.length} marked`;
  if (q.blank) text += ` · ${q.blank} blank (0 points, nothing to mark)`;
  $("progress").textContent = text;
}

function renderSamples() {
  const q = question();
  const box = $("samples");
  const parts = [];
  for (const level of LEVELS) {
    const texts = (q.samples || {})[level] || [];
    if (!texts.length) continue;
    parts.push(el("h3", {className: "sample-level", text: `${LEVEL_LABEL[level]} (${LEVEL_POINTS[level]} per criterion)`}));
    for (const text of texts) parts.push(el("blockquote", {className: "sample", text}));
  }
  if (!parts.length && q.model_answer) {
    parts.push(el("p", {text: "No calibration samples for this question yet. The model answer (mastery):"}));
    parts.push(el("blockquote", {className: "sample", text: q.model_answer}));
  }
  if (!parts.length) parts.push(el("p", {text: "No samples for this question."}));
  box.replaceChildren(...parts);
}

function renderRubric() {
  const q = question();
  const a = answer();
  const levels = a ? a.mark.levels : [];
  const sets = q.rubric.map((criterion, ci) => {
    const current = ci === state.ci;
    const legend = el("legend", {},
      el("span", {className: "current-sign", "aria-hidden": "true", text: current ? "▶" : ""}),
      `${ci + 1}. ${criterion.criterion}`);
    const fieldset = el("fieldset", {className: current ? "criterion current" : "criterion", "data-criterion": String(ci)}, legend);
    if (current) fieldset.setAttribute("aria-current", "true");
    LEVELS.forEach((level, li) => {
      const input = el("input", {type: "radio", name: `criterion-${ci}`, value: level, "data-criterion": String(ci)});
      input.checked = levels[ci] === level;
      input.addEventListener("change", () => { state.ci = ci; setLevel(ci, level, {advance: false}); });
      const chosen = levels[ci] === level ? "✓ " : "";
      fieldset.append(el("label", {className: "level"},
        input,
        el("span", {className: "level-name"}, el("span", {className: "chosen-sign", text: chosen}), `${li + 1} ${LEVEL_LABEL[level]} (${LEVEL_POINTS[level]})`),
        el("span", {className: "descr", text: criterion[level]})));
    });
    return fieldset;
  });
  $("rubric").replaceChildren(...sets);
  const done = levels.length === q.rubric.length && levels.every((l) => l in LEVEL_POINTS);
  const points = done ? levels.reduce((s, l) => s + LEVEL_POINTS[l], 0) : null;
  $("points").textContent = done ? `${points} of ${q.max_points} points` : `Not marked yet (out of ${q.max_points} points)`;
}

function showAnswer(index, {focus = true} = {}) {
  if (!state.answers.length) {
    $("answer-heading").textContent = "No answers to this question (all blank).";
    $("answer-text").textContent = "";
    $("rubric").replaceChildren();
    renderProgress();
    return;
  }
  state.ai = Math.max(0, Math.min(index, state.answers.length - 1));
  const a = answer();
  const q = question();
  const firstOpen = q.rubric.findIndex((_, ci) => !(a.mark.levels[ci] in LEVEL_POINTS));
  state.ci = firstOpen >= 0 ? firstOpen : 0;
  $("answer-heading").textContent = `${a.label} of ${state.answers.length}`;
  $("student").textContent = state.names && a.student ? `Student: ${a.student}` : "Student: hidden (press h to show names)";
  const stale = $("stale");
  stale.hidden = !a.mark.stale;
  stale.textContent = a.mark.stale ? "This answer changed since you marked it (or the rubric did). Your earlier levels are shown; choose the levels again to confirm." : "";
  $("answer-text").textContent = a.text;
  $("comment").value = a.mark.comment || "";
  renderRubric();
  renderProgress();
  setStatus(a.mark.complete ? "Marked." : "", a.mark.complete ? "saved" : "");
  if (focus) $("answer-panel").focus({preventScroll: true});
}

// ---------------------------------------------------------------------------- saving
// The page's own state is what the teacher chose; a reply only confirms it. A reply to an older
// save (a newer one is queued behind it) must not overwrite a choice made since.
function save(item) {
  const q = question();
  item.version = (item.version || 0) + 1;
  const version = item.version;
  const levels = q.rubric.map((_, ci) => item.mark.levels[ci] || "");
  const body = JSON.stringify({key: item.key, levels, comment: item.mark.comment || ""});
  setPending(+1);
  setStatus("Saving…");
  state.queue = state.queue.then(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await api("api/mark", {method: "POST", body});
        if (item.version !== version) return; // a newer save follows
        item.mark = {...result.mark};
        if (item === answer()) {
          renderRubric();
          setStatus(result.mark.complete ? `Saved: ${result.mark.points} points.` : "Saved (not all criteria marked yet).", "saved");
        }
        renderProgress();
        return;
      } catch (error) {
        setStatus(`Not saved yet (${error.message}); trying again…`, "error");
        if (attempt >= 20) { setStatus(`Not saved: ${error.message}. Keep this page open and check that medialit mark is running.`, "error"); return; }
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }).finally(() => setPending(-1));
  return state.queue;
}

function setLevel(ci, level, {advance = true} = {}) {
  const a = answer();
  const q = question();
  if (!a) return;
  const levels = q.rubric.map((_, i) => a.mark.levels[i] || "");
  levels[ci] = level;
  a.mark = {...a.mark, levels, complete: levels.every((l) => l in LEVEL_POINTS), stale: false};
  if (advance && ci < q.rubric.length - 1) state.ci = ci + 1;
  renderRubric();
  save(a);
}

let commentTimer = null;
function commentChanged() {
  const a = answer();
  if (!a) return;
  a.mark = {...a.mark, comment: $("comment").value};
  clearTimeout(commentTimer);
  commentTimer = setTimeout(() => { commentTimer = null; save(a); }, 500);
}
function commentDone() {
  const a = answer();
  if (!a || commentTimer === null) return; // nothing typed since the last save
  clearTimeout(commentTimer);
  commentTimer = null;
  a.mark = {...a.mark, comment: $("comment").value};
  save(a);
}

// ---------------------------------------------------------------------------- moving
function next() { if (state.ai < state.answers.length - 1) showAnswer(state.ai + 1); else setStatus("That was the last answer to this question. Press ] for the next question.", "saved"); }
function previous() { if (state.ai > 0) showAnswer(state.ai - 1); }
function nextUnmarked() {
  const n = state.answers.length;
  for (let step = 1; step <= n; step++) {
    const i = (state.ai + step) % n;
    if (!state.answers[i].mark.complete) { showAnswer(i); return; }
  }
  setStatus(`Every answer to ${question().number} is marked.`, "saved");
}
function moveCriterion(delta) {
  const q = question();
  state.ci = Math.max(0, Math.min(state.ci + delta, q.rubric.length - 1));
  renderRubric();
}
function toggleHelp() {
  const help = $("help");
  help.hidden = !help.hidden;
  $("help-button").setAttribute("aria-expanded", String(!help.hidden));
}
function toggleNames() { $("show-names").checked = !$("show-names").checked; namesChanged(); }
function namesChanged() { state.names = $("show-names").checked; reloadNames(); }
function toggleSamples() { $("show-samples").checked = !$("show-samples").checked; samplesChanged(); }
function samplesChanged() { $("samples-panel").classList.toggle("hidden-samples", !$("show-samples").checked); }

const KEYS = {
  "1": () => setLevel(state.ci, "beginning"), "b": () => setLevel(state.ci, "beginning"),
  "2": () => setLevel(state.ci, "emerging"), "e": () => setLevel(state.ci, "emerging"),
  "3": () => setLevel(state.ci, "mastery"), "m": () => setLevel(state.ci, "mastery"),
  "ArrowDown": () => moveCriterion(+1), "j": () => moveCriterion(+1),
  "ArrowUp": () => moveCriterion(-1), "k": () => moveCriterion(-1),
  "Enter": next, "ArrowRight": next, "n": next,
  "ArrowLeft": previous, "p": previous,
  "u": nextUnmarked,
  "c": () => $("comment").focus(),
  "h": toggleNames, "s": toggleSamples, "?": toggleHelp,
  "]": () => selectQuestion(state.qi + 1), "[": () => selectQuestion(state.qi - 1),
};

function onKey(event) {
  const target = event.target;
  if (target.matches("textarea")) {
    if (event.key === "Escape" || (event.key === "Enter" && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      target.blur();
      $("answer-panel").focus();
    }
    return;
  }
  if (target.matches("select, input[type=text]")) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (target.matches("input[type=radio]") && event.key.startsWith("Arrow")) return; // the radios' own keys
  if (target.matches("button, input[type=checkbox]") && (event.key === "Enter" || event.key === " ")) return;
  const action = KEYS[event.key];
  if (!action) return;
  event.preventDefault();
  if (state.loading) return;
  action();
}

document.addEventListener("DOMContentLoaded", () => {
  document.addEventListener("keydown", onKey);
  $("question").addEventListener("change", () => selectQuestion(Number($("question").value)));
  $("show-names").addEventListener("change", namesChanged);
  $("show-samples").addEventListener("change", samplesChanged);
  $("help-button").addEventListener("click", toggleHelp);
  $("prev").addEventListener("click", previous);
  $("next").addEventListener("click", next);
  $("next-unmarked").addEventListener("click", nextUnmarked);
  $("comment").addEventListener("input", commentChanged);
  $("comment").addEventListener("blur", commentDone);
  if (!token) {
    $("answer-heading").textContent = "Open the address that medialit mark printed (it ends with ?token=…).";
    return;
  }
  loadQuestions().catch((error) => {
    $("answer-heading").textContent = `Could not load the answers: ${error.message}`;
  });
});

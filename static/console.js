// The minihttp console: lists, adds, edits and deletes the items of a minihttp store, on this
// origin or another one (?api=http://host:port). No framework and no build step: the page is read
// as it is served. Item JSON is shown as the server sent it, never re-serialised, because
// JSON.parse would turn 1.10 into 1.1 and round big integers.
"use strict";

const TOKEN_KEY_PREFIX = "minihttp-token:";

const $ = (id) => document.getElementById(id);

const state = {
  base: "",           // the API's origin, no trailing slash
  pages: ["0"],       // the `after` of each page visited so far; the last one is shown
  hasNext: false,
  pageSize: 20,       // what the shown page was loaded with
};

// ---- the API ----------------------------------------------------------------------------

function token() {
  return sessionStorage.getItem(TOKEN_KEY_PREFIX + state.base);
}

/**
 * One request to the API. Resolves to {status, text, etag} for any HTTP answer, asks for a
 * token and tries again on a 401, and rejects only when no answer could be read (the server is
 * down, or the browser refused the cross-origin answer: then the reason is in the browser's own
 * console, which a page cannot read).
 */
async function api(method, path, request = {}) {
  const sentToken = token();
  const answer = await exchange(method, path, request, sentToken);
  if (answer.status !== 401) return answer;
  if (sentToken) sessionStorage.removeItem(TOKEN_KEY_PREFIX + state.base);
  if (await askForToken(sentToken ? "The server refused this token." : serverMessage(answer))) {
    return api(method, path, request);
  }
  throw new Error(`Not done: ${method} ${path} needs the server's token.`);
}

async function exchange(method, path, { body, contentType, ifMatch }, sentToken) {
  const headers = {};
  if (contentType) headers["Content-Type"] = contentType;
  if (ifMatch) headers["If-Match"] = ifMatch;
  if (sentToken) headers["Authorization"] = "Bearer " + sentToken;
  let response;
  try {
    response = await fetch(state.base + path, { method, headers, body, cache: "no-store" });
  } catch (e) {
    throw new Error(`${method} ${state.base}${path} got no answer: the server is not reachable, `
      + "or the browser refused its cross-origin (CORS) answer; the browser's console says which.");
  }
  return { status: response.status, statusText: response.statusText,
    text: await response.text(), etag: response.headers.get("ETag") };
}

/** The server's own words: the "error" member of a JSON error body, else the body itself. */
function serverMessage(answer) {
  try {
    const parsed = JSON.parse(answer.text);
    if (parsed && typeof parsed.error === "string") return parsed.error;
  } catch (e) {
    // not JSON: show it as it came
  }
  return answer.text.trim() || answer.statusText;
}

function failure(answer) {
  return new Error(`${answer.status} ${answer.statusText}: ${serverMessage(answer)}`);
}

/**
 * The elements of a JSON array as the text they were sent as. The server writes items without
 * whitespace between members, so each element is exactly the stored item.
 */
function arrayElements(text) {
  JSON.parse(text); // refuses anything that is not JSON before it is cut up
  const elements = [];
  let depth = 0, inString = false, escaped = false, start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === "\"") inString = false;
      continue;
    }
    if (c === "\"") inString = true;
    else if (c === "[" || c === "{") {
      if (depth === 1 && start < 0) start = i;
      depth++;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 1 && start >= 0) { elements.push(text.slice(start, i + 1)); start = -1; }
    }
  }
  return elements;
}

/** The id the server put first in every item; kept as text, as ids may exceed 2^53. */
function idOf(itemText) {
  const match = /^\{"id":(\d+)/.exec(itemText);
  if (!match) throw new Error("the server sent an item without a leading id: " + itemText);
  return match[1];
}

// ---- messages -----------------------------------------------------------------------------

function showError(error) {
  $("status").textContent = "";
  $("error").textContent = error.message;
  $("error").hidden = false;
}

function showStatus(text) {
  $("error").hidden = true;
  $("error").textContent = "";
  $("status").textContent = text;
}

/**
 * One action at a time: while one is under way (its requests, a token prompt), the page is busy
 * and further clicks are ignored, so a double click adds one item and pages once. The body's
 * data-busy says so to the tests, aria-busy on the list to assistive technology.
 */
let busy = false;

function setBusy(value) {
  busy = value;
  document.body.dataset.busy = String(value);
  $("items").setAttribute("aria-busy", String(value));
}

/** Runs an action started by the user, unless one is under way, and shows its failure instead of losing it. */
function guarded(action) {
  return async (event) => {
    if (event) event.preventDefault();
    if (busy) return;
    setBusy(true);
    // Old news says nothing about this action.
    $("error").hidden = true;
    $("status").textContent = "";
    try {
      await action(event);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
}

// ---- the token dialog ---------------------------------------------------------------------

let tokenPrompt = null;
let answerTokenPrompt = null;

/**
 * Opens the dialog, or joins the one open; resolves true once a token is saved, false when the
 * user cancels.
 */
function askForToken(reason) {
  if (tokenPrompt) return tokenPrompt;
  // The API may be any origin a link named in ?api=: say whose token it is before anyone types one.
  $("token-reason").textContent = `${state.base} answered: ${reason} Enter that server's token `
    + "to go on; it is kept in this browser tab only.";
  $("token-input").value = "";
  $("token-dialog").returnValue = "";
  $("token-dialog").showModal();
  $("token-input").focus();
  tokenPrompt = new Promise((resolve) => { answerTokenPrompt = resolve; });
  return tokenPrompt;
}

function tokenDialogClosed() {
  const saved = $("token-dialog").returnValue === "save" && $("token-input").value.trim() !== "";
  if (saved) sessionStorage.setItem(TOKEN_KEY_PREFIX + state.base, $("token-input").value.trim());
  $("token-input").value = "";
  showTokenState();
  const answer = answerTokenPrompt;
  tokenPrompt = answerTokenPrompt = null;
  if (answer) answer(saved);
}

function showTokenState() {
  $("token-state").hidden = !token();
}

// ---- the list -----------------------------------------------------------------------------

function pageSize() {
  return Number($("page-size").value);
}

async function loadPage() {
  const after = state.pages[state.pages.length - 1];
  // One more than shown: whether it comes back says if there is a next page.
  const answer = await api("GET", `/data?after=${after}&limit=${pageSize() + 1}`);
  if (answer.status !== 200) throw failure(answer);
  const items = arrayElements(answer.text);
  if (items.length === 0 && state.pages.length > 1) {
    // The page emptied (its last item deleted, here or elsewhere): show the one before.
    state.pages.pop();
    return loadPage();
  }
  state.hasNext = items.length > pageSize();
  state.pageSize = pageSize();
  renderItems(items.slice(0, pageSize()));
}

/** Shows the page these `after`s lead to; if that fails, the page shown and its place stay as they were. */
async function showPage(pages) {
  const shown = state.pages;
  state.pages = pages;
  try {
    await loadPage();
  } catch (error) {
    state.pages = shown;
    $("page-size").value = String(state.pageSize);
    throw error;
  }
}

/** Before a server has answered, the list is neither empty nor full: it shows nothing, and says nothing. */
function clearItems() {
  $("items").replaceChildren();
  $("empty").hidden = true;
  $("page-info").textContent = "";
  for (const id of ["first-page", "previous-page", "next-page"]) $(id).disabled = true;
}

function renderItems(items) {
  const focusWasHere = $("items-section").contains(document.activeElement);
  const list = $("items");
  list.replaceChildren(...items.map(itemElement));
  $("empty").hidden = items.length > 0;
  $("previous-page").disabled = state.pages.length === 1;
  $("first-page").disabled = state.pages.length === 1;
  $("next-page").disabled = !state.hasNext;
  // A button disabled or removed under the keyboard focus (Next on reaching the last page, an
  // item's Delete) would drop it to the page's start; the list's heading keeps the user there.
  const focusLost = document.activeElement === document.body || document.activeElement.disabled;
  if (focusWasHere && focusLost) $("items-heading").focus();
  const page = state.pages.length;
  $("page-info").textContent = items.length === 0 ? `page ${page}`
    : `page ${page}: ids ${idOf(items[0])} to ${idOf(items[items.length - 1])}`;
}

function button(text, className, onClick, label) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = text;
  element.className = className;
  if (label) element.setAttribute("aria-label", label);
  element.addEventListener("click", guarded(onClick));
  return element;
}

function itemElement(itemText) {
  const id = idOf(itemText);
  const item = document.createElement("li");
  item.className = "item";
  item.dataset.id = id;
  const heading = document.createElement("span");
  heading.className = "item-id";
  heading.textContent = "#" + id;
  const json = document.createElement("pre");
  json.className = "item-json";
  json.textContent = itemText;
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(button("Edit", "edit", () => startEditing(item), `Edit item ${id}`),
    button("Delete", "delete", () => confirmDelete(item), `Delete item ${id}`));
  item.append(heading, json, actions);
  return item;
}

// ---- editing and deleting -----------------------------------------------------------------

/** Edits what the server holds now, and sends its version back so a change meanwhile is refused (412). */
async function startEditing(item) {
  const id = item.dataset.id;
  const open = item.querySelector(".item-editor");
  if (open) return open.focus();
  const answer = await api("GET", `/data/${id}`);
  if (answer.status !== 200) throw failure(answer);
  if (!answer.etag) {
    // Without it a save could overwrite a change made meanwhile, unseen.
    throw new Error(`${state.base} did not let this page read item ${id}'s ETag (Access-Control-Expose-Headers), `
      + "so an edit could overwrite someone else's change: not editing.");
  }
  item.querySelector(".item-json").textContent = answer.text;
  const editor = document.createElement("textarea");
  editor.className = "item-editor";
  editor.spellcheck = false;
  editor.value = answer.text;
  editor.rows = Math.min(12, 2 + Math.ceil(answer.text.length / 60));
  editor.setAttribute("aria-label", `JSON of item ${id}`);
  const save = async () => {
    const saved = await api("PUT", `/data/${id}`, { body: editor.value, contentType: "application/json", ifMatch: answer.etag });
    if (saved.status !== 200) throw failure(saved);
    const replacement = itemElement(saved.text);
    item.replaceWith(replacement);
    replacement.querySelector(".edit").focus();
    showStatus(`Saved #${id}.`);
  };
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) guarded(save)(event);
    if (event.key === "Escape" && !busy) cancel(); // not while a save is out: its text is still needed
  });
  const original = item.querySelector(".actions");
  const actions = document.createElement("div");
  actions.className = "actions";
  const cancel = () => { editor.remove(); actions.replaceWith(original); item.querySelector(".edit").focus(); };
  actions.append(button("Save", "save", save, `Save item ${id}`), button("Cancel", "cancel", cancel, `Cancel editing item ${id}`));
  item.querySelector(".item-json").after(editor);
  original.replaceWith(actions);
  editor.focus();
}

function confirmDelete(item) {
  const id = item.dataset.id;
  const original = item.querySelector(".actions");
  const actions = document.createElement("div");
  actions.className = "actions confirm";
  const question = document.createElement("span");
  question.textContent = `Delete #${id}?`;
  const keep = () => { actions.replaceWith(original); item.querySelector(".delete").focus(); };
  actions.append(question, button("Yes, delete", "confirm-delete", async () => {
    const answer = await api("DELETE", `/data/${id}`);
    if (answer.status !== 200 && answer.status !== 404) throw failure(answer);
    item.remove();
    showStatus(answer.status === 200 ? `Deleted #${id}.` : `#${id} was already gone.`);
    $("items-heading").focus();
    await loadPage();
  }, `Yes, delete item ${id}`), button("Keep", "keep", keep, `Keep item ${id}`));
  actions.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !busy) keep();
  });
  original.replaceWith(actions);
  actions.querySelector(".confirm-delete").focus();
}

// ---- adding -------------------------------------------------------------------------------

async function addItem() {
  const answer = await api("POST", "/data", { body: $("new-item").value, contentType: $("new-type").value.trim() });
  if (answer.status !== 201) throw failure(answer);
  showStatus(`Added #${idOf(answer.text)}: ${answer.text}`);
  await loadPage();
}

// ---- where the API is ---------------------------------------------------------------------

/** The ?api= parameter, else this page's own origin. */
function initialBase() {
  const asked = new URLSearchParams(location.search).get("api");
  return asked ? normalisedBase(asked) : location.origin;
}

function normalisedBase(text) {
  const written = text.trim();
  let url;
  try {
    // "127.0.0.1:8080" is how people write an address: take it as http.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : "http://" + written);
  } catch (e) {
    throw new Error(`"${text}" is not a URL; write it like http://127.0.0.1:8080`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("the API URL must be http or https");
  return url.origin;
}

async function connect(base) {
  state.base = base;
  state.pages = ["0"];
  state.hasNext = false;
  // Until the new server answers, nothing on the page may still point at the old one's items.
  clearItems();
  $("api-base").value = base;
  const crossOrigin = base !== location.origin;
  $("origin-note").textContent = crossOrigin
    ? `Cross-origin: this page is from ${location.origin}; every write is preflighted by the browser.`
    : "Same origin as this page.";
  const query = new URL(location.href);
  if (crossOrigin) query.searchParams.set("api", base); else query.searchParams.delete("api");
  history.replaceState(null, "", query);
  showTokenState();
  await loadPage();
}

// ---- wiring -------------------------------------------------------------------------------

function submitOnCtrlEnter(textarea) {
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      textarea.form.requestSubmit();
    }
  });
}

function start() {
  $("connection").addEventListener("submit", guarded(() => connect(normalisedBase($("api-base").value))));
  $("add-form").addEventListener("submit", guarded(addItem));
  submitOnCtrlEnter($("new-item"));
  $("refresh").addEventListener("click", guarded(loadPage));
  $("page-size").addEventListener("change", (event) => {
    // Ignored while another action runs, so the select must not claim a size the list does not have.
    if (busy) $("page-size").value = String(state.pageSize);
    else guarded(() => showPage(["0"]))(event);
  });
  $("first-page").addEventListener("click", guarded(() => showPage(["0"])));
  $("previous-page").addEventListener("click", guarded(() => showPage(state.pages.slice(0, -1))));
  $("next-page").addEventListener("click", guarded(() => {
    const last = $("items").lastElementChild;
    return last ? showPage([...state.pages, last.dataset.id]) : undefined;
  }));
  $("forget-token").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY_PREFIX + state.base);
    showTokenState(); // hides the button that had the focus
    $("api-base").focus();
    showStatus("Token forgotten.");
  });
  $("token-dialog").addEventListener("close", tokenDialogClosed);
  guarded(async () => {
    // A bad ?api= still leaves a working console, on this page's own server, and says why.
    let base = location.origin;
    let refused = null;
    try {
      base = initialBase();
    } catch (error) {
      refused = error;
    }
    await connect(base);
    if (refused) throw refused;
  })();
}

start();

// Search for readers: the dialog in partials/search.html, answered from the site's Pagefind index.
//
// Nothing is downloaded until the reader shows they want to search (the search field gets focus,
// the search button is pressed, or Ctrl+K / ⌘K; no single key opens it, WCAG 2.1.4). Then Pagefind's script loads, and each query
// fetches only the index chunks its words need, so a 1,000-post blog answers as fast as a small one.
// Results are links in a list; the status line says how many there are.
//
// The dialog opens and closes by clicking Material's #__search toggle, so that Material's own script
// sees the change (it locks the page's scrolling behind the dialog on small screens, and unlocks it).
(() => {
  "use strict";

  const dialog = document.querySelector("[data-mm-search]");
  const toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  const input = dialog.querySelector(".md-search__input");
  const form = dialog.querySelector(".md-search__form");
  const status = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const moreButton = dialog.querySelector(".mm-search-more");
  const opener = document.querySelector(".mm-search-open");
  const behind = document.querySelector(".md-container");
  const text = dialog.dataset;
  const PER_PAGE = 10;
  const root = new URL(text.base || ".", location.href);

  let pagefind = null;
  let latest = 0; // the number of the newest answer: older ones stop showing results
  let remaining = null; // the newest answer's results not shown yet, and what they answer

  const load = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
      await module.options({ baseUrl: root.pathname });
      await module.init();
      await module.search(""); // readies Pagefind's WebAssembly while the reader starts typing
      return module;
    });
    pagefind.catch(() => { pagefind = null; });
    return pagefind;
  };

  const count = (n) => (n === 0 ? text.none : n === 1 ? text.one : text.other.replace("#", String(n)));
  const current = (query, terms) => query === latest && input.value.trim() === terms;

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h2");
    title.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the page's text and marks the matches
    article.append(title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  };

  // The next results of the newest answer. Each result's text is a small file of its own: all are
  // asked for at once, and each is shown, in order, as soon as it and those before it have arrived.
  // Results of words the reader has since typed past are dropped, not shown. Returns how many it showed.
  const showMore = async () => {
    if (!remaining) return 0;
    const { results, query, terms } = remaining;
    const pending = results.slice(0, PER_PAGE).map((result) => result.data());
    let shown = 0;
    for (const data of pending) {
      const found = await data;
      if (!current(query, terms)) return shown;
      list.append(item(found));
      results.shift();
      shown += 1;
    }
    moreButton.hidden = results.length === 0;
    return shown;
  };

  const answer = async (terms) => {
    const query = ++latest;
    remaining = null;
    moreButton.hidden = true;
    if (!terms) {
      list.replaceChildren();
      status.textContent = text.placeholder;
      return;
    }
    try {
      const found = await (await load()).search(terms);
      if (!current(query, terms)) return; // the reader typed on
      list.replaceChildren();
      status.textContent = count(found.results.length);
      remaining = { results: [...found.results], query, terms };
      await showMore();
    } catch {
      if (query === latest) status.textContent = text.failed;
    }
  };

  // One search at a time: keys typed meanwhile are answered together, by one search for the field's
  // value when the running one ends, so a fast typist never waits for the words they have passed.
  let busy = false;
  const search = async () => {
    if (busy) return;
    busy = true;
    try {
      let terms;
      do {
        terms = input.value.trim();
        await answer(terms);
      } while (terms !== input.value.trim());
    } finally {
      busy = false;
    }
  };

  // Open, the dialog is modal: the page behind it can be neither read nor reached.
  const sync = () => {
    const open = toggle.checked;
    if (behind) behind.inert = open;
    if (open) dialog.setAttribute("aria-modal", "true");
    else dialog.removeAttribute("aria-modal");
    opener?.setAttribute("aria-expanded", String(open));
  };
  const setOpen = (open) => {
    if (toggle.checked !== open) toggle.click();
  };
  let refocusing = false;
  let tabbingOut = false;
  const close = () => {
    setOpen(false);
    // Focus goes back where the reader opened search: the search button on small screens, the
    // search field (which stays in the header) on large ones.
    const back = opener && opener.getClientRects().length > 0 ? opener : input;
    refocusing = back === input;
    back.focus();
    refocusing = false;
  };

  input.addEventListener("focus", () => {
    if (refocusing) return;
    setOpen(true);
    load();
  });
  input.addEventListener("input", () => {
    setOpen(true);
    search();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector(".md-search-result__link")?.focus();
  });
  form.addEventListener("reset", () => setTimeout(search));
  toggle.addEventListener("change", () => {
    sync();
    if (toggle.checked) {
      load();
      input.focus();
    } else if (!tabbingOut && opener && opener.getClientRects().length > 0
               && (document.activeElement === document.body || dialog.contains(document.activeElement))) {
      opener.focus(); // closed by touch (the back arrow, the overlay): focus returns where search opened
    }
  });
  opener?.addEventListener("click", () => setOpen(true));
  // A page's own "Search the site" button (the 404 page) opens the same dialog.
  for (const button of document.querySelectorAll(".mm-search-page")) {
    button.addEventListener("click", () => setOpen(true));
  }
  moreButton.addEventListener("click", async () => {
    if (moreButton.getAttribute("aria-disabled") === "true") return;
    const first = list.children.length;
    moreButton.setAttribute("aria-disabled", "true"); // stays focused while the results load
    try {
      if (await showMore()) list.children[first]?.querySelector("a")?.focus();
    } catch {
      status.textContent = text.failed; // the results not shown stay for the next press
    } finally {
      moreButton.removeAttribute("aria-disabled");
    }
  });

  // Tabbing on past the dialog's first or last stop closes it first, so that the page behind is no
  // longer inert when the browser moves focus on into it; so does focus moving to the header.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || !toggle.checked) return;
    const stops = [...dialog.querySelectorAll("input, a[href], button, [tabindex]")]
      .filter((stop) => stop.tabIndex >= 0 && !stop.disabled && stop.getClientRects().length > 0);
    if (document.activeElement === (event.shiftKey ? stops[0] : stops[stops.length - 1])) {
      tabbingOut = true; // focus moves on by itself: the Tab key's own work
      setOpen(false);
      tabbingOut = false;
    }
  });
  dialog.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget instanceof Element && !dialog.contains(event.relatedTarget)) setOpen(false);
  });

  document.addEventListener("keydown", (event) => {
    if (event.isComposing) return; // an input method is composing a character: its keys are its own
    const elsewhere = event.target instanceof Element && event.target !== input
      && event.target.closest("input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable]");
    if (event.key === "Escape" && toggle.checked) {
      close();
    } else if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && !elsewhere
               && (event.code === "KeyK" || event.key.toLowerCase() === "k")) {
      event.preventDefault();
      setOpen(true);
      input.focus();
    } else if (toggle.checked && ["ArrowDown", "ArrowUp"].includes(event.key) && dialog.contains(event.target)) {
      const stops = [input, ...list.querySelectorAll(".md-search-result__link")];
      const at = stops.indexOf(document.activeElement);
      if (at === -1) return;
      event.preventDefault();
      stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    }
  });

  sync();
})();

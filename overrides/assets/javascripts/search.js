// Search for readers: the dialog in partials/search.html, answered from the site's Pagefind index.
//
// Nothing is downloaded until the reader shows they want to search (the search field gets focus,
// the search control is pressed, or a search shortcut key). Then Pagefind's script loads, and each
// query fetches only the index chunks its words need, so a 1,000-post blog answers as fast as a
// small one. Results are links in a list; the status line says how many there are.
(() => {
  "use strict";

  const dialog = document.querySelector("[data-mm-search]");
  const toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  const input = dialog.querySelector(".md-search__input");
  const form = dialog.querySelector(".md-search__form");
  const status = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const text = dialog.dataset;
  const PER_PAGE = 10;
  const root = new URL(text.base || ".", location.href);

  let pagefind = null;
  let latest = 0;

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

  const more = (results, shown, query, terms) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item mm-search-more";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = text.more;
    button.addEventListener("click", async () => {
      li.remove();
      await show(results, shown, query, terms);
      list.querySelectorAll(".md-search-result__link")[shown]?.focus();
    });
    li.append(button);
    return li;
  };

  // Each result's text comes in its own small file: all are asked for at once, and each is shown,
  // in order, as soon as it and those before it have arrived.
  // Results of words the reader has since typed past are dropped, not shown.
  const show = async (results, from, query, terms) => {
    const pending = results.slice(from, from + PER_PAGE).map((result) => result.data());
    for (const data of pending) {
      const shown = await data;
      if (query !== latest || input.value.trim() !== terms) return;
      list.append(item(shown));
    }
    if (results.length > from + PER_PAGE) list.append(more(results, from + PER_PAGE, query, terms));
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

  const answer = async (terms) => {
    const query = ++latest;
    if (!terms) {
      list.replaceChildren();
      status.textContent = text.placeholder;
      return;
    }
    try {
      const found = await (await load()).search(terms);
      if (query !== latest || input.value.trim() !== terms) return; // the reader typed on
      list.replaceChildren();
      status.textContent = count(found.results.length);
      await show(found.results, 0, query, terms);
    } catch {
      if (query === latest) status.textContent = text.failed;
    }
  };

  // While search is open it is a modal dialog: the page behind it can be neither read nor reached.
  const behind = document.querySelector(".md-container");
  const sync = () => {
    if (behind) behind.inert = toggle.checked;
    if (toggle.checked) dialog.setAttribute("aria-modal", "true");
    else dialog.removeAttribute("aria-modal");
  };
  const open = () => {
    if (!toggle.checked) {
      toggle.checked = true;
      sync();
    }
    load();
  };
  const close = () => {
    toggle.checked = false;
    sync();
    input.blur();
  };

  input.addEventListener("focus", open);
  // Tabbing on past the dialog's first or last stop closes it first, so that the page behind is no
  // longer inert when the browser moves focus on into it; so does focus moving to the header.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || !toggle.checked) return;
    const stops = [...dialog.querySelectorAll("input, a[href], button, [tabindex]")]
      .filter((stop) => stop.tabIndex >= 0 && stop.getClientRects().length > 0);
    if (document.activeElement === (event.shiftKey ? stops[0] : stops[stops.length - 1])) {
      toggle.checked = false;
      sync();
    }
  });
  dialog.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget instanceof Element && !dialog.contains(event.relatedTarget)) {
      toggle.checked = false;
      sync();
    }
  });
  input.addEventListener("input", search);
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
    }
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && toggle.checked) {
      close();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f", "S", "F"].includes(event.key)) {
      event.preventDefault();
      open();
      input.focus();
    } else if (toggle.checked && ["ArrowDown", "ArrowUp"].includes(event.key) && dialog.contains(event.target)) {
      const stops = [input, ...list.querySelectorAll(".md-search-result__link, .mm-search-more button")];
      const at = stops.indexOf(document.activeElement);
      if (at === -1) return;
      event.preventDefault();
      stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    }
  });
})();

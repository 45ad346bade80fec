/* The search page: Pagefind's JS API over the index that generator/search.py builds.
 *
 * The index holds every letter and digit of a report as a word of its own (the hidden .pf-search
 * element of templates/theme/templates/article.html). A query is put in the same form and searched
 * as an exact phrase, so "何平" finds the reports where 何 is followed by 平, and nothing else.
 * Every result of an exact phrase is as relevant as the others: results come newest meeting first.
 * Report text is data: the page is built with textContent only, never innerHTML.
 *
 * A large site's index is in shards by meeting date, newest first (pagefind/shards.json), each a
 * Pagefind bundle of its own, loaded when first asked. The shard map (pagefind/grams/) says which
 * shards hold each character and each pair of neighbouring characters: a query asks only the
 * shards that hold all of its pairs, in order, and the first results are shown as soon as they are
 * in; the count follows when every shard has answered. The filters' lists come from
 * pagefind/filters.json (counts over the whole site).
 *
 * The page keeps its state in the URL: ?q=…&省级=…&年份=…. window.digestSearch is the
 * same search as a function (the browser tests call it).
 */
(function () {
  "use strict";

  var BOUNDARY = "\u00a6"; // ¦ between two fields or sentences of the record
  var SPACE = "\u2423"; // ␣ a space of the report text, stuck to the word before it
  var WORD = /[\p{L}\p{N}]/u; // what the record keeps as a word: anything else is punctuation,
  var SIGN = /^[+.%\p{Pc}]$/u; // but for these (Pagefind's include characters)
  var EDGES = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u; // punctuation around a word's character
  var SENTENCE_END = /[。！？；…!?;：:]$/;
  var ASK_AHEAD = 3; // shards asked at once, answers taken in order
  var STATUS_EVERY_MS = 2000; // the running count while shards answer, at most this often
  var FILTER_KINDS = ["省级", "市级", "县级", "地区", "会议类型", "年份", "提法"];
  var VALUE_LABELS = { "年份": { unknown: "年份不详" } };
  var PAGE_SIZE = 20;
  var BEFORE = 30; // words (characters) of context before a match at most, back to the sentence start
  var LENGTH = 90; // characters of an excerpt

  var root = document.getElementById("search");
  var bundle = new URL(root.dataset.bundle, document.baseURI).href;
  var siteRoot = new URL(root.dataset.site, document.baseURI).pathname;
  var form = root.querySelector(".search-form");
  var input = root.querySelector("#search-q");
  var filterBox = root.querySelector(".search-filters");
  var filterList = root.querySelector(".search-filter-list");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");

  var pagefind = null; // {others: [shard folders], meta: shard map's {files, shards}, filters}
  var MAX_LIVE = 24; // shards' Pagefind instances alive at once (more than a page of results can come from)
  var pagefindJs = null; // promise of pagefind.js
  var instances = []; // shard -> {gen, asked, pf} while live (shard())
  var live = []; // shards with a live instance, the one asked longest ago first
  var generation = 0;
  var gramFiles = {}; // file number of the shard map -> promise of {gram: hex mask}
  var selects = {}; // filter kind -> <select>
  var allCounts = {}; // filter kind -> {value: number of reports}
  var current = null; // {results, shown}
  var seq = 0;

  // --- queries ---------------------------------------------------------------------------

  /** The query's words as the index spells them: full-width letters and digits made narrow (as
   *  the reports are), every letter and digit a word, + . % _ words too (generator/search.py's
   *  INCLUDE_CHARACTERS), anything else dropped. + . _ at either end and % at the start mean
   *  nothing and are dropped. search() quotes them, so that Pagefind searches an exact phrase. */
  function phrase(query) {
    var words = [];
    var narrow = String(query || "").replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/[％＋．]/g, function (c) { return { "％": "%", "＋": "+", "．": "." }[c]; });
    for (var ch of narrow) {
      if (WORD.test(ch) || SIGN.test(ch)) words.push(ch.toLowerCase());
    }
    while (words.length && SIGN.test(words[0])) words.shift();
    while (words.length && SIGN.test(words[words.length - 1]) && words[words.length - 1] !== "%") words.pop();
    return words;
  }

  function cleanFilters(filters) {
    var out = {};
    Object.keys(filters || {}).forEach(function (kind) {
      if (filters[kind]) out[kind] = filters[kind];
    });
    return out;
  }

  async function json(url, fallback) {
    var response = await fetch(url, { cache: "no-cache" }); // as new as the index
    return response.ok ? response.json() : fallback;
  }

  /** What the index is made of: its shards, the shard map's size and the filters' counts. */
  function load() {
    if (!pagefind) {
      pagefind = (async function () {
        var parts = await Promise.all([
          json(bundle + "shards.json", []),
          json(bundle + "grams.json", null),
          json(bundle + "filters.json", null),
          shard(0).pf,
        ]);
        return { others: parts[0], meta: parts[1], filters: parts[2] || {}, shards: parts[0].length + 1 };
      })();
    }
    return pagefind;
  }

  /** pagefind.js, once: one module (and one web worker) with an instance per shard. */
  function pagefindModule() {
    if (!pagefindJs) pagefindJs = import(bundle + "pagefind.js");
    return pagefindJs;
  }

  /** Shard i's Pagefind instance: {gen, pf (a promise)}, made when the shard is first asked. At
   *  most MAX_LIVE live at once (each holds WebAssembly memory, of which a page gets only so much):
   *  the one asked longest ago is let go, and made again (a new gen) if it is asked again. */
  function shard(i) {
    var at = live.indexOf(i);
    if (at >= 0) {
      live.splice(at, 1);
      live.push(i);
      return instances[i];
    }
    while (live.length >= MAX_LIVE) {
      var old = live.shift();
      instances[old].pf.then(function (pf) { return pf.destroy(); }).catch(function () {});
      instances[old] = null;
    }
    live.push(i);
    instances[i] = {
      gen: ++generation,
      asked: {}, // search -> promise of its answer, for results of an instance let go (dataOf)
      pf: (async function () {
        var others = i ? (await load()).others : [];
        var pf = (await pagefindModule()).createInstance({ basePath: i ? new URL(others[i - 1], bundle).href : bundle });
        await pf.options({ baseUrl: siteRoot });
        await pf.init();
        return pf;
      })(),
    };
    return instances[i];
  }

  /** One shard's answer to a search; each result remembers where it came from (dataOf). */
  async function ask(i, q, f) {
    var entry = shard(i);
    var answer = await (await entry.pf).search(q || null, { filters: f, sort: { date: "desc" } });
    answer.results.forEach(function (r) {
      r.from = { shard: i, gen: entry.gen, q: q, f: f };
    });
    return answer;
  }

  /** A result's data. If its shard's instance has been let go since, the shard is asked the same
   *  search again (once per instance and search) and the same result's data is taken. */
  async function dataOf(result) {
    var from = result.from;
    if (!from) return result.data();
    var entry = shard(from.shard);
    if (entry.gen === from.gen) return result.data();
    var key = JSON.stringify([from.q, from.f]);
    if (!entry.asked[key]) entry.asked[key] = ask(from.shard, from.q, from.f);
    var again = (await entry.asked[key]).results;
    for (var k = 0; k < again.length; k++) if (again[k].id === result.id) return again[k].data();
    throw new Error("a result is no longer in its shard's index: " + result.id);
  }

  /** The gram's file number in the shard map (generator/search.py gram_bucket). */
  function gramBucket(gram, files) {
    var h = 0x811c9dc5; // FNV-1a, 32 bits, over the code points
    for (var ch of gram) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h % files;
  }

  function gramFile(k) {
    if (!gramFiles[k]) gramFiles[k] = json(bundle + "grams/" + k + ".json", {});
    return gramFiles[k];
  }

  /** The shards that may hold a phrase (its words), newest first: those that hold each pair of
   *  neighbouring words (a one-word phrase: that word). All shards when there is no map. */
  async function candidates(loaded, words) {
    var all = [];
    for (var i = 0; i < loaded.shards; i++) all.push(i);
    if (!words.length || !loaded.meta || !loaded.meta.files) return all;
    var grams = [];
    if (words.length === 1) grams.push(words[0]);
    for (var j = 0; j + 1 < words.length; j++) grams.push(words[j] + words[j + 1]);
    var masks = await Promise.all(grams.map(async function (g) {
      return (await gramFile(gramBucket(g, loaded.meta.files)))[g] || "";
    }));
    return all.filter(function (i) {
      return masks.every(function (hex) {
        var digit = hex.length - 1 - (i >> 2);
        return digit >= 0 && (parseInt(hex.charAt(digit), 16) >> (i & 3)) & 1;
      });
    });
  }

  /** Every report for a query and filters, newest meeting first: {results, filters (counts)}, or
   *  null when there is nothing to search. Pagefind sorts within one index only, so each shard (a
   *  range of dates) is asked on its own and the answers follow each other. `progress`, if given,
   *  is called with the results so far after each shard's answer, before the search is done. */
  async function search(query, filters, progress) {
    var loaded = await load();
    var words = phrase(query);
    var q = words.length ? '"' + words.join(" ") + '"' : "";
    var f = cleanFilters(filters);
    if (!q && !Object.keys(f).length) return null;
    var order = await candidates(loaded, words);
    var asks = [];
    var results = [];
    var counts = {};
    for (var k = 0; k < order.length; k++) {
      for (var a = k; a < Math.min(k + ASK_AHEAD, order.length); a++) if (!asks[a]) asks[a] = ask(order[a], q, f);
      var answer = await asks[k];
      results = results.concat(answer.results);
      // each answer counts what every filter value would give within its shard: the counts add up
      Object.keys(answer.filters || {}).forEach(function (kind) {
        counts[kind] = counts[kind] || {};
        Object.keys(answer.filters[kind]).forEach(function (value) {
          counts[kind][value] = (counts[kind][value] || 0) + answer.filters[kind][value];
        });
      });
      if (progress && k + 1 < order.length) await progress(results);
    }
    return { results: results, filters: counts };
  }

  // --- excerpts --------------------------------------------------------------------------

  function isBoundary(word) {
    return word.charAt(0) === BOUNDARY;
  }

  /** [{text, mark}] around the first match: the record's words (content split on spaces, as
   *  Pagefind counts them for `locations`) joined again without the spaces between them. */
  function excerpt(content, locations) {
    var words = String(content || "").trim().split(/\s+/);
    var hits = new Set(locations || []);
    var first = 0;
    if (hits.size) first = Math.min.apply(null, Array.from(hits));
    else while (first < words.length - 1 && !isBoundary(words[first++])); // filters alone: the text after the title
    var start = first;
    while (start > 0 && start > first - BEFORE && !isBoundary(words[start - 1])) start--;
    var parts = [];
    var length = 0;
    var text = "";
    if (start > 0 && !isBoundary(words[start - 1])) parts.push({ text: "…", mark: false });
    var i = start;
    for (; i < words.length && (length < LENGTH || i <= first); i++) {
      var w = words[i];
      var mark = hits.has(i);
      if (isBoundary(w)) {
        w = w.replace(new RegExp(BOUNDARY, "g"), "");
        if (i === words.length - 1) w = w.replace(/\.$/, ""); // Pagefind ends the content with "."
        var last = parts.length ? parts[parts.length - 1].text : "";
        if (last && !SENTENCE_END.test(last)) parts.push({ text: " · ", mark: false });
        mark = false;
      }
      w = w.split(SPACE).join(" ");
      if (!w) continue;
      length += w.length;
      var pieces = [[w, mark]];
      if (mark) {
        var m = EDGES.exec(w); // a word of its own such as + or % stays marked whole
        pieces = m[2] ? [[m[1], false], [m[2], true], [m[3], false]] : [[w.charAt(0), true], [w.slice(1), false]];
      }
      pieces.forEach(function (piece) {
        if (!piece[0]) return;
        var prev = parts[parts.length - 1];
        if (prev && prev.mark === piece[1] && prev.text !== " · ") prev.text += piece[0];
        else parts.push({ text: piece[0], mark: piece[1] });
      });
    }
    while (parts.length && parts[parts.length - 1].text === " · ") parts.pop();
    if (i < words.length && !(i === words.length - 1 && isBoundary(words[i]))) parts.push({ text: "…", mark: false });
    text = parts.map(function (p) { return p.text; }).join("");
    return { parts: parts, text: text };
  }

  /** One result as plain data: url, title, meeting (date · place), excerpt. */
  async function describe(result) {
    var data = await dataOf(result);
    var ex = excerpt(data.content, data.locations);
    return {
      url: data.url,
      title: (data.meta && data.meta.title) || data.url,
      meeting: (data.meta && data.meta.meeting) || "",
      excerpt: ex.text,
      parts: ex.parts,
    };
  }

  // --- the page --------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function valueLabel(kind, value) {
    return (VALUE_LABELS[kind] && VALUE_LABELS[kind][value]) || value;
  }

  function buildFilters(available) {
    allCounts = Object.assign({}, available || {});
    var kinds = FILTER_KINDS.filter(function (k) { return allCounts[k]; })
      .concat(Object.keys(allCounts).filter(function (k) { return FILTER_KINDS.indexOf(k) < 0; }));
    kinds.forEach(function (kind) {
      var values = Object.keys(allCounts[kind]);
      if (kind === "年份") values.sort(function (a, b) { return a === "unknown" ? 1 : b === "unknown" ? -1 : b.localeCompare(a); });
      else values.sort(function (a, b) { return allCounts[kind][b] - allCounts[kind][a] || a.localeCompare(b, "zh"); });
      var label = el("label", "search-filter", kind + " ");
      var select = el("select");
      select.name = kind;
      select.dataset.filter = kind;
      var any = el("option", null, "全部");
      any.value = "";
      select.appendChild(any);
      values.forEach(function (value) {
        var option = el("option");
        option.value = value;
        select.appendChild(option);
      });
      label.appendChild(select);
      filterList.appendChild(label);
      selects[kind] = select;
      selectFromUrl(kind, select);
      select.addEventListener("change", function () { go(); });
    });
    showCounts(null);
    if (kinds.length) filterBox.hidden = false;
  }

  /** Option labels with the number of reports each value would give (all reports when idle). */
  function showCounts(counts) {
    Object.keys(selects).forEach(function (kind) {
      var byValue = (counts && counts[kind]) || allCounts[kind] || {};
      Array.prototype.forEach.call(selects[kind].options, function (option) {
        if (!option.value) return;
        var n = byValue[option.value] || 0;
        option.textContent = valueLabel(kind, option.value) + "（" + n + "）";
      });
    });
  }

  function state() {
    var filters = {};
    Object.keys(selects).forEach(function (kind) {
      if (selects[kind].value) filters[kind] = selects[kind].value;
    });
    return { q: input.value.trim(), filters: filters };
  }

  /** The value the URL gives a filter; a value this index does not have is kept as an option, so
   *  that the page searches what the URL says (and finds nothing). */
  function selectFromUrl(kind, select) {
    var value = initial.get(kind) || "";
    if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      var option = el("option");
      option.value = value;
      option.textContent = valueLabel(kind, value) + "（0）";
      select.appendChild(option);
    }
    select.value = value;
  }

  function toUrl(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    Object.keys(s.filters).forEach(function (kind) { params.set(kind, s.filters[kind]); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
  }

  function renderResult(item) {
    var li = el("li", "search-result");
    var a = el("a", "search-result-title", item.title);
    a.href = item.url;
    li.appendChild(a);
    if (item.meeting) li.appendChild(el("p", "search-result-meta", item.meeting));
    var p = el("p", "search-result-excerpt");
    item.parts.forEach(function (part) {
      p.appendChild(part.mark ? el("mark", null, part.text) : document.createTextNode(part.text));
    });
    li.appendChild(p);
    return li;
  }

  /** The next results (a page of them, or `count`) at the end of the list. */
  async function showMore(token, count) {
    var batch = current.results.slice(current.shown, current.shown + (count || PAGE_SIZE));
    var items = await Promise.all(batch.map(describe));
    if (token !== seq) return;
    items.forEach(function (item) { list.appendChild(renderResult(item)); });
    current.shown += batch.length;
    more.hidden = current.shown >= current.results.length;
  }

  function describeCount(n, what, done) {
    if (!done) return "已找到 " + n + " 篇与" + what + "相关的报告，正在查找更早的报告…";
    return n ? "找到 " + n + " 篇与" + what + "相关的报告" : "没有找到与" + what + "相关的报告";
  }

  /** Search what the form says. Results are shown as the shards answer, newest first, until the
   *  first page is full; the count and the filters' counts are final when every shard has
   *  answered. The list is aria-busy until then. */
  async function go() {
    var token = ++seq;
    try {
      await setup;
    } catch (err) {
      return;
    }
    if (token !== seq) return;
    var s = state();
    toUrl(s);
    var what = s.q ? "“" + s.q + "”" : "所选条件";
    list.textContent = "";
    more.hidden = true;
    current = null;
    list.setAttribute("aria-busy", "true");
    var told = 0; // when the running count was last put in the status (a live region: not at every shard)
    async function progress(results) {
      if (token !== seq || !results.length) return;
      if (!current) current = { results: results, shown: 0 };
      current.results = results;
      if (current.shown < PAGE_SIZE) await showMore(token, PAGE_SIZE - current.shown); // fill the first page
      if (token !== seq) return;
      if (!told || Date.now() - told > STATUS_EVERY_MS) {
        status.textContent = describeCount(results.length, what, false);
        told = Date.now();
      }
      more.hidden = current.shown >= results.length;
    }
    var res;
    try {
      res = await search(s.q, s.filters, progress);
    } catch (err) {
      if (token === seq) {
        status.textContent = "搜索索引无法加载：" + err;
        list.removeAttribute("aria-busy");
      }
      return;
    }
    if (token !== seq) return;
    list.removeAttribute("aria-busy");
    if (!res) {
      showCounts(null);
      status.textContent = s.q ? "请输入汉字、字母或数字。" : "";
      return;
    }
    showCounts(res.filters);
    status.textContent = describeCount(res.results.length, what, true);
    if (current) {
      current.results = res.results;
      more.hidden = current.shown >= res.results.length;
      if (current.shown < PAGE_SIZE) await showMore(token, PAGE_SIZE - current.shown);
    } else {
      current = { results: res.results, shown: 0 };
      await showMore(token);
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(go, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    go();
  });
  more.addEventListener("click", function () { if (current) showMore(seq); });

  // the URL's query at once (the box may be typed in before the index is loaded), its filters
  // when their lists are built
  var initial = new URLSearchParams(location.search);
  input.value = initial.get("q") || "";
  var setup = (async function () {
    buildFilters((await load()).filters);
  })();
  setup.catch(function (err) {
    status.textContent = "搜索索引无法加载：" + err;
  });
  var ready = setup.then(function () {
    return state().q || Object.keys(state().filters).length ? go() : undefined;
  });

  window.digestSearch = {
    ready: ready,
    phrase: phrase,
    excerpt: excerpt,
    /** How many shards' instances may live at once (the tests make it small). */
    keepAlive: function (n) {
      MAX_LIVE = Math.max(1, n);
    },
    /** The shards a query would ask, newest first (numbers as in pagefind/shards.json, 0 first). */
    shardsFor: async function (query) {
      return candidates(await load(), phrase(query));
    },
    renderResult: renderResult,
    /** {count, results: [{url, title, meeting, excerpt, marks}]} for a query (all results). */
    find: async function (query, filters) {
      var res = await search(query, filters);
      if (!res) return { count: 0, results: [] };
      var items = [];
      for (var i = 0; i < res.results.length; i += PAGE_SIZE) { // a page at a time: from MAX_LIVE shards at most
        items = items.concat(await Promise.all(res.results.slice(i, i + PAGE_SIZE).map(describe)));
      }
      return {
        count: items.length,
        results: items.map(function (it) {
          return {
            url: it.url, title: it.title, meeting: it.meeting, excerpt: it.excerpt,
            marks: it.parts.filter(function (p) { return p.mark; }).map(function (p) { return p.text; }),
          };
        }),
      };
    },
  };
})();

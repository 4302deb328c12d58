// The timeline page: draws the view records of timeline/exporters/pageview.py with
// vis-timeline, and filters them. Text from the articles only ever goes into the page
// as textContent (never innerHTML), so a headline holding markup shows as text.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var events = data.events;
  var byIndex = {};
  events.forEach(function (ev) {
    byIndex[ev.i] = ev;
    ev.haystack = [
      ev.summary, ev.sentence, ev.date, ev.date_text, ev.date_label, ev.type_label, ev.status,
      ev.plover, ev.place && ev.place.name, ev.place && ev.place.country,
    ]
      .concat(ev.actors.map(function (a) { return a.name + " " + a.country; }))
      .concat(ev.documents, ev.reported)
      .filter(Boolean).join("\n").toLowerCase();
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function checked(name) {
    var boxes = document.querySelectorAll('input[name="' + name + '"]');
    var values = new Set();
    boxes.forEach(function (box) { if (box.checked) values.add(box.value); });
    return values;
  }

  var state = { grouping: "type", query: "", types: checked("type"), statuses: checked("status") };

  function shown(ev) {
    return state.types.has(ev.type) && state.statuses.has(ev.status) &&
      (!state.query || ev.haystack.indexOf(state.query) >= 0);
  }

  // A class name from data: only letters, digits, '-' and '_' survive.
  function token(value) { return String(value).replace(/[^A-Za-z0-9_-]/g, "-"); }

  function shorten(text, size) {
    return text.length > size ? text.slice(0, size - 1).trimEnd() + "…" : text;
  }

  var items = new vis.DataSet();
  var groups = new vis.DataSet();
  var chartBox = document.getElementById("chart");
  var chart = new vis.Timeline(chartBox, items, groups, {
    stack: true,
    selectable: true,
    multiselect: false,
    showCurrentTime: false,
    zoomMin: 60 * 60 * 1000,
    maxHeight: Math.max(360, Math.round(window.innerHeight * 0.7)),
    verticalScroll: true, // many lanes: a scroll bar, not a chart taller than the screen
    zoomKey: "ctrlKey", // with a scroll bar, the wheel scrolls; Ctrl+wheel (or the buttons) zooms
    groupOrder: "order",
    margin: { item: { horizontal: 4, vertical: 6 }, axis: 6 },
    orientation: { axis: "both", item: "top" }, // lanes fill downwards, the first in sight
  });

  function content(ev) {
    var node = el("span", null, shorten(ev.summary || ev.type_label, 40));
    node.title = ev.summary + " (" + ev.date_label + ")";
    return node;
  }

  function redraw() {
    var visible = events.filter(shown);
    var used = new Set();
    var drawn = [];
    visible.forEach(function (ev) {
      if (!ev.start) return;
      ev.lanes[state.grouping].forEach(function (lane, k) {
        used.add(lane);
        var item = {
          id: ev.i + "/" + k,
          group: lane,
          start: ev.start,
          type: ev.end ? "range" : "box",
          content: content(ev),
          className: "type-" + token(ev.type) + " status-" + token(ev.status),
        };
        if (ev.end) item.end = ev.end; // a point has no `end` at all: vis reads one if the key is there
        drawn.push(item);
      });
    });
    items.clear();
    groups.clear();
    groups.add(data.lanes[state.grouping]
      .filter(function (lane) { return used.has(lane); })
      .map(function (lane, n) { return { id: lane, content: el("span", null, lane), order: n }; }));
    items.add(drawn);
    chartBox.hidden = drawn.length === 0;
    var keep = new Set(visible.map(function (ev) { return String(ev.i); }));
    document.querySelectorAll("#events tbody tr").forEach(function (row) {
      row.hidden = !keep.has(row.dataset.i);
    });
    var dated = visible.filter(function (ev) { return ev.start; }).length;
    counted = "Showing " + visible.length + " of " + events.length + " events";
    if (dated < visible.length) counted += " (" + (visible.length - dated) + " undated: table only)";
    document.getElementById("count").textContent = counted + ".";
  }

  var counted = "";
  // The events the window shows (in time: a lane scrolled out of sight still counts).
  function countInView() {
    var range = chart.getWindow();
    var from = range.start.valueOf(), to = range.end.valueOf();
    var inView = new Set(), onChart = new Set();
    items.forEach(function (item) {
      var index = String(item.id).split("/")[0];
      onChart.add(index);
      var start = vis.moment(item.start).valueOf();
      var end = item.end ? vis.moment(item.end).valueOf() : start;
      if (start <= to && end >= from) inView.add(index);
    });
    var line = counted;
    if (inView.size < onChart.size) {
      line += "; in view: " + inView.size + " of the " + onChart.size + " drawn (Show all for the rest)";
    }
    document.getElementById("count").textContent = line + ".";
  }

  // After vis has drawn (not while it is taking new items): what is in view then.
  // The first drawing fits every item; the page then opens where it means to.
  var opened = false;
  chart.on("changed", function () {
    if (!opened) {
      opened = true;
      opening();
      document.documentElement.dataset.ready = "true";
    }
    countInView();
  });

  // Where the chart opens: on the events dated to a day or finer when a few coarse
  // ones (a year, a decade) would squeeze them into a sliver; else on everything.
  function opening() {
    var all = items.get();
    var points = all.filter(function (it) { return !it.end; }).map(function (it) { return vis.moment(it.start).valueOf(); });
    if (!points.length || points.length === all.length) return chart.fit({ animation: false });
    var first = Math.min.apply(null, points), last = Math.max.apply(null, points);
    var ends = all.map(function (it) { return vis.moment(it.end || it.start).valueOf(); });
    var starts = all.map(function (it) { return vis.moment(it.start).valueOf(); });
    var whole = Math.max.apply(null, ends) - Math.min.apply(null, starts);
    var day = 24 * 60 * 60 * 1000;
    var pad = Math.max(day, (last - first) * 0.15);
    if (whole < 4 * (last - first + 2 * pad)) return chart.fit({ animation: false });
    chart.setWindow(first - pad, last + pad, { animation: false });
  }

  // The sentence with its marks: the date as written, the event's word.
  function evidence(sentence, marks) {
    var box = el("blockquote", "evidence");
    var at = 0;
    marks.forEach(function (mark) {
      if (mark[0] < at) return;
      box.appendChild(document.createTextNode(sentence.slice(at, mark[0])));
      box.appendChild(el(mark[2] === "date" ? "mark" : "strong", mark[2], sentence.slice(mark[0], mark[1])));
      at = mark[1];
    });
    box.appendChild(document.createTextNode(sentence.slice(at)));
    return box;
  }

  function link(text, url) {
    if (!/^https?:\/\//.test(url || "")) return el("span", null, text);
    var a = el("a", null, text);
    a.href = url;
    a.rel = "noopener noreferrer";
    return a;
  }

  function fact(list, term, value) {
    if (value === undefined || value === null || value === "" ) return;
    list.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    list.appendChild(dd);
  }

  function bullets(lines) {
    if (!lines.length) return null;
    var ul = el("ul");
    lines.forEach(function (line) { ul.appendChild(el("li", null, line)); });
    return ul;
  }

  function actorLine(actor) {
    var about = [actor.role, actor.country, actor.label].filter(Boolean).join(", ");
    return about ? actor.name + " (" + about + ")" : actor.name;
  }

  function placeLine(place) {
    if (!place) return null;
    var line = place.name;
    if (place.country) line += ", " + place.country;
    if (place.lat !== null && place.lon !== null) {
      line += " (" + place.lat.toFixed(2) + ", " + place.lon.toFixed(2) + ")";
    }
    return line;
  }

  function show(index) {
    var ev = byIndex[index];
    var box = document.getElementById("detail");
    if (!ev) return;
    box.replaceChildren();
    box.appendChild(el("h2", null, ev.summary));
    var list = el("dl");
    var when = ev.date_label;
    if (ev.date && ev.date !== ev.date_label) when += " (TIMEX3 " + ev.date + ")";
    fact(list, "When", when);
    fact(list, "As written", ev.date_text ? "“" + ev.date_text + "”"
      : ev.dated_by === "context" ? "not written: the day the story is at (implied)" : null);
    fact(list, "Type", ev.type_label);
    fact(list, "PLOVER", ev.plover);
    fact(list, "Status", ev.status);
    fact(list, "Where", placeLine(ev.place));
    fact(list, "Who", bullets(ev.actors.map(actorLine)));
    fact(list, "Reported", bullets(ev.reported));
    fact(list, "Sources disagree", bullets(ev.conflicts));
    box.appendChild(list);
    box.appendChild(evidence(ev.sentence, ev.marks));
    var source = el("p", "source", "From ");
    source.appendChild(link(ev.documents[0], ev.url));
    box.appendChild(source);
    if (ev.sources.length) {
      box.appendChild(el("h3", null, "Every source (" + ev.sources.length + ")"));
      var ol = el("ol", "sources");
      ev.sources.forEach(function (item) {
        var li = el("li");
        li.appendChild(link(item.document, item.url));
        if (item.anchor) li.appendChild(document.createTextNode(", dated " + item.anchor));
        li.appendChild(evidence(item.sentence, item.marks));
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    document.querySelectorAll("#events tbody tr").forEach(function (row) {
      row.classList.toggle("chosen", row.dataset.i === String(index));
    });
  }

  chart.on("select", function (props) {
    if (props.items.length) show(Number(String(props.items[0]).split("/")[0]));
  });

  document.getElementById("events").addEventListener("click", function (click) {
    var button = click.target.closest("button[data-i]");
    if (!button) return;
    var index = Number(button.dataset.i);
    show(index);
    var ids = items.getIds().filter(function (id) { return String(id).split("/")[0] === String(index); });
    chart.setSelection(ids);
    if (ids.length) {
      chart.moveTo(byIndex[index].start, { animation: false }); // at the zoom the reader chose
      chartBox.scrollIntoView({ block: "nearest" });
    }
  });

  document.getElementById("search").addEventListener("input", function (input) {
    state.query = input.target.value.trim().toLowerCase();
    redraw();
  });
  document.getElementById("lanes").addEventListener("change", function (change) {
    state.grouping = change.target.value;
    redraw();
    chart.fit({ animation: false });
  });
  document.getElementById("controls").addEventListener("change", function (change) {
    if (change.target.name === "type") state.types = checked("type");
    else if (change.target.name === "status") state.statuses = checked("status");
    else return;
    redraw();
  });
  document.getElementById("controls").addEventListener("submit", function (submit) {
    submit.preventDefault();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { chart.zoomIn(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { chart.zoomOut(0.5); });
  document.getElementById("fit").addEventListener("click", function () { chart.fit(); });

  redraw();
})();

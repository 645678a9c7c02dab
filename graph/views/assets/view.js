// chidao HTML view: turns the JSON data block into a vis-network drawing.
// Tooltips are built as DOM nodes with textContent, never from HTML strings, so
// text taken from a document (a subject with "<script>" in it) stays text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chidao-data").textContent);

  function tipElement(rows) {
    var box = document.createElement("div");
    box.className = "chidao-tip";
    rows.forEach(function (row) {
      var line = document.createElement("div");
      if (row.length > 1) {
        var key = document.createElement("b");
        key.textContent = row[0] + ": ";
        line.appendChild(key);
        line.appendChild(document.createTextNode(row[1]));
      } else {
        line.className = "chidao-tip-note";
        line.textContent = row[0];
      }
      box.appendChild(line);
    });
    return box;
  }

  function withTips(items) {
    items.forEach(function (item) {
      if (item.tip) {
        item.title = tipElement(item.tip);
        delete item.tip;
      }
    });
    return items;
  }

  // Distance from point p to the segment a-b.
  function distance(p, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y;
    var t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1);
    t = Math.max(0, Math.min(1, t));
    return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
  }

  // An edge that skips a lane (district letter -> Government resolution) is drawn
  // straight unless a node sits on its way; then it bends to the freer side.
  function bendSkippingEdges(network, edges) {
    var pos = network.getPositions();
    var ids = Object.keys(pos);
    var updates = [];
    edges.forEach(function (e) {
      if (!e.skip) {
        return;
      }
      var a = pos[e.from], b = pos[e.to];
      var others = ids.filter(function (id) {
        return id !== String(e.from) && id !== String(e.to);
      });
      var blocked = others.some(function (id) {
        return distance(pos[id], a, b) < 50;
      });
      if (!blocked) {
        updates.push({ id: e.id, smooth: { enabled: false } });
        return;
      }
      // Clearance of each side's bulge: the farthest from every other node wins.
      var len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      var nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
      var mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      function clearance(sign) {
        var c = { x: mid.x + sign * nx * len * 0.2, y: mid.y + sign * ny * len * 0.2 };
        return Math.min.apply(null, others.map(function (id) {
          return Math.hypot(pos[id].x - c.x, pos[id].y - c.y);
        }));
      }
      // vis-network's curvedCW bulges to the left of from -> to, curvedCCW to the right.
      var type = clearance(1) >= clearance(-1) ? "curvedCCW" : "curvedCW";
      updates.push({ id: e.id, smooth: { enabled: true, type: type, roundness: 0.4 } });
    });
    edges.update(updates);
  }

  // Centre the drawing in the part of the window the legend leaves free, zooming
  // out only as far as needed for it to fit there.
  function fitBesideLegend(network, container) {
    var width = container.clientWidth;
    var free = width - document.getElementById("chidao-legend").offsetWidth - 20;
    var pos = network.getPositions();
    var ids = Object.keys(pos);
    if (free < 240 || !ids.length) {
      return; // a narrow window: vis-network's own fit, under the legend
    }
    var xs = ids.map(function (id) { return pos[id].x; });
    var ys = ids.map(function (id) { return pos[id].y; });
    var margin = 90; // room for labels beside the outermost nodes
    var minX = Math.min.apply(null, xs) - margin, maxX = Math.max.apply(null, xs) + margin;
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    network.fit({ animation: false });
    var scale = network.getScale();
    if ((maxX - minX) * scale > free) {
      scale = free / (maxX - minX);
    }
    network.moveTo({
      position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 },
      scale: scale,
      offset: { x: (width - free) / 2, y: 0 },
      animation: false,
    });
  }

  var nodes = new vis.DataSet(withTips(data.nodes));
  var edges = new vis.DataSet(withTips(data.edges));
  var container = document.getElementById("chidao-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  bendSkippingEdges(network, edges);
  fitBesideLegend(network, container);
  // Exposed for the browser console and the browser tests.
  window.network = network;
  network.once("afterDrawing", function () {
    // When (ms since navigation) the first frame was drawn: tests and bench wait for it.
    document.body.setAttribute("data-drawn", String(Math.round(performance.now())));
  });

  // The legend's level switches hide or show every node of that level.
  document.querySelectorAll("#chidao-legend input[data-level]").forEach(function (box) {
    box.addEventListener("change", function () {
      var level = box.getAttribute("data-level");
      var changed = nodes.get({
        filter: function (n) {
          return n.lvl === level;
        },
      });
      nodes.update(
        changed.map(function (n) {
          return { id: n.id, hidden: !box.checked };
        })
      );
    });
  });

  var search = document.getElementById("chidao-search");
  var status = document.getElementById("chidao-search-status");
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") {
      return;
    }
    var query = search.value.trim().toLowerCase();
    if (!query) {
      network.unselectAll();
      network.fit({ animation: false });
      status.textContent = "";
      return;
    }
    var ids = nodes.getIds({
      filter: function (n) {
        return (n.search || "").indexOf(query) >= 0;
      },
    });
    network.selectNodes(ids);
    if (ids.length) {
      network.fit({ nodes: ids, animation: false });
    }
    status.textContent = ids.length + " found";
  });
})();

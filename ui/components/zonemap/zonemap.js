/* The zone map: a Leaflet map that is built once and restyled in place.
 *
 * Streamlit (components v1 protocol, postMessage) sends the same iframe a new "render" message on every
 * script run. The geometry is fetched once from a content-hashed static file; every later message only
 * restyles the existing polygons, swaps tooltip texts and the legend — so pan and zoom survive and no
 * geometry travels again. A click sends {zone, n} back (n makes a repeated click a new value).
 * Asked to (report_drawn), it also sends {drawn: true} once, after its first paint.
 * Data text arrives already HTML-escaped (tooltips, legend) or is set with textContent (title, notes).
 */
(function () {
  "use strict";

  var S = {
    args: null, leaflet: null, geometryUrl: null, geometry: null, map: null,
    zones: {}, order: [], districts: null, context: null, tiles: null, tileKey: null,
    zoomN: null, clicks: 0, reported: false, height: null, controls: {}, tileOk: false, tileErrors: 0
  };

  function send(type, extra) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in extra) { msg[k] = extra[k]; }
    window.parent.postMessage(msg, "*");
  }

  // One request per URL, whoever asks first (the early start below, or the render message).
  var scripts = {}, sheets = {};
  function absolute(url) { return new URL(url, document.baseURI).href; }

  function loadScript(src) {
    var url = absolute(src);
    if (!scripts[url]) {
      scripts[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url; s.onload = resolve; s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return scripts[url];
  }

  function loadSheet(href) {
    var url = absolute(href);
    if (!sheets[url]) {
      var l = document.createElement("link"); l.rel = "stylesheet"; l.href = url;
      document.head.insertBefore(l, document.head.firstChild);
      sheets[url] = true;
    }
  }

  function loadLeaflet(assets) {
    if (!S.leaflet) {
      (assets.css || []).forEach(loadSheet);
      S.leaflet = (assets.js || []).reduce(function (p, src) {
        return p.then(function () { return loadScript(src); });
      }, Promise.resolve());
    }
    return S.leaflet;
  }

  // The app's own Leaflet (ui.zonemap.leaflet_assets, when installed) sits at a known place next to
  // this component: start fetching it now, while Streamlit is still sending the first render message,
  // instead of after it (cold load). If it is not there, the render message names the CDN copy.
  var OWN_LEAFLET = "../../app/static/vendor/leaflet/leaflet";
  loadScript(OWN_LEAFLET + ".js").catch(function () { /* not installed: the render message decides */ });
  loadSheet(OWN_LEAFLET + ".css");

  function loadGeometry(url) {
    if (S.geometryUrl !== url) {
      S.geometryUrl = url;
      S.geometry = fetch(url).then(function (r) {
        if (!r.ok) { throw new Error("geometry " + r.status); }
        return r.json();
      });
    }
    return S.geometry;
  }

  // [x0, y0, dx, dy, …] in units of 10^-decimals → Leaflet [lat, lng] pairs.
  function ring(codes, scale) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < codes.length; i += 2) {
      x += codes[i]; y += codes[i + 1];
      out.push([y / scale, x / scale]);
    }
    return out;
  }

  function polygonLatLngs(polys, scale) {
    return polys.map(function (rings) { return rings.map(function (r) { return ring(r, scale); }); });
  }

  function control(position, className, build) {
    var ctl = L.control({position: position});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", className);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      if (build) { build(div); }
      return div;
    };
    return ctl;
  }

  function buildMap(doc) {
    var scale = Math.pow(10, doc.decimals);
    var map = L.map("map", {zoomSnap: 0.25, preferCanvas: false, attributionControl: true});
    map.createPane("lk-context").style.zIndex = 350;
    map.createPane("lk-outlines").style.zIndex = 450;
    map.getPane("lk-outlines").style.pointerEvents = "none";
    L.control.scale({imperial: false}).addTo(map);
    var kinds = Object.keys(doc.context || {});
    if (kinds.length) {
      // Context under the zones: water areas first, then coastline and road lines (drawing order).
      var look = {water: {color: "#9ecae1", fill: "#c6dbef", weight: 0.6}, coastline: {color: "#6b8fb3", weight: 1.2},
                  road: {color: "#9a9a9a", weight: 0.9}};
      var parts = [];
      kinds.forEach(function (kind) {
        var st = look[kind] || {color: "#9a9a9a", weight: 0.8}, c = doc.context[kind];
        (c.areas || []).forEach(function (rings) {
          parts.push(L.polygon(rings.map(function (r) { return ring(r, scale); }),
            {pane: "lk-context", interactive: false, stroke: false, fillColor: st.fill || st.color, fillOpacity: 0.9}));
        });
        (c.lines || []).forEach(function (codes) {
          parts.push(L.polyline(ring(codes, scale), {pane: "lk-context", interactive: false, color: st.color,
                                                      weight: st.weight, opacity: 0.9}));
        });
      });
      S.context = L.layerGroup(parts).addTo(map);
      if (S.args && S.args.texts.context_attr) { map.attributionControl.addAttribution(S.args.texts.context_attr); }
    }
    doc.zones.ids.forEach(function (id, i) {
      var layer = L.polygon(polygonLatLngs(doc.zones.geoms[i], scale), {weight: 0.8, color: "#ffffff"});
      layer.zoneId = id;
      layer.feature = {properties: {zone_id: id}};  // what tests and tools expect of a Leaflet feature
      layer.on("click", function () {
        if (S.args && S.args.selectable) {
          S.clicks += 1;
          send("streamlit:setComponentValue", {value: {zone: id, n: S.clicks}, dataType: "json"});
        }
      });
      layer.addTo(map);
      S.zones[id] = layer;
      S.order.push(id);
    });
    S.districts = L.layerGroup(doc.districts.ids.map(function (id, i) {
      return L.polygon(polygonLatLngs(doc.districts.geoms[i], scale),
                       {pane: "lk-outlines", interactive: false, fill: false, color: "#252525", weight: 2.2, opacity: 0.9});
    }));
    S.controls.title = control("topright", "lk-maptitle");
    S.controls.title.addTo(map);
    S.controls.demo = control("topleft", "lk-demo");
    S.controls.legend = control("bottomright", "lk-legend");
    S.controls.legend.addTo(map);
    S.controls.note = control("bottomleft", "lk-note");
    S.controls.note.addTo(map);
    S.controls.share = control("topleft", "lk-share", function (div) {
      var b = document.createElement("button"); b.type = "button"; div.appendChild(b);
      var out = document.createElement("span"); out.className = "lk-copied"; out.hidden = true;
      out.setAttribute("role", "status"); div.appendChild(out);
      b.addEventListener("click", function () { share(out); });
    });
    map.fitBounds(doc.bounds);
    S.map = map;
    map.on("zoomend moveend", function () {
      window.__lkView = {zoom: map.getZoom(), center: map.getCenter()};
    });
    window.map = map;  // e2e tests and debugging: the one map of this frame
  }

  function parentUrl() {
    try { return window.top.location.href; } catch (e) { return document.referrer || ""; }
  }

  function share(out) {
    var url = parentUrl(), t = S.args.texts;
    function done(ok) {
      out.hidden = false;
      out.textContent = ok ? t.copied : t.copy_failed + " " + url;
      setTimeout(function () { out.hidden = true; }, 6000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { done(true); }, function () { done(fallbackCopy(url)); });
    } else {
      done(fallbackCopy(url));
    }
  }

  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text; ta.style.position = "fixed"; ta.style.opacity = "0";
    document.body.appendChild(ta); ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    window.__lkShared = text;
    return ok;
  }

  function styleOf(id, view) {
    var s = view.styles[id], missing = !s || s[1] < 0, sel = id === view.selected;
    return {fillColor: s ? s[0] : "#bdbdbd", fillOpacity: missing ? 0.75 : 0.85,
            color: sel ? "#000000" : (missing ? "#737373" : "#ffffff"),
            weight: sel ? 3.5 : (missing ? 1 : 0.8), opacity: 1, dashArray: (missing && !sel) ? "3 3" : null};
  }

  function setBasemap(b) {
    var key = b ? b.url : "";
    if (key === S.tileKey) { return; }
    S.tileKey = key;
    if (S.tiles) { S.map.removeLayer(S.tiles); S.tiles = null; }
    S.tileOk = false; S.tileErrors = 0;
    if (!b) { return; }
    // errorTileUrl: a transparent pixel, so an unreachable server leaves no broken-image icons.
    var blank = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
    S.tiles = L.tileLayer(b.url, {attribution: b.attribution, maxZoom: b.max_zoom || 19, errorTileUrl: blank});
    // Leaflet reports the stand-in pixel of a failed tile as loaded too: only a real tile counts.
    S.tiles.on("tileload", function (e) { if (e.tile && e.tile.src !== blank) { S.tileOk = true; showNote(); } });
    S.tiles.on("tileerror", function () { S.tileErrors += 1; showNote(); });
    S.tiles.addTo(S.map);
  }

  function showNote() {
    var el = S.controls.note.getContainer(), a = S.args;
    var off = S.tiles && !S.tileOk && S.tileErrors > 0;
    el.textContent = off ? a.texts.basemap_off : "";
    el.hidden = !off;
    document.body.setAttribute("data-basemap", !S.tiles ? "none" : (off ? "unavailable" : (S.tileOk ? "ok" : "loading")));
  }

  function apply(a) {
    var view = a.view, map = S.map;
    S.order.forEach(function (id) {
      var layer = S.zones[id];
      layer.setStyle(styleOf(id, view));
      var tip = view.tips[id];
      if (tip) {
        if (layer.getTooltip()) { layer.setTooltipContent(tip); }
        else { layer.bindTooltip(tip, {sticky: true, className: "lk-tip"}); }
      } else if (layer.getTooltip()) { layer.unbindTooltip(); }
    });
    if (view.selected && S.zones[view.selected]) { S.zones[view.selected].bringToFront(); }
    S.controls.legend.getContainer().innerHTML = view.legend;  // built and escaped in Python
    S.controls.title.getContainer().textContent = view.title;
    var demo = S.controls.demo;
    if (a.demo) { if (!demo.getContainer()) { demo.addTo(map); } demo.getContainer().textContent = a.demo; }
    else if (demo.getContainer() && demo.getContainer().parentNode) { demo.remove(); }
    var share = S.controls.share;
    if (a.share) {
      if (!share.getContainer() || !share.getContainer().parentNode) { share.addTo(map); }
      share.getContainer().querySelector("button").textContent = a.texts.share;
    } else if (share.getContainer() && share.getContainer().parentNode) { share.remove(); }
    if (a.districts) { S.districts.addTo(map); } else { map.removeLayer(S.districts); }
    setBasemap(a.basemap);
    showNote();
    if (a.zoom && a.zoom.n !== S.zoomN) {
      S.zoomN = a.zoom.n;
      if (a.zoom.bounds) { map.fitBounds(a.zoom.bounds, {maxZoom: 16}); }
    }
    document.documentElement.lang = a.lang;
    document.getElementById("map").setAttribute("aria-label", a.frame_title);
    document.title = a.frame_title;
    try { if (window.frameElement) { window.frameElement.title = a.frame_title; } } catch (e) { /* cross-origin */ }
    window.__lkRenders = (window.__lkRenders || 0) + 1;
    document.body.setAttribute("data-view", view.title);
    document.body.setAttribute("data-runs", String(a.runs));  // script runs of this session (tests count them)
  }

  function setHeight(h) {
    if (h !== S.height) { S.height = h; send("streamlit:setFrameHeight", {height: h}); }
  }

  function onRender(a) {
    S.args = a;
    setHeight(a.height);
    // Leaflet and the geometry load side by side (the geometry is plain JSON: it needs no Leaflet).
    Promise.all([loadLeaflet(a.assets), loadGeometry(a.geometry)]).then(function (got) {
      var doc = got[1];
      if (S.args !== a) { return; }  // a newer message arrived meanwhile; it applies itself
      if (!S.map) { buildMap(doc); }
      apply(a);
      if (S.map) { S.map.invalidateSize(); }
      reportDrawn(a);
    }).catch(function (err) {
      var el = document.getElementById("map");
      el.textContent = (a.texts && a.texts.failed ? a.texts.failed + " " : "") + String(err.message || err);
      reportDrawn(a);  // a map that failed must not hold back the page's controls
    });
  }

  // The page draws its controls once the map has painted (ui.controls.controls_after_map): say so once,
  // after the next frame, so the polygons reach the screen before the page's own work starts again.
  function reportDrawn(a) {
    if (!a.report_drawn || S.reported) { return; }
    S.reported = true;
    requestAnimationFrame(function () {
      setTimeout(function () {
        send("streamlit:setComponentValue", {value: {drawn: true, n: S.clicks}, dataType: "json"});
      }, 0);
    });
  }

  window.addEventListener("message", function (event) {
    var d = event.data;
    if (d && d.type === "streamlit:render") { onRender(d.args.spec); }
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();

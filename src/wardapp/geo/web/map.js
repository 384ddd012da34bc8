/*
 * wardapp map page: the parts folium does not build.
 *
 * - households: per-town circles with counts at low zoom; at high zoom a canvas GridLayer that
 *   fetches one small JSON per tile (wardapp://data/households/{z}/{x}/{y}.json) and draws the
 *   points coloured by score band (200,000 households stay smooth: no DOM node per household);
 * - the town choropleth, recoloured from wardapp://data/choropleth/{kind}/{threshold}.json;
 * - numbered markers of a selection (「住んでいる場所を番号で表示します」);
 * - drawing (Leaflet.draw: polygon, rectangle, circle), the legend, and the bridge to Python
 *   through QWebChannel: ready(), areaDrawn(json), areaCleared(), householdClicked(id),
 *   mapClicked(lat, lon);
 * - outlines of areas Python chose (picked 町字, a flood-depth class, a reopened saved area).
 *
 * Every URL here is wardapp://…: the page never reaches the network.
 */
(function () {
  'use strict';

  var W = window.wardapp = window.wardapp || {};
  W.layers = {};
  W.bridge = null;
  W.state = { ready: false, drawing: false, tilesPending: 0, tilesLoaded: 0, tileErrors: 0 };
  var pending = [];

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fmt(n) { return Number(n).toLocaleString('ja-JP'); }

  /* Call a slot of the Python bridge (queued until the channel is up). */
  W.call = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (W.bridge && typeof W.bridge[name] === 'function') {
      W.bridge[name].apply(W.bridge, args);
    } else {
      pending.push([name, args]);
    }
  };

  /* ---------------------------------------------------------------- households */

  function bandColour(cfg, b) {
    return b >= 0 && b < cfg.bands.length ? cfg.bands[b].colour : cfg.neutral;
  }
  /* Dots grow with the zoom and with the band (the most in need are also the largest). */
  function dotRadius(cfg, z, b) {
    var base = z <= 15 ? 1.8 : z === 16 ? 2.6 : z === 17 ? 3.5 : 4.5;
    return base + (b > 0 ? b * 0.7 : 0);
  }

  var HouseholdTiles = L.GridLayer.extend({
    initialize: function (cfg, options) {
      L.GridLayer.prototype.initialize.call(this, options);
      this._cfg = cfg;
      this._data = {};
      this.on('tileunload', function (e) { delete this._data[this._key(e.coords)]; }, this);
    },
    _key: function (c) { return c.z + '/' + c.x + '/' + c.y; },
    createTile: function (coords, done) {
      var tile = document.createElement('canvas');
      var size = this.getTileSize();
      var ratio = window.devicePixelRatio || 1;
      tile.width = size.x * ratio;
      tile.height = size.y * ratio;
      var self = this;
      var url = this._cfg.url.replace('{z}', coords.z).replace('{x}', coords.x).replace('{y}', coords.y);
      W.state.tilesPending++;
      fetch(url).then(function (res) {
        if (!res.ok) { throw new Error('HTTP ' + res.status); }
        return res.json();
      }).then(function (d) {
        self._data[self._key(coords)] = d;
        self._draw(tile, d, coords.z, ratio);
        W.state.tilesLoaded++;
        done(null, tile);
      }).catch(function (err) {
        W.state.tileErrors++;
        done(err, tile);
      }).then(function () { W.state.tilesPending--; });
      return tile;
    },
    _draw: function (tile, d, z, ratio) {
      var cfg = this._cfg;
      var ctx = tile.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = z <= 15 ? 0.6 : 1;
      ctx.strokeStyle = 'rgba(20,20,20,0.85)';
      for (var i = 0; i < d.id.length; i++) {
        var b = d.b[i];
        ctx.beginPath();
        ctx.arc(d.x[i] + 0.5, d.y[i] + 0.5, dotRadius(cfg, z, b), 0, 2 * Math.PI);
        ctx.fillStyle = bandColour(cfg, b);
        ctx.fill();
        ctx.stroke();
      }
      if (d.c) { // category letters (高乳妊障医) beside the dot: readable in black and white
        ctx.font = 'bold 11px "Noto Sans CJK JP", "Yu Gothic UI", "Meiryo", sans-serif';
        ctx.textBaseline = 'middle';
        ctx.lineWidth = 3;
        ctx.strokeStyle = 'rgba(255,255,255,0.9)';
        ctx.fillStyle = '#111';
        for (var j = 0; j < d.id.length; j++) {
          if (!d.c[j]) { continue; }
          var x = d.x[j] + dotRadius(cfg, z, d.b[j]) + 2;
          ctx.strokeText(d.c[j], x, d.y[j]);
          ctx.fillText(d.c[j], x, d.y[j]);
        }
      }
    },
    /* The household drawn nearest to a click (within its dot), or null. */
    hit: function (latlng) {
      var map = this._map;
      if (!map) { return null; }
      var z = this._tileZoom;
      if (z === undefined) { return null; }
      var p = map.project(latlng, z);
      var tx = Math.floor(p.x / 256), ty = Math.floor(p.y / 256);
      var d = this._data[z + '/' + tx + '/' + ty];
      if (!d) { return null; }
      var px = p.x - tx * 256, py = p.y - ty * 256;
      var best = null, bestD = Infinity;
      for (var i = 0; i < d.id.length; i++) {
        var r = dotRadius(this._cfg, z, d.b[i]) + 3;
        var dx = d.x[i] + 0.5 - px, dy = d.y[i] + 0.5 - py, dd = dx * dx + dy * dy;
        if (dd <= r * r && dd <= bestD) { best = d.id[i]; bestD = dd; }
      }
      return best;
    }
  });

  var HouseholdsLayer = L.Layer.extend({
    initialize: function (cfg) {
      this._cfg = cfg;
      this._tiles = new HouseholdTiles(cfg, {
        pane: 'wa-households', minZoom: cfg.min_zoom, maxZoom: 22, updateWhenZooming: false, keepBuffer: 1
      });
      this._agg = L.layerGroup();
      var minZoom = cfg.min_zoom;
      cfg.aggregates.forEach(function (a) {
        var d = aggDiameter(a.n);
        L.marker([a.lat, a.lon], {
          pane: 'wa-aggregates', keyboard: false,
          icon: L.divIcon({ className: 'wa-agg', iconSize: [d, d], html: '<span>' + fmt(a.n) + '</span>' })
        }).bindTooltip(esc(a.name) + '：' + fmt(a.n) + '世帯', { direction: 'top' })
          .on('click', function (e) {
            L.DomEvent.stopPropagation(e);
            this._map.setView([a.lat, a.lon], minZoom);
          }, this).addTo(this._agg);
      }, this);
    },
    onAdd: function (map) {
      map.on('zoomend', this._update, this);
      this._update();
    },
    onRemove: function (map) {
      map.off('zoomend', this._update, this);
      map.removeLayer(this._tiles);
      map.removeLayer(this._agg);
    },
    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var points = map.getZoom() >= this._cfg.min_zoom;
      if (points) {
        map.removeLayer(this._agg);
        if (!map.hasLayer(this._tiles)) { map.addLayer(this._tiles); }
      } else {
        map.removeLayer(this._tiles);
        if (!map.hasLayer(this._agg)) { map.addLayer(this._agg); }
      }
    },
    hit: function (latlng) {
      return this._map && this._map.hasLayer(this._tiles) ? this._tiles.hit(latlng) : null;
    },
    showsPoints: function () { return !!(this._map && this._map.hasLayer(this._tiles)); },
    tilesDone: function () {
      return !this.showsPoints() || (W.state.tilesPending === 0 && this._tiles.isLoading() === false);
    }
  });

  function aggDiameter(n) { return Math.min(64, Math.round(22 + Math.sqrt(n) * 0.6)); }

  W.householdLayer = function (cfg) {
    W.householdConfig = cfg;
    return new HouseholdsLayer(cfg);
  };

  /* ---------------------------------------------------------------- towns */

  /* Town names, placed under the household circle of the town so both stay readable. */
  W.townLabels = function (group, labels, minZoom) {
    W.townLabelMinZoom = minZoom;
    labels.forEach(function (t) {
      var below = t.n > 0 ? Math.round(aggDiameter(t.n) / 2) + 1 : -8;
      L.marker([t.lat, t.lon], {
        pane: 'wa-labels', interactive: false, keyboard: false,
        icon: L.divIcon({
          className: 'wa-town-label', iconSize: [0, 0],
          html: '<div style="top:' + below + 'px">' + esc(t.name) + '</div>'
        })
      }).addTo(group);
    });
  };

  /* ---------------------------------------------------------------- choropleth */

  var Choropleth = L.GeoJSON.extend({
    initialize: function (towns, cfg) {
      this._cfg = cfg;
      this._info = null;
      var self = this;
      L.GeoJSON.prototype.initialize.call(this, towns ? towns.toGeoJSON(false) : null, {
        pane: 'wa-areas',
        style: function () { return { color: '#555', weight: 0.6, fillColor: '#ffffff', fillOpacity: 0 }; },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () { return self._tooltip(f); }, { sticky: true });
        }
      });
      this.on('add', function () {
        if (!this._info) { W.setChoropleth(cfg.kind, cfg.threshold); }
        W.updateLegend();
      }, this);
      this.on('remove', function () { W.updateLegend(); });
    },
    _tooltip: function (f) {
      var p = f.properties || {};
      if (!this._info) { return esc(p.name || ''); }
      var n = this._info.counts[String(p.id)] || 0;
      return esc(p.name || '') + '：' + fmt(n) + esc(this._info.unit);
    },
    apply: function (info) {
      this._info = info;
      this.eachLayer(function (layer) {
        var n = info.counts[String(layer.feature.properties.id)] || 0;
        var k = 0;
        for (var i = 0; i < info.breaks.length; i++) { if (n >= info.breaks[i]) { k = i; } }
        layer.setStyle({ fillColor: info.colours[k], fillOpacity: 0.72 });
      });
      W.updateLegend();
    }
  });

  W.choroplethLayer = function (towns, cfg) {
    W.choroplethConfig = cfg;
    return new Choropleth(towns, cfg);
  };

  /* Recolour the choropleth for (kind, threshold), showing the layer if it is hidden. */
  W.setChoropleth = function (kind, threshold) {
    var layer = W.layers.choropleth;
    if (!layer) { return Promise.resolve(null); }
    var url = W.choroplethConfig.url.replace('{kind}', encodeURIComponent(kind))
      .replace('{threshold}', encodeURIComponent(threshold));
    return fetch(url).then(function (r) { return r.json(); }).then(function (info) {
      layer.apply(info);
      if (W.map && !W.map.hasLayer(layer)) { W.map.addLayer(layer); }
      return info;
    });
  };

  /* ---------------------------------------------------------------- numbered markers */

  W.numberedLayer = function () { return L.layerGroup(); };

  /* markers: [{lat, lon, label, numbers, ids, band}] (wardapp.geo.mapdata.numbered_markers),
   * lowest number (most in need) first.  A whole 町字 can hold a thousand markers: where labels
   * would cover each other, the lower number keeps its label and the others are drawn as the
   * same marker without its number, a small dot in the band colour (number in the tooltip); zooming in labels more of them, and at
   * the highest zoom every marker is labelled.  Laid out again after every zoom. */
  W.showNumbered = function (markers) {
    W._numbered = markers;
    W.layoutNumbered();
    var layer = W.layers.numbered;
    if (W.map && !W.map.hasLayer(layer)) { W.map.addLayer(layer); }
    return markers.length;
  };

  function labelWidth(label) {
    var w = 0;
    for (var i = 0; i < label.length; i++) { w += label.charCodeAt(i) > 255 ? 11 : 6.6; }
    return Math.max(16, w) + 14;  // padding, white border, outline
  }

  W.layoutNumbered = function () {
    var layer = W.layers.numbered, map = W.map;
    layer.clearLayers();
    var markers = W._numbered || [];
    if (!map || !markers.length) { return; }
    var cfg = W.householdConfig || { bands: [], neutral: '#5b6770' };
    var z = map.getZoom(), all = z >= map.getMaxZoom();
    var CELL = 32, grid = {}, H = 20;
    var collides = function (b) {
      for (var gx = Math.floor(b[0] / CELL); gx <= Math.floor(b[2] / CELL); gx++) {
        for (var gy = Math.floor(b[1] / CELL); gy <= Math.floor(b[3] / CELL); gy++) {
          var boxes = grid[gx + ':' + gy] || [];
          for (var k = 0; k < boxes.length; k++) {
            var o = boxes[k];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) { return true; }
          }
        }
      }
      return false;
    };
    var occupy = function (b) {
      for (var gx = Math.floor(b[0] / CELL); gx <= Math.floor(b[2] / CELL); gx++) {
        for (var gy = Math.floor(b[1] / CELL); gy <= Math.floor(b[3] / CELL); gy++) {
          (grid[gx + ':' + gy] = grid[gx + ':' + gy] || []).push(b);
        }
      }
    };
    markers.forEach(function (m) {
      var colour = bandColour(cfg, m.band);
      var tip = m.numbers.length > 1 ? '番号 ' + m.numbers.join('・') + '（同じ地点の' + m.numbers.length + '世帯）'
        : '番号 ' + m.numbers[0];
      var p = map.project([m.lat, m.lon], z), w = labelWidth(m.label);
      var b = [p.x - w / 2, p.y - H / 2, p.x + w / 2, p.y + H / 2];
      m.labelled = all || !collides(b);
      if (m.labelled) {
        occupy(b);
      } else {
        tip += '（拡大すると番号を表示）';
      }
      L.marker([m.lat, m.lon], {
        pane: 'wa-numbered', keyboard: false, riseOnHover: true,
        zIndexOffset: m.labelled ? 100000 : 0,  // dots never cover a label
        icon: L.divIcon({
          className: 'wa-num-icon', iconSize: [0, 0],
          html: m.labelled ? '<div class="wa-num" style="background:' + colour + '">' + esc(m.label) + '</div>'
            : '<div class="wa-num wa-num-dot" style="background:' + colour + '"></div>'
        })
      }).bindTooltip(tip, { direction: 'top', offset: [0, m.labelled ? -14 : -8] })
        .on('click', function (e) { L.DomEvent.stopPropagation(e); W.call('householdClicked', m.ids[0]); })
        .addTo(layer);
    });
  };
  W.clearNumbered = function () { W._numbered = []; W.layers.numbered.clearLayers(); };
  /* The labels of the numbered markers, in number order (tests and the side panel). */
  W.numberedLabels = function () {
    return (W._numbered || []).map(function (m) { return m.label; });
  };
  /* Every numbered marker: point, label and whether the label is shown (else a dot). */
  W.numberedMarkers = function () {
    return (W._numbered || []).map(function (m) {
      return { lat: m.lat, lon: m.lon, label: m.label, labelled: !!m.labelled };
    });
  };

  /* ---------------------------------------------------------------- drawing */

  var JA_DRAW = {
    draw: {
      toolbar: {
        actions: { title: '描くのをやめる', text: 'やめる' },
        finish: { title: '描き終える', text: '終了' },
        undo: { title: '最後の点を消す', text: '1点戻す' },
        buttons: { polygon: '多角形で範囲を描く', rectangle: '四角形で範囲を描く', circle: '円で範囲を描く',
                   polyline: '線を描く', marker: '印を置く', circlemarker: '円の印を置く' }
      },
      handlers: {
        circle: { tooltip: { start: '中心でクリックし、そのまま引いて円を描きます。' }, radius: '半径' },
        circlemarker: { tooltip: { start: 'クリックして印を置きます。' } },
        marker: { tooltip: { start: 'クリックして印を置きます。' } },
        polygon: { tooltip: { start: 'クリックして描き始めます。', cont: 'クリックして次の点を置きます。',
                              end: '最初の点をクリックすると閉じます。' } },
        polyline: { error: '<strong>エラー:</strong> 辺が交差しています。',
                    tooltip: { start: 'クリックして描き始めます。', cont: 'クリックして次の点を置きます。',
                               end: '最後の点をクリックして終えます。' } },
        rectangle: { tooltip: { start: '角でクリックし、そのまま引いて四角形を描きます。' } },
        simpleshape: { tooltip: { end: 'マウスを離すと確定します。' } }
      }
    },
    edit: {
      toolbar: {
        actions: { save: { title: '保存', text: '保存' }, cancel: { title: '取り消す', text: '取り消し' },
                   clearAll: { title: 'すべて消す', text: 'すべて消す' } },
        buttons: { edit: '範囲を直す', editDisabled: '直す範囲がありません', remove: '範囲を消す',
                   removeDisabled: '消す範囲がありません' }
      },
      handlers: { edit: { tooltip: { text: '四隅の印を動かして直します。', subtext: '取り消しで元に戻ります。' } },
                  remove: { tooltip: { text: '消す範囲をクリックします。' } } }
    }
  };

  /* What a finished drawing hands to Python: GeoJSON (a circle as its centre and radius). */
  W.areaPayload = function (layer, shape) {
    if (shape === 'circle') {
      var c = layer.getLatLng();
      return { type: 'Circle', shape: 'circle', center: [c.lng, c.lat], radius_m: layer.getRadius() };
    }
    var f = layer.toGeoJSON(false);
    return { type: 'Feature', properties: { shape: shape }, geometry: f.geometry };
  };

  /* Called by Leaflet.draw when a shape is finished (and by tests to simulate one). */
  W.areaDrawn = function (layer, shape) {
    var drawn = W.layers.drawn;
    if (W.drawShapeStyle && layer.setStyle) { layer.setStyle(W.drawShapeStyle); }
    drawn.clearLayers();
    drawn.addLayer(layer);
    var payload = W.areaPayload(layer, shape);
    W.call('areaDrawn', JSON.stringify(payload));
    return payload;
  };
  W.clearDrawn = function () { if (W.layers.drawn) { W.layers.drawn.clearLayers(); } };

  /* Every feature layer under a layer or group (a FeatureGroup holding a GeoJSON layer …). */
  function eachFeature(layer, fn) {
    if (!layer) { return; }
    if (layer.feature) { fn(layer); return; }
    if (layer.eachLayer) { layer.eachLayer(function (l) { eachFeature(l, fn); }); }
  }

  /* Python → page: outline an area that was not drawn here — picked 町字, a flood-depth class
   * or a reopened saved area — in the drawn layer, without handing it back to Python.
   * spec: the map's circle {type: 'Circle', center: [lon, lat], radius_m}, a GeoJSON geometry
   * or Feature, {type: 'Towns', town_ids: [...]} (the towns layer's boundaries) or
   * {type: 'Flood', min_depth_m: d} (the flood zones at least that deep).  Returns the number
   * of shapes outlined. */
  W.showArea = function (spec, fit) {
    var drawn = W.layers.drawn;
    drawn.clearLayers();
    var style = W.drawShapeStyle || { color: '#d7301f', weight: 3, fillOpacity: 0.06, dashArray: '6 4' };
    var outline = function (feature) {
      L.geoJSON(feature, { style: function () { return style; }, interactive: false }).addTo(drawn);
    };
    if (spec.type === 'Circle') {
      L.circle([spec.center[1], spec.center[0]], L.extend({ radius: spec.radius_m, interactive: false }, style))
        .addTo(drawn);
    } else if (spec.type === 'Towns') {
      var want = {};
      spec.town_ids.forEach(function (id) { want[String(id)] = true; });
      eachFeature(W.layers.towns, function (l) {
        if (want[String(l.feature.properties.id)]) { outline(l.feature); }
      });
    } else if (spec.type === 'Flood') {
      eachFeature(W.layers.flood, function (l) {
        if (l.feature.properties.depth_min >= spec.min_depth_m) { outline(l.feature); }
      });
    } else {
      outline(spec);
    }
    var n = drawn.getLayers().length;
    if (fit && n && W.map) {
      // Keep the area clear of the layer list and the legend on the right, and of the
      // zoom and drawing buttons on the left.
      var right = 0, left = 0;
      var corners = W.map.getContainer().querySelectorAll('.leaflet-right, .leaflet-top.leaflet-left');
      Array.prototype.forEach.call(corners, function (c) {
        if (L.DomUtil.hasClass(c, 'leaflet-right')) { right = Math.max(right, c.offsetWidth); }
        else { left = Math.max(left, c.offsetWidth); }
      });
      W.state.userMoved = true;
      W.map.fitBounds(drawn.getBounds(), { paddingTopLeft: [left + 16, 24], paddingBottomRight: [right + 16, 24],
                                           maxZoom: 18, animate: false });
    }
    return n;
  };

  /* The shapes in the drawn layer: circles as areaPayload hands them over, the rest as
   * GeoJSON geometries (tests). */
  W.drawnAreas = function () {
    var out = [];
    W.layers.drawn.eachLayer(function (l) {
      if (l instanceof L.Circle) {
        var c = l.getLatLng();
        out.push({ type: 'Circle', center: [c.lng, c.lat], radius_m: l.getRadius() });
      } else {
        var g = l.toGeoJSON(false);
        (g.type === 'FeatureCollection' ? g.features : [g]).forEach(function (f) { out.push(f.geometry); });
      }
    });
    return out;
  };

  W.setupDraw = function (map, drawn, style) {
    L.drawLocal = L.Util.extend(L.drawLocal || {}, JA_DRAW);
    var shape = { color: style.color, weight: 3, fillColor: style.color, fillOpacity: 0.06, dashArray: '6 4' };
    W.drawShapeStyle = shape;
    var control = new L.Control.Draw({
      position: 'topleft',
      draw: {
        polyline: false, marker: false, circlemarker: false,
        polygon: { allowIntersection: false, showArea: false, shapeOptions: shape },
        rectangle: { showArea: false, shapeOptions: shape },
        circle: { showRadius: true, metric: true, feet: false, shapeOptions: shape }
      },
      edit: false
    });
    map.addControl(control);
    map.on(L.Draw.Event.DRAWSTART, function () { W.state.drawing = true; });
    map.on(L.Draw.Event.DRAWSTOP, function () { setTimeout(function () { W.state.drawing = false; }, 0); });
    map.on(L.Draw.Event.CREATED, function (e) { W.areaDrawn(e.layer, e.layerType); });
    return control;
  };

  /* ---------------------------------------------------------------- legend */

  function legendSection(title, rows, note) {
    var html = '<div class="wa-legend-section"><div class="wa-legend-title">' + esc(title) + '</div>';
    rows.forEach(function (r) { html += '<div class="wa-legend-row">' + r[0] + '<span>' + esc(r[1]) + '</span></div>'; });
    if (note) { html += '<div class="wa-legend-note">' + esc(note) + '</div>'; }
    return html + '</div>';
  }
  function swatch(colour, cls) {
    return '<i class="' + (cls || 'wa-swatch') + '" style="background:' + colour + '"></i>';
  }

  W.updateLegend = function () {
    var el = W.legendElement, cfg = W.legendConfig, map = W.map;
    if (!el || !cfg || !map) { return; }
    var html = '<div class="wa-legend-head" role="button" tabindex="0" title="凡例を開く・閉じる">凡例 ' +
      (W.state.legendClosed ? '▸' : '▾') + '</div>';
    if (W.state.legendClosed) { el.innerHTML = html; return; }
    var on = function (key) { return W.layers[key] && map.hasLayer(W.layers[key]); };
    if (on('households') || on('numbered')) {
      var rows = cfg.bands.map(function (b) { return [swatch(b.colour, 'wa-dot'), b.label]; });
      rows.push([swatch(cfg.neutral, 'wa-dot'), cfg.bands.length ? 'スコアなし' : '援護度 未計算']);
      html += legendSection('世帯（援護度の帯）', rows, cfg.categories);
    }
    if (on('choropleth') && W.layers.choropleth._info) {
      var info = W.layers.choropleth._info;
      var crow = info.breaks.map(function (lo, i) {
        var hi = i + 1 < info.breaks.length ? info.breaks[i + 1] - 1 : null;
        var text = hi === null ? fmt(lo) + info.unit + '以上' : (lo === hi ? fmt(lo) : fmt(lo) + '～' + fmt(hi)) + info.unit;
        return [swatch(info.colours[i]), text];
      });
      html += legendSection(info.title, crow, info.note);
    }
    if (on('flood') && cfg.flood.length) {
      html += legendSection('洪水浸水想定区域（浸水深）', cfg.flood.map(function (f) { return [swatch(f.colour), f.label]; }));
    }
    var fac = [];
    cfg.facilities.forEach(function (f) { if (on(f.layer)) { fac.push([f.icon, f.label]); } });
    if (fac.length) { html += legendSection('施設', fac); }
    if (html.indexOf('wa-legend-section') < 0) { html += '<div class="wa-legend-note">表示中のレイヤーはありません</div>'; }
    el.innerHTML = html;
  };

  function addLegend(map, cfg) {
    W.legendConfig = cfg;
    var Legend = L.Control.extend({
      options: { position: 'bottomright' },
      onAdd: function () {
        var div = L.DomUtil.create('div', 'wa-legend leaflet-bar');
        div.setAttribute('aria-label', '凡例');
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        L.DomEvent.on(div, 'click keydown', function (e) {
          var head = e.target && e.target.closest ? e.target.closest('.wa-legend-head') : null;
          if (!head || (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ')) { return; }
          W.state.legendClosed = !W.state.legendClosed;
          W.updateLegend();
        });
        W.legendElement = div;
        return div;
      }
    });
    map.addControl(new Legend());
    map.on('overlayadd overlayremove layeradd layerremove', function () {
      clearTimeout(W._legendTimer);
      W._legendTimer = setTimeout(W.updateLegend, 0);
    });
    W.updateLegend();
  }

  /* ---------------------------------------------------------------- Python → page */

  W.setLayerVisible = function (key, visible) {
    var layer = W.layers[key];
    if (!layer || !W.map) { return false; }
    if (visible && !W.map.hasLayer(layer)) { W.map.addLayer(layer); }
    if (!visible && W.map.hasLayer(layer)) { W.map.removeLayer(layer); }
    return W.map.hasLayer(layer);
  };
  W.visibleLayers = function () {
    return Object.keys(W.layers).filter(function (k) { return W.map.hasLayer(W.layers[k]); }).sort();
  };
  W.flyTo = function (lat, lon, zoom) {
    W.state.userMoved = true;
    W.map.flyTo([lat, lon], zoom, { duration: 0.6 });
    W.highlight(lat, lon);
  };
  W.highlight = function (lat, lon) {
    if (W._highlight) { W.map.removeLayer(W._highlight); }
    W._highlight = L.circleMarker([lat, lon], {
      pane: 'wa-numbered', radius: 16, color: '#d00', weight: 3, fill: false, interactive: false, className: 'wa-pulse'
    }).addTo(W.map);
  };
  W.setView = function (lat, lon, zoom) {
    W.state.userMoved = true;
    W.map.stop();
    W.map.setView([lat, lon], zoom, { animate: false });
  };
  W.fitBounds = function (south, west, north, east) {
    W.state.userMoved = true;
    W.map.fitBounds([[south, west], [north, east]], { padding: [24, 24], maxZoom: 18 });
  };
  /* True once the household tiles on screen have been drawn (or none are needed). */
  W.tilesDone = function () {
    return W.layers.households ? W.layers.households.tilesDone() : true;
  };

  /* ---------------------------------------------------------------- start */

  W.start = function (map, layers, cfg) {
    W.map = map;
    Object.keys(layers).forEach(function (k) { if (layers[k]) { W.layers[k] = layers[k]; } });
    map.attributionControl.setPrefix('Leaflet');
    if (cfg.zoom) {
      // The map's own limits: otherwise a layer's zoom range becomes the map's (the household
      // points, from zoom 15, would keep the map from zooming out again once they are shown).
      map.setMinZoom(cfg.zoom[0]);
      map.setMaxZoom(cfg.zoom[1]);
    }
    if (cfg.bounds) {
      var fit = function () {
        map.fitBounds([[cfg.bounds[1], cfg.bounds[0]], [cfg.bounds[3], cfg.bounds[2]]], { padding: [12, 12], animate: false });
      };
      fit();
      // The view often gets its final size only after the page loaded: fit the ward again
      // until the user moves the map.
      var moved = function () { W.state.userMoved = true; };
      map.on('dragstart', moved);
      L.DomEvent.on(map.getContainer(), 'wheel dblclick keydown', moved);
      map.on('resize', function () { if (!W.state.userMoved) { fit(); } });
    }
    var labelsClass = function () {
      var hide = map.getZoom() < (W.townLabelMinZoom || 0);
      L.DomUtil[hide ? 'addClass' : 'removeClass'](map.getContainer(), 'wa-hide-labels');
    };
    map.on('zoomend', labelsClass);
    map.on('zoomend', W.layoutNumbered);
    labelsClass();
    W.setupDraw(map, W.layers.drawn, cfg.draw);
    addLegend(map, cfg.legend);
    map.on('click', function (e) {
      if (W.state.drawing) { return; }
      var id = W.layers.households && map.hasLayer(W.layers.households) ? W.layers.households.hit(e.latlng) : null;
      if (id !== null && id !== undefined) {
        W.call('householdClicked', id);
      } else {
        W.call('mapClicked', e.latlng.lat, e.latlng.lng);
      }
    });
    var announce = function () {
      W.state.ready = true;
      pending.splice(0).forEach(function (c) { W.call.apply(null, [c[0]].concat(c[1])); });
      if (W.bridge && W.bridge.ready) { W.bridge.ready(); }
    };
    if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        W.bridge = channel.objects.bridge;
        announce();
      });
    } else {
      announce();
    }
  };
})();

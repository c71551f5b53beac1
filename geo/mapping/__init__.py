"""Everything that draws a map: classification and colours (classify), the display layer (display),
the folium/standalone map (maps), the map component's data (mapdata) and the offline Leaflet assets (assets)."""

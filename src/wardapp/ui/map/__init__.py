"""The map: the ``wardapp://`` scheme, the offline QWebEngineView and its bridge to the page."""

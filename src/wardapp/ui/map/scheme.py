"""The ``wardapp://`` URL scheme: registered before the QApplication, served from Python.

Chromium only lets a page use a custom scheme like a real origin (``fetch``, CORS, a secure
context) when the scheme is registered before QtWebEngine starts, i.e. before the
QApplication exists: :func:`register_scheme` is called first thing in
``wardapp.ui.app.create_application`` (and at import time by the GUI tests, whose
QApplication pytest-qt creates).

:class:`SchemeHandler` answers every request from a :class:`wardapp.geo.mapsite.MapSite`
(the page, verified assets, household tiles, choropleth counts, base-map tiles) plus Qt's own
``qwebchannel.js`` — so even the channel's client is our scheme, never ``qrc:`` or a file.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QFile, QIODevice, QObject, Qt
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from wardapp.geo.mappage import QWEBCHANNEL_ASSET, SCHEME
from wardapp.geo.mapsite import MapSite

log = logging.getLogger(__name__)

SCHEME_BYTES = SCHEME.encode("ascii")
#: Where Qt keeps the QWebChannel client script.
QWEBCHANNEL_RESOURCE = ":/qtwebchannel/qwebchannel.js"
#: The page's origin: data requests from it are cross-origin (another host) and need CORS.
PAGE_ORIGIN = f"{SCHEME}://map"


def is_registered() -> bool:
    return QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME_BYTES)).name() == QByteArray(SCHEME_BYTES)


def register_scheme() -> bool:
    """Register ``wardapp://`` with QtWebEngine; must run before the QApplication exists.

    Returns True when the scheme is (now) registered.  Too late (an application already
    exists) is logged and returns False: the map page would not load.
    """
    if is_registered():
        return True
    if QCoreApplication.instance() is not None:
        log.warning("wardapp:// を登録できません: QApplication の作成後に呼ばれました（地図は表示できません）")
        return False
    # QtWebEngine shares OpenGL contexts with the widgets; this must also precede the app.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    scheme = QWebEngineUrlScheme(SCHEME_BYTES)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure (a secure context, like https), fetch() allowed, CORS checked like http.  Not
    # LocalScheme: remote requests must reach the request interceptor, which blocks and logs
    # them, rather than fail silently inside Chromium.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled
                    | QWebEngineUrlScheme.Flag.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)
    return True


def _qwebchannel_js() -> bytes:
    f = QFile(QWEBCHANNEL_RESOURCE)
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return b""
    try:
        return bytes(f.readAll().data())
    finally:
        f.close()


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``wardapp://`` requests on the GUI thread from a :class:`MapSite`."""

    def __init__(self, site: MapSite, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self._qwebchannel = _qwebchannel_js()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        url = job.requestUrl()
        if bytes(job.requestMethod().data()).upper() != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        host, path = url.host(), url.path().lstrip("/")
        if host == "assets" and path == QWEBCHANNEL_ASSET and self._qwebchannel:
            self._reply(job, "application/javascript; charset=utf-8", self._qwebchannel)
            return
        try:
            response = self.site.get(host, path)
        except Exception:  # a bug in a data query must not hang the page's request
            log.exception("wardapp:// の応答に失敗しました: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if response.status != 200:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, response.mime, response.body)

    def _reply(self, job: QWebEngineUrlRequestJob, mime: str, body: bytes) -> None:
        job.setAdditionalResponseHeaders({
            QByteArray(b"Access-Control-Allow-Origin"): QByteArray(PAGE_ORIGIN.encode("ascii")),
            QByteArray(b"Cache-Control"): QByteArray(b"no-store"),
        })
        buffer = QBuffer(job)  # deleted with the job
        buffer.setData(QByteArray(body))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(mime.split(";")[0].encode("ascii")), buffer)

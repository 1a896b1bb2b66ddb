"""The local HTTP server the link checker's tests ask: each path answers one way."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 2.0  # Well past the checker's TIMEOUT (test_link_check.py).


class LinkServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), LinkHandler)
        self.requests = []  # (method, path, user agent), in the order they came
        self.stopping = threading.Event()

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def seen(self, path):
        return [method for method, seen_path, _ in self.requests if seen_path == path]


class LinkHandler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        self.server.requests.append(
            (self.command, self.path, self.headers.get("User-Agent", ""))
        )
        if self.path == "/ok":
            self.reply(200)
        elif self.path == "/no-head":
            self.reply(405 if self.command == "HEAD" else 200)
        elif self.path == "/redirect":
            self.reply(301, location="/ok")
        elif self.path == "/loop":
            self.reply(302, location="/loop")
        elif self.path == "/to-ftp":
            self.reply(302, location="ftp://127.0.0.1/file.pdf")
        elif self.path == "/slow":
            # Answers late, or not at all when the tests are over.
            if not self.server.stopping.wait(SLOW_SECONDS):
                self.reply(200)
        else:
            self.reply(404)

    def reply(self, status, location=None):
        body = b"<!doctype html><title>Test page</title>" * 50
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except ConnectionError:
            pass  # The checker gave up waiting and hung up.

    def log_message(self, format, *args):
        pass  # Keep the test output quiet.

"""The shared ceiling of bench/mix.py and bench/peer.py: a WSGI application with no
framework, answering "ok" to everything. Every application measured on the
machine is divided by what the same gunicorn serves of this, so the comparison
does not flatter one whose own "hello world" is slower."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]

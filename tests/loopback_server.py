#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for the network tests: it binds a free
port, prints that port on one line of standard output, then serves until it
is killed or standard input closes. Each path is one behaviour a test
asserts against; --root DIR also serves DIR's files under /files/.

The link checker's routes: /gone (410), /moved-308, /found (302), /loop-a
and /loop-b (a redirect loop), /moved-to-missing (301 to a 404), /chain
(301 to /moved-308, two hops),
/rate-limited (429 with Retry-After: 1 the first time, then 200),
/forbidden (403), /challenge (403 with Cloudflare's cf-mitigated header),
/no-head (405 to HEAD, 200 to GET), /slow (answers after 3 s) and
/big-chunked (405 to HEAD; to GET a chunked body of 4 MiB). --log FILE
appends "METHOD PATH" for every request it receives.

Usage: loopback_server.py [--root DIR] [--log FILE]"""
import http.server, os, sys, threading, time

ROOT = sys.argv[sys.argv.index('--root') + 1] if '--root' in sys.argv else None
LOG = sys.argv[sys.argv.index('--log') + 1] if '--log' in sys.argv else None
log_lock = threading.Lock()
seen = {}  # path -> requests so far (for /rate-limited)

REDIRECTS = {
    '/moved': (301, '/ok'),
    '/moved-308': (308, '/ok'),
    '/found': (302, '/ok'),
    '/loop-a': (301, '/loop-b'),
    '/loop-b': (301, '/loop-a'),
    '/moved-to-missing': (301, '/not-found'),
    '/chain': (301, '/moved-308'),
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def answer(self, status, body=b'', headers=()):
        try:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            if self.command != 'HEAD':
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def chunked(self, total):
        self.send_response(200)
        self.send_header('Transfer-Encoding', 'chunked')
        self.end_headers()
        chunk = b'x' * 65536
        sent = 0
        try:
            while sent < total:
                self.wfile.write(b'%x\r\n%s\r\n' % (len(chunk), chunk))
                sent += len(chunk)
            self.wfile.write(b'0\r\n\r\n')
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        path = self.path.split('?')[0]
        with log_lock:
            count = seen[self.path] = seen.get(self.path, 0) + 1
            if LOG:
                with open(LOG, 'a') as log:
                    log.write('%s %s\n' % (self.command, self.path))
        if path == '/ok':
            self.answer(200, b'hello\n', [('Content-Type', 'text/plain')])
        elif path == '/not-found':
            self.answer(404, b'no\n')
        elif path == '/gone':
            self.answer(410, b'gone\n')
        elif path in REDIRECTS:
            status, target = REDIRECTS[path]
            self.answer(status, headers=[('Location', target)])
        elif path == '/rate-limited':
            if count == 1:
                self.answer(429, b'slow down\n', [('Retry-After', '1')])
            else:
                self.answer(200, b'hello\n')
        elif path == '/forbidden':
            self.answer(403, b'no bots\n')
        elif path == '/challenge':
            self.answer(403, b'<html>Just a moment...</html>', [('cf-mitigated', 'challenge')])
        elif path == '/no-head':
            self.answer(405 if self.command == 'HEAD' else 200, b'hello\n')
        elif path == '/slow':
            time.sleep(3)
            self.answer(200, b'late\n')
        elif path == '/big-chunked':
            if self.command == 'HEAD':
                self.answer(405)
            else:
                self.chunked(4 * 1024 * 1024)
        elif path == '/huge':
            self.chunked(4 * 1024 * 1024)
        elif path.startswith('/files/') and ROOT:
            name = os.path.basename(path)
            try:
                with open(os.path.join(ROOT, name), 'rb') as f:
                    self.answer(200, f.read(), [('Content-Type', 'text/markdown')])
            except OSError:
                self.answer(404, b'no\n')
        else:
            self.answer(404, b'no\n')

    do_HEAD = do_GET


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # a client hanging up is no error


server = Server(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()  # the test closes our standard input (or kills us) to stop us

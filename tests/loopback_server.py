#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for the network tests: it binds a free
port, prints that port on one line of standard output, then serves until it
is killed or standard input closes. Each path is one behaviour a test
asserts against; --root DIR also serves DIR's files under /files/.

Usage: loopback_server.py [--root DIR]"""
import http.server, os, sys, threading

ROOT = sys.argv[sys.argv.index('--root') + 1] if '--root' in sys.argv else None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def answer(self, status, body=b'', headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)

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
        if path == '/ok':
            self.answer(200, b'hello\n', [('Content-Type', 'text/plain')])
        elif path == '/not-found':
            self.answer(404, b'no\n')
        elif path == '/moved':
            self.answer(301, headers=[('Location', '/ok')])
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


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()  # the test closes our standard input (or kills us) to stop us

#!/usr/bin/env python3
"""Link-checking benchmark (make bench-links; not a test).

Serves 2,000 unique links over 20 loopback ports (one asyncio process, each
answer delayed by 100 ms), writes a list linking to every one, and times
awelint --links on it against the ideal: links x 0.1 s / effective
concurrency, where the effective concurrency is the smaller of the global
limit and the per-host limit x the number of hosts.

awelint runs twice: with the defaults (32 at once, 4 per host:port, 50 ms
between two starts on one host: ideal 6.25 s), then with the limits sized to
the servers through a config file (global = 4 x 20 hosts = 80, and 25 ms
between starts, so that four 100 ms answers per host can overlap: ideal
2.5 s). Then markdown-link-check (npm), installed into a temporary
directory, is timed once on the same file, unless --no-mlc is given, and
both awelint runs are compared with it.

--concurrency N, --per-host N and --delay MS replace the two runs by one
with those limits (through a config file); the ideal follows them.

Usage: bench/links.py AWELINT [--no-mlc] [--links N] [--ports N] [--concurrency N] [--per-host N] [--delay MS]"""
import asyncio, os, shutil, subprocess, sys, tempfile, threading, time

DELAY = 0.1


def arg(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


async def answer(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b'\r\n\r\n')
            method = head.split(b' ', 1)[0]
            await asyncio.sleep(DELAY)
            body = b'' if method == b'HEAD' else b'ok\n'
            writer.write(b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n'
                         b'Content-Length: 3\r\n\r\n' + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


def serve(ports, ready):
    async def main():
        for _ in range(ports):
            server = await asyncio.start_server(answer, '127.0.0.1', 0)
            ready.append(server.sockets[0].getsockname()[1])
        await asyncio.Event().wait()
    asyncio.run(main())


def timed(command, **kwargs):
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    return time.monotonic() - start, result


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    awelint = os.path.abspath(sys.argv[1])
    links, ports = arg('--links', 2000), arg('--ports', 20)
    port_list = []
    threading.Thread(target=serve, args=(ports, port_list), daemon=True).start()
    while len(port_list) < ports:
        time.sleep(0.05)
    work = tempfile.mkdtemp(prefix='awelint-bench-links-')
    try:
        path = os.path.join(work, 'links.md')
        with open(path, 'w') as f:
            f.write('# Links\n\n')
            for i in range(links):
                f.write('- [Link %d](http://127.0.0.1:%d/page/%d)\n' % (i, port_list[i % ports], i))
        if any(a in sys.argv for a in ('--concurrency', '--per-host', '--delay')):
            settings = [(arg('--concurrency', 32), arg('--per-host', 4), arg('--delay', 50))]
        else:
            settings = [(32, 4, 50), (4 * ports, 4, int(DELAY * 1000 / 4))]
        runs = []
        for concurrency, per_host, delay in settings:
            config = os.path.join(work, 'awelint.yml')
            with open(config, 'w') as f:
                f.write('links:\n  concurrency: %d\n  per-host: %d\n  delay: %dms\n' % (concurrency, per_host, delay))
            ideal = links * DELAY / min(concurrency, per_host * ports)
            seconds, result = timed([awelint, '--config', config, '--links', '--allow-private', '--no-cache',
                                     '--select', 'link', path])
            label = 'concurrency %d, per host %d, delay %d ms' % (concurrency, per_host, delay)
            print('awelint --links (%s): %d links over %d ports in %.2f s; ideal %.2f s; '
                  '%.2fx the ideal (goal: within 1.5x); exit %d'
                  % (label, links, ports, seconds, ideal, seconds / ideal, result.returncode))
            if result.returncode != 0:
                print('\n'.join(result.stdout.decode(errors='replace').strip().splitlines()[:10]))
            runs.append((label, seconds))
        if '--no-mlc' in sys.argv:
            return
        npm = shutil.which('npm')
        if not npm:
            print('markdown-link-check: npm not found; skipped')
            return
        prefix = os.path.join(work, 'mlc')
        install = subprocess.run([npm, 'install', '--silent', '--prefix', prefix, 'markdown-link-check'],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        tool = os.path.join(prefix, 'node_modules', '.bin', 'markdown-link-check')
        if install.returncode != 0 or not os.path.exists(tool):
            print('markdown-link-check: npm install failed; skipped\n' + install.stderr.decode(errors='replace'))
            return
        mlc_seconds, mlc = timed([tool, '--quiet', path])
        dead = mlc.stdout.decode(errors='replace').count('[✖]')
        print('markdown-link-check: %.2f s (exit %d, %d dead)' % (mlc_seconds, mlc.returncode, dead))
        for label, seconds in runs:
            print('awelint (%s) is %.1fx faster than markdown-link-check (goal: at least 20x)'
                  % (label, mlc_seconds / seconds))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()

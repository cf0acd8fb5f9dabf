#!/usr/bin/env python3
"""Link-checking benchmark (make bench-links; not a test).

Serves 2,000 unique links over 20 loopback ports (one asyncio process, each
answer delayed by 100 ms), writes a list linking to every one, and times
awelint --links on it against the ideal: links x 0.1 s / effective
concurrency, where the effective concurrency is the smaller of the global
limit (32) and the per-host limit (4) x the number of hosts (20): 6.25 s.
Then times markdown-link-check (npm), installed into a temporary directory,
on the same file, unless --no-mlc is given.

--concurrency N and --per-host N run awelint with those limits instead of
the defaults (through a config file); the ideal follows them.

Usage: bench/links.py AWELINT [--no-mlc] [--links N] [--ports N] [--concurrency N] [--per-host N]"""
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
        concurrency, per_host = arg('--concurrency', 32), arg('--per-host', 4)
        config = os.path.join(work, 'awelint.yml')
        with open(config, 'w') as f:
            f.write('links:\n  concurrency: %d\n  per-host: %d\n' % (concurrency, per_host))
        ideal = links * DELAY / min(concurrency, per_host * ports)
        seconds, result = timed([awelint, '--config', config, '--links', '--allow-private', '--no-cache',
                                 '--select', 'link', path])
        findings = result.stdout.decode(errors='replace').strip().splitlines()
        print('awelint --links (concurrency %d, per host %d): %d links over %d ports in %.2f s; ideal %.2f s; '
              '%.2fx the ideal (goal: within 1.5x); exit %d'
              % (concurrency, per_host, links, ports, seconds, ideal, seconds / ideal, result.returncode))
        if result.returncode != 0:
            print('\n'.join(findings[:10]))
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
        print('markdown-link-check: %.2f s (exit %d, %d dead); awelint is %.1fx faster (goal: at least 20x)'
              % (mlc_seconds, mlc.returncode, dead, mlc_seconds / seconds))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""bench: how fast awelint is, and how much memory it takes, next to md4c.

Every time is reported as a ratio to md4c-floor (../shared/tools/md4c-floor.c:
md4c parsing the same input with empty callbacks, the floor any md4c-based
linter stands on), built by this script and run on the same input in the
same run, so a busy or slow machine moves both. Each figure is the median of
REPEAT runs (5); memory is the child's peak RSS (wait4), with its major
page faults (pages read back from disk or swap) when there are any.

  1. the shared corpus concatenated into one file: lint (--format json) and
     --fix (of a copy);
  2. the same files separately, in one call: lint and --fix of copies;
  3. synthetic lists of 25, 50 and 100 MB (bench/synthetic_list.py): lint
     time and memory per megabyte stay flat when they grow linearly;
  4. 200 small files, one process each: the average time of a process.

Not a test: nothing here fails a build. Usage (make bench does this):
  bench/run.py --awelint build-bench/awelint --work build-bench/bench
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_child(cmd, stdin_path=None):
    """Runs cmd with its output discarded; returns (seconds, peak RSS MiB, major faults, exit code)."""
    stdin = open(stdin_path, 'rb') if stdin_path else subprocess.DEVNULL
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stdin_path:
        stdin.close()
    return seconds, usage.ru_maxrss / 1024, usage.ru_majflt, proc.returncode


def median_run(cmd, repeat, prepare=None, stdin_path=None):
    """Median seconds over `repeat` runs, the largest peak RSS and major faults seen."""
    times, rss, majflt = [], 0.0, 0
    for _ in range(repeat):
        if prepare:
            prepare()
        seconds, peak, faults, code = run_child(cmd, stdin_path)
        if code not in (0, 1):
            sys.exit(f'bench: {" ".join(cmd)} exited {code}')
        times.append(seconds)
        rss = max(rss, peak)
        majflt = max(majflt, faults)
    return statistics.median(times), rss, majflt


def build_floor(source, out):
    flags = subprocess.run(['pkg-config', '--cflags', '--libs', 'md4c'], capture_output=True,
                           text=True, check=True).stdout.split()
    subprocess.run(['cc', '-O2', '-o', out, source] + flags, check=True)
    return out


def size_mb(paths):
    return sum(os.path.getsize(p) for p in paths) / 1e6


def row(label, mb, seconds, floor, rss, majflt):
    print(f'{label:<34} {mb:7.1f} MB {seconds * 1000:8.0f} ms  {seconds / floor:5.2f}x floor '
          f'({floor * 1000:5.0f} ms)  peak {rss:6.0f} MiB ({rss / mb:4.1f}x input)'
          f'{f"  {majflt} major faults" if majflt else ""}', flush=True)


def swap_total_mib():
    """The machine's swap space (major faults without it are file pages read back, not swapping)."""
    try:
        for line in open('/proc/meminfo'):
            if line.startswith('SwapTotal:'):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--awelint', required=True)
    ap.add_argument('--work', required=True, help='folder for the floor, copies and synthetic lists')
    ap.add_argument('--corpus', default=os.path.join(ROOT, '..', 'shared', 'corpus'))
    ap.add_argument('--floor-source', default=os.path.join(ROOT, '..', 'shared', 'tools', 'md4c-floor.c'))
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--sizes', default='25,50,100', help='synthetic list sizes in MB')
    args = ap.parse_args()
    exe = os.path.abspath(args.awelint)
    os.makedirs(args.work, exist_ok=True)
    floor_exe = build_floor(args.floor_source, os.path.join(args.work, 'md4c-floor'))
    lint = [exe, '--no-config', '--format', 'json']
    fix = [exe, '--no-config', '--fix', '--quiet']

    files = sorted(os.path.join(args.corpus, d, f) for d in ('seeds', 'real', 'history')
                   if os.path.isdir(os.path.join(args.corpus, d))
                   for f in os.listdir(os.path.join(args.corpus, d)) if f.endswith('.md'))
    if not files:
        sys.exit(f'bench: no corpus under {args.corpus}')
    swap = swap_total_mib()
    print(f'awelint {exe}; {len(files)} corpus files; median of {args.repeat}; '
          f'times are ratios to md4c-floor on the same input; load average '
          f'{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; swap '
          f'{"unknown" if swap is None else f"{swap:.0f} MiB"}\n')

    # 1. concatenated
    big = os.path.join(args.work, 'corpus.md')
    with open(big, 'wb') as out:
        for f in files:
            out.write(open(f, 'rb').read())
            out.write(b'\n\n')
    mb = size_mb([big])
    floor, _, _ = median_run([floor_exe, big], args.repeat)
    seconds, rss, majflt = median_run(lint + [big], args.repeat)
    row('corpus, one file: lint', mb, seconds, floor, rss, majflt)
    copy = os.path.join(args.work, 'corpus-fix.md')
    seconds, rss, majflt = median_run(fix + [copy], args.repeat, lambda: shutil.copyfile(big, copy))
    row('corpus, one file: --fix', mb, seconds, floor, rss, majflt)

    # 2. separate files
    mb = size_mb(files)
    floor, _, _ = median_run([floor_exe] + files, args.repeat)
    seconds, rss, majflt = median_run(lint + files, args.repeat)
    row(f'corpus, {len(files)} files: lint', mb, seconds, floor, rss, majflt)
    copies = os.path.join(args.work, 'corpus-files')

    def copy_files():
        shutil.rmtree(copies, ignore_errors=True)
        os.makedirs(copies)
        for i, f in enumerate(files):
            shutil.copyfile(f, os.path.join(copies, f'{i:03d}-{os.path.basename(f)}'))
    seconds, rss, majflt = median_run(fix + [copies], args.repeat, copy_files)
    row(f'corpus, {len(files)} files: --fix', mb, seconds, floor, rss, majflt)

    # 3. synthetic lists: linear growth
    print()
    per_mb = []
    for size in [float(s) for s in args.sizes.split(',') if s]:
        path = os.path.join(args.work, f'synthetic-{size:g}mb.md')
        if not os.path.exists(path) or abs(os.path.getsize(path) / 1e6 - size) > 1:
            subprocess.run([sys.executable, os.path.join(HERE, 'synthetic_list.py'), str(size), path],
                           check=True)
        mb = size_mb([path])
        floor, _, _ = median_run([floor_exe, path], args.repeat)
        seconds, rss, majflt = median_run(lint + [path], args.repeat)
        row(f'synthetic {size:g} MB: lint', mb, seconds, floor, rss, majflt)
        per_mb.append((size, seconds / mb, rss / mb))
    if per_mb:
        print('  per MB: ' + ', '.join(f'{s:g} MB: {t * 1000:.1f} ms and {m:.1f} MiB' for s, t, m in per_mb))

    # 4. small files, one process each
    print()
    small = sorted(files, key=os.path.getsize)[:20]
    batch = [small[i % len(small)] for i in range(200)]
    times = []
    for _ in range(args.repeat):
        t0 = time.monotonic()
        for f in batch:
            seconds, _, _, code = run_child(lint + [f])
        times.append((time.monotonic() - t0) / len(batch))
    floor_times = []
    for _ in range(args.repeat):
        t0 = time.monotonic()
        for f in batch:
            run_child([floor_exe, f])
        floor_times.append((time.monotonic() - t0) / len(batch))
    avg, floor_avg = statistics.median(times), statistics.median(floor_times)
    print(f'200 small files ({size_mb(small) / len(small) * 1000:.0f} kB on average), one process each: '
          f'{avg * 1000:.2f} ms a process (goal < 5 ms); md4c-floor {floor_avg * 1000:.2f} ms a process')


if __name__ == '__main__':
    main()

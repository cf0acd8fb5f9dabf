#!/usr/bin/env python3
"""synthetic_list: writes a research-paper awesome list of a given size.

The list looks like the real ones of ../shared/corpus: a title, a table of
contents, sections and subsections, entries in the shapes lists use
(`- [Title](url) - Venue'YY. Description. [[code](url)]`,
`- [VENUE'YY] [Title](url)`, `- Title. [[paper](url)]`, table rows), with
arXiv, DOI, USENIX and GitHub links, and a few defects a maintainer would
fix (a trailing space, a venue spelled two ways, a duplicate). The output
is deterministic for a given size, so runs compare.

Usage: synthetic_list.py MEGABYTES OUT.md
"""
import random
import sys

VENUES = ['OSDI', 'SOSP', 'NSDI', 'EuroSys', 'ATC', 'VLDB', 'SIGMOD', 'ICML', 'NeurIPS', 'ICLR',
          'MLSys', 'ASPLOS', 'ISCA', 'MICRO', 'HPCA', 'SC', 'PPoPP', 'CVPR', 'ACL', 'EMNLP',
          'KDD', 'WWW', 'FAST', 'SoCC', 'ICDE']
WORDS = ('scalable efficient distributed learning training inference serving graph neural '
         'network memory cache storage system kernel compiler scheduling cluster GPU accelerator '
         'transformer language model sparse attention pipeline parallelism federated secure '
         'fault tolerant consensus replication query optimization index stream processing '
         'serverless function edge adaptive elastic heterogeneous quantization pruning '
         'compression retrieval augmented generation benchmark analysis characterization '
         'large low latency high throughput resource management placement partitioning '
         'vectorized execution transactional database key value workload aware').split()
TOPICS = ['Training Systems', 'Inference and Serving', 'Compilers', 'Scheduling', 'Storage',
          'Databases', 'Networking', 'Security', 'Federated Learning', 'Graph Processing',
          'Serverless', 'Hardware', 'Benchmarks', 'Surveys']


def title(rng, n):
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
    words[0] = words[0].capitalize()
    name = ''.join(w.capitalize() for w in rng.sample(WORDS, 2))
    # A number in every title keeps the near-match honest (`Llama 2` is not
    # `Llama 3`), as most real titles differ by more than one word.
    return f'{name}{n}: {" ".join(words)}'


def tag(rng):
    venue = rng.choice(VENUES)
    year = rng.randint(10, 25)
    style = rng.random()
    if style < 0.85:
        return f"{venue}'{year}"
    if style < 0.95:
        return f'{venue} 20{year}'
    return f"{venue} '{year}"  # the minority style venue-style reports


def links(rng, n):
    kind = rng.random()
    if kind < 0.5:
        paper = f'https://arxiv.org/abs/{rng.randint(1500, 2412)}.{n % 100000:05d}'
    elif kind < 0.7:
        paper = f'https://dl.acm.org/doi/10.1145/{rng.randint(3000000, 3700000)}.{n}'
    elif kind < 0.85:
        paper = f'https://www.usenix.org/conference/osdi{rng.randint(14, 24)}/presentation/author{n}'
    else:
        paper = f'https://proceedings.mlr.press/v{rng.randint(100, 235)}/author{n}a.html'
    code = f'https://github.com/lab{n % 997}/project-{n}'
    return paper, code


def entry(rng, n):
    t = title(rng, n)
    paper, code = links(rng, n)
    shape = rng.random()
    if shape < 0.55:
        desc = ' '.join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
        line = f'- [{t}]({paper}) - {tag(rng)}. {desc.capitalize()}. [[code]({code})]'
    elif shape < 0.8:
        line = f'- [{tag(rng)}] [{t}]({paper})'
    else:
        line = f'- {t}. {tag(rng)}. [[paper]({paper})] [[code]({code})]'
    if rng.random() < 0.01:
        line += ' '  # trailing space
    return line


def table(rng, n, rows):
    out = ['| Title | Venue | Links |', '|---|---|---|']
    for k in range(rows):
        paper, code = links(rng, n + k)
        out.append(f'| {title(rng, n + k)} | {tag(rng)} | [paper]({paper}) [code]({code}) |')
    return out


def main():
    megabytes, path = float(sys.argv[1]), sys.argv[2]
    target = int(megabytes * 1e6)
    rng = random.Random(10)
    sections = []
    for i in range(max(1, target // 400000)):
        sections.append(f'{TOPICS[i % len(TOPICS)]} {i // len(TOPICS) + 1}')
    head = ['# Awesome Systems Papers (synthetic)', '',
            'A benchmark list written by bench/synthetic_list.py.', '', '## Contents', '']
    for s in sections:
        slug = s.lower().replace(' ', '-')
        head.append(f'- [{s}](#{slug})')
    head.append('')
    written = 0
    n = 0
    with open(path, 'w', encoding='utf-8', newline='\n') as out:
        text = '\n'.join(head) + '\n'
        out.write(text)
        written += len(text.encode())
        per_section = max(1, (target - written) // len(sections))
        for s in sections:
            block = [f'## {s}', '']
            size = len(block[0]) + 2
            sub = 0
            while size < per_section:
                sub += 1
                block += [f'### {s}: part {sub}', '']
                if rng.random() < 0.1:
                    rows = table(rng, n, 20)
                    n += 20
                else:
                    rows = [entry(rng, n + k) for k in range(40)]
                    n += 40
                    if rng.random() < 0.2:
                        rows.append(rows[rng.randrange(len(rows))])  # a duplicate
                block += rows + ['']
                size += sum(len(r) + 1 for r in rows) + 40
            text = '\n'.join(block) + '\n'
            out.write(text)
            written += len(text.encode())
        # one newline at the end, not the blank line after the last table
        out.flush()
        out.truncate(written - 1)


if __name__ == '__main__':
    main()

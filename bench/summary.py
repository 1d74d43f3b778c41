"""Writes bench/results/latest.md from the runs of ./bench.sh: the median and the spread of each
figure over the runs, the targets judged on the medians (and not at all when a run started on a
busy machine), and links to each run's own report. Called by bench.sh; reads run-N.tsv files."""
import statistics
import subprocess
import sys
from pathlib import Path

QUIET_LOAD = 1.5

results, runs = Path(sys.argv[1]), int(sys.argv[2])
figures = []
for n in range(1, runs + 1):
    rows = (results / f"run-{n}.tsv").read_text(encoding="utf-8").splitlines()
    figures.append(dict(line.split("\t", 1) for line in rows if "\t" in line))


def number(run, key):
    try:
        return float(run[key].split()[0].rstrip("%"))
    except (KeyError, ValueError, IndexError):
        return None


def values(key):
    return [v for v in (number(run, key) for run in figures) if v is not None]


def median(key):
    found = values(key)
    return statistics.median(found) if len(found) == runs else None


def spread(key, unit=""):
    found = values(key)
    if not found:
        return "n/a"
    text = f"**{statistics.median(found):g}{unit}**"
    if len(found) > 1:
        text += f" ({min(found):g}–{max(found):g}{unit})"
    if len(found) < runs:
        text += f", only {len(found)} of {runs} runs"
    return text


loads = [float(run.get("load_start", "99").split()[0]) for run in figures]
quiet = all(load <= QUIET_LOAD for load in loads)


def verdict(ok):
    if not quiet:
        return f"not judged: a run started at load {max(loads):g}; re-run on a quiet machine"
    if ok is None:
        return "not judged: figure missing in a run"
    return "**met**" if ok else "**not met**"


def at_most(key, limit):
    m = median(key)
    return None if m is None else m <= limit


def at_least(key, limit):
    m = median(key)
    return None if m is None else m >= limit


web, base = median("web_rps"), median("base_rps")
throughput = None if not web or not base else web / base
mail, loop = median("fanout_mail_s"), median("mailkit_loop_s")
fanout = None if not mail or not loop else mail / loop
commits = sorted({run.get("commit", "?") for run in figures})
software = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()

print(f"""# Benchmark report

`./bench.sh`: {runs} runs at commit {', '.join(f'`{c}`' for c in commits)}, .NET SDK {software}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores.
Figures are the **median** of the runs with the lowest and highest value in brackets. Each run's own report,
with the statements per request, the exceptions and the data set: {', '.join(f'[run {n}](run-{n}.md)' for n in range(1, runs + 1))}.

| run | load average at start (1, 5, 15 min) | at end | seconds |
|---|---|---|---|""")
for n, run in enumerate(figures, 1):
    print(f"| {n} | {run.get('load_start', '?')} | {run.get('load_end', '?')} | {run.get('total_s', '?')} |")
print()
if not quiet:
    print(f"**A run started above load {QUIET_LOAD}: the machine was not quiet, so no target is judged. Re-run on a quiet machine.**\n")

print("## Targets (judged on the medians)\n")
print("| target | median (spread) | result |")
print("|---|---|---|")
print(f"| timeline throughput ≥ 0.7× the baseline | Tenant.Web {spread('web_rps', ' req/s')}, baseline {spread('base_rps', ' req/s')}"
      f" = **{throughput:.2f}×** | {verdict(None if throughput is None else throughput >= 0.7)} |" if throughput is not None else
      "| timeline throughput ≥ 0.7× the baseline | n/a | not judged |")
print(f"| p99 ≤ 50 ms at 50% of peak (open loop) | {spread('web_ol_p99_ms', ' ms')} | {verdict(at_most('web_ol_p99_ms', 50))} |")
print(f"| urgent message to 1,000 parents by mail ≤ 2× a bare MailKit loop | {spread('fanout_mail_s', ' s')} vs {spread('mailkit_loop_s', ' s')}"
      f"{f' = **{fanout:.2f}×**' if fanout else ''} | {verdict(None if fanout is None else fanout <= 2)} |")
push, push_loop = median("fanout_push_s"), median("push_loop_s")
push_ratio = None if not push or not push_loop or (median("fanout_push") or 0) < 1000 else push / push_loop
print(f"| the same by web push ≤ 2× a bare loop of the same pushes | {spread('fanout_push_s', ' s')} vs {spread('push_loop_s', ' s')}"
      f"{f' = **{push_ratio:.2f}×**' if push_ratio else ''} (pushes received {spread('fanout_push')}) | {verdict(None if push_ratio is None else push_ratio <= 2)} |")
bookings_ok = None
if median("bookings_succeeded") is not None:
    bookings_ok = all(number(r, "bookings_succeeded") == 20 and number(r, "bookings_server_errors") == 0 for r in figures)
print(f"| 200 parallel bookings on 20 slots: 20 succeed, 0 errors | succeeded {spread('bookings_succeeded')}, server errors {spread('bookings_server_errors')} | {verdict(bookings_ok)} |")
print(f"| the same: p99 ≤ 1 s | p99 {spread('bookings_p99_ms', ' ms')}, p50 {spread('bookings_p50_ms', ' ms')} | {verdict(at_most('bookings_p99_ms', 1000))} |")
print(f"| Tenant.Web peak RSS ≤ 300 MB | {spread('web_peak_rss_mb', ' MB')} | {verdict(at_most('web_peak_rss_mb', 300))} |")
print(f"| cold start to ready ≤ 2 s | {spread('cold_ready_s', ' s')} | {verdict(at_most('cold_ready_s', 2))} |")
print(f"| timeline page ≤ 60 KB without photos | {spread('page_kb', ' KB')} (gzip {spread('page_gzip_kb', ' KB')}) | {verdict(at_most('page_kb', 60))} |")
print(f"| Lighthouse 12.2.3 mobile performance ≥ 95 | {spread('lh_performance')} | {verdict(at_least('lh_performance', 95))} |")
print(f"| Lighthouse 12.2.3 mobile accessibility ≥ 95 (issue 17) | {spread('lh_accessibility')} | {verdict(at_least('lh_accessibility', 95))} |")
print()
print("For each target: what was tried before and what each try measured is in [`bench/TRIED.md`](../TRIED.md); where the time goes")
print("is under \"Where the time goes\" below.\n")
print("## Other figures\n")
print("| figure | median (spread) |")
print("|---|---|")
for key, label, unit in [
    ("stmts_web", "SQL statements per timeline request (baseline: see the runs)", ""),
    ("web_ol_p50_ms", "open loop p50", " ms"),
    ("publish_request_ms", "urgent publish request", " ms"),
    ("cold_home_s", "cold start to the first home page", " s"),
    ("base_peak_rss_mb", "baseline peak RSS", " MB"),
    ("lh_lcp_ms", "Lighthouse LCP", " ms"),
    ("lh_tbt_ms", "Lighthouse total blocking time", " ms"),
]:
    print(f"| {label} | {spread(key, unit)} |")
print()
gc = figures[0].get("gc_settings", "?")
print(f"GC and runtime settings of Tenant.Web (Release, published ReadyToRun as deploy/Dockerfile does): `{gc}`.\n")
if figures[0].get("web_peak_split"):
    print(f"Tenant.Web peak RSS in run 1, split at its highest sample: {figures[0]['web_peak_split']}.\n")
gcdump = results / "gcdump-top.txt"
if gcdump.exists():
    print("## What the managed heap holds\n")
    print("dotnet-gcdump of Tenant.Web at the end of the load in run 1 (`bench/results/gcdump-top.txt`):\n")
    print("```")
    print(gcdump.read_text(encoding="utf-8").rstrip())
    print("```\n")
profile = results / "profile-cpu.txt"
if profile.exists():
    print("## Where the time goes\n")
    print("Linux perf (cpu-clock samples of every process at 499 Hz per core, managed frames named through the runtime's perf map)")
    print("during 20 s of the closed-loop timeline load in run 1 (`bench/results/profile-cpu.txt`, whole file below):\n")
    print("```")
    print(profile.read_text(encoding="utf-8").rstrip())
    print("```")
for name, what in [
    ("fanout", "the worker during the urgent fan-out (14 s from the publishing post)"),
    ("bookings", "Tenant.Web during the booking burst (6 s from the release of the 200 posts)"),
]:
    extra = results / f"profile-{name}-exclusive.txt"
    if extra.exists():
        print(f"\nProfile (dotnet-trace, sampled .NET thread stacks, waiting threads included) of {what} in run 1:"
              f" `bench/results/profile-{name}-exclusive.txt` (inclusive: `profile-{name}-inclusive.txt`).")
    split = results / f"cpu-split-{name}.txt"
    if split.exists():
        print(f"\nIn the same window, which process had the CPU (perf; `bench/results/cpu-split-{name}.txt`):\n")
        print("```")
        print(split.read_text(encoding="utf-8").rstrip())
        print("```")

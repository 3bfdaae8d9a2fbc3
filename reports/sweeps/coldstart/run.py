#!/usr/bin/env python3
"""Cold-start fill times (issue #11): one fresh JVM per fill, as ./initlab runs it.

Usage: run.py OUT.csv ROUNDS [variant ...]
Each variant is a name and extra JVM options (VARIANTS below). Every (variant, engine, scheme, size)
configuration is run once per round, in a shuffled order (fixed seed) so that neighbours' load hits all
configurations alike; ROUNDS >= 3. Records the fill time the CLI reports ("engine X ms"), the process wall
time, and the 1-minute load average before each run. Needs target/initlab-cli.jar, target/initlab.classpath
and (for the cache variants) target/initlab.aot, as ./initlab makes them.
"""
import csv, os, random, re, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
JAVA = os.environ.get("INITLAB_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
AOT = os.path.join(ROOT, "target", "initlab.aot")
VARIANTS = {
    "plain": [],
    "aot-cache": ["-XX:AOTCache=" + AOT, "-Xlog:aot=off", "-Xlog:cds=off"],
    "c1-only": ["-XX:TieredStopAtLevel=1"],
    "c2-only": ["-XX:-TieredCompilation"],
    "threshold-0.1": ["-XX:CompileThresholdScaling=0.1"],
    "aot-threshold-0.1": ["-XX:AOTCache=" + AOT, "-Xlog:aot=off", "-Xlog:cds=off", "-XX:CompileThresholdScaling=0.1"],
}
SCHEMES = {"uniform": ["--scheme", "uniform", "--low", "-1", "--high", "1"],
           "truncated_normal": ["--scheme", "truncated_normal", "--std", "0.02"]}


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def main():
    out, rounds = sys.argv[1], int(sys.argv[2])
    variants = sys.argv[3].split(",") if len(sys.argv) > 3 else ["plain", "aot-cache"]
    engines = (sys.argv[4] if len(sys.argv) > 4 else "scalar,vector").split(",")
    sizes = [int(s) for s in (sys.argv[5] if len(sys.argv) > 5 else "4096,1048576,16777216").split(",")]
    schemes = (sys.argv[6] if len(sys.argv) > 6 else "uniform,truncated_normal").split(",")
    with open(os.path.join(ROOT, "target", "initlab.classpath")) as f:
        cp = os.path.join(ROOT, "target", "initlab-cli.jar") + ":" + f.read().strip()
    configs = [(v, e, s, n) for v in variants for e in engines for s in schemes for n in sizes]
    rng = random.Random(20261203)
    tmp = "/tmp/initlab-coldstart-%d.raw" % os.getpid()
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["round", "variant", "engine", "scheme", "elements", "fill_ms", "wall_ms", "load1_before", "exit"])
        for r in range(rounds):
            order = configs[:]
            rng.shuffle(order)
            for v, e, s, n in order:
                cmd = [JAVA, "--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
                       "-XX:+UseParallelGC"] + VARIANTS[v] + ["-cp", cp, "dev.initlab.cli.Main", "fill"] + SCHEMES[s] + [
                       "--shape", str(n), "--engine", e, "--threads", "1", "--seed", "1", "--format", "raw",
                       "--out", tmp]
                l = load1()
                t0 = time.monotonic_ns()
                p = subprocess.run(cmd, capture_output=True, text=True)
                wall = (time.monotonic_ns() - t0) / 1e6
                m = re.search(r" engine ([0-9.]+) ms", p.stderr)
                w.writerow([r, v, e, s, n, m.group(1) if m else "", "%.1f" % wall, l, p.returncode])
                f.flush()
                extra = [x for x in p.stderr.splitlines() if "warning" in x.lower()
                         and x.strip() != "WARNING: Using incubator modules: jdk.incubator.vector"]
                if p.returncode != 0 or p.stdout.strip() or extra:
                    sys.stderr.write("%s %s %s %d: exit %d\nstdout: %s\nstderr: %s\n" % (v, e, s, n, p.returncode,
                                     p.stdout[-500:], p.stderr[-800:]))
    if os.path.exists(tmp):
        os.remove(tmp)


if __name__ == "__main__":
    main()
